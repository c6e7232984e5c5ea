// pruna_list_models: free, sends nothing. What each model does, its options (allowed values, defaults), which tool runs
// it and its price, all from the catalog and the price table (the single sources of those facts).
import * as vscode from 'vscode';
import * as z from 'zod';
import { describePrice, listModels, type ModelSpec } from '../../core';
import type { PrunaTool } from './runTools';
import { textResult } from './toolText';

const ListInput = z.strictObject({ kind: z.enum(['image', 'edit', 'video']).optional() });

const RUN_TOOLS = ['pruna_generate_image', 'pruna_edit_image', 'pruna_generate_video'] as const;
/** The edit tool takes no model field: it always runs the edit command's model. */
const FIXED_MODEL: Readonly<Record<string, string>> = { pruna_edit_image: 'p-image-edit' };

export function createListModelsTool(): PrunaTool {
  return {
    name: 'pruna_list_models',
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Listing Pruna models…') }),
    invoke(options) {
      const parsed = ListInput.safeParse(options.input ?? {});
      if (!parsed.success) return textResult('Error (field "kind"): must be one of "image", "edit", "video", or left out. Nothing was sent.');
      // Trainers run like videos (kind) but make weights, not videos: they match no kind filter.
      const models = listModels().filter((m) => !parsed.data.kind || (m.kind === parsed.data.kind && m.output !== 'zip'));
      return textResult(
        `Pruna models (prices are estimates from Pruna's published figures; "price unknown" means none is published):`,
        ...models.map(describeModel),
      );
    },
  };
}

export function describeModel(model: ModelSpec): string {
  const tool = RUN_TOOLS.find((t) => FIXED_MODEL[t] === model.id || toolModels(t).includes(model.id));
  const settable = tool ? toolFields(tool) : new Set<string>();
  const name = (apiField: string) => {
    const camel = apiField.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    return settable.has(camel) ? camel : settable.has(apiField) ? apiField : `${apiField} (API field${tool ? `; not settable through ${tool}` : ''})`;
  };
  const how = tool ? `run with ${tool}` : 'not available through the agent tools yet (the Studio or the commands run it)';
  const lines = [`## ${model.id} (${model.label}, ${model.kind}) — ${how}`, model.description, `Price: ${describePrice(model.id)}`];
  const options: string[] = [];
  if (model.aspectRatios.length) options.push(`${name('aspect_ratio')}: ${model.aspectRatios.join(' | ')}${model.customSize ? ' | custom' : ''} (default ${model.defaultAspectRatio})`);
  if (model.customSize) options.push(`width, height: ${model.customSize.min}–${model.customSize.max}, multiple of ${model.customSize.multiple} (only with aspectRatio custom)`);
  for (const input of [...model.imageInputs, ...model.audioInputs]) {
    options.push(`${name(input.field)}: ${input.multiple ? `${input.min}–${input.max} files` : 'a file'} (workspace path or https URL)${input.required ? ', required' : ''}`);
  }
  for (const o of model.options) {
    const range = o.values ? o.values.join(' | ') : o.min !== undefined || o.max !== undefined ? `${o.min ?? ''}–${o.max ?? ''}` : o.type;
    const dflt = (o as { default?: unknown }).default;
    options.push(`${name(o.field)}: ${range}${dflt !== undefined ? ` (default ${String(dflt)})` : ''}${o.description ? ` — ${o.description}` : ''}`);
  }
  options.push('seed: 0–2147483647 (default random, recorded)');
  if (model.safety) options.push(`${name(model.safety.field)}: boolean (API default ${String(model.safety.defaultDisabled)})`);
  return [...lines, 'Options:', ...options.map((o) => `- ${o}`), ''].join('\n');
}

/** The models a tool's `model` field allows (package.json). */
function toolModels(tool: string): readonly string[] {
  const schema = vscode.lm.tools.find((t) => t.name === tool)?.inputSchema as { properties?: { model?: { enum?: unknown } } } | undefined;
  const values = schema?.properties?.model?.enum;
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
}

/** The input fields a tool declares (package.json), so the list never offers what the tool would refuse. */
function toolFields(tool: string): ReadonlySet<string> {
  const schema = vscode.lm.tools.find((t) => t.name === tool)?.inputSchema as { properties?: Record<string, unknown> } | undefined;
  return new Set(Object.keys(schema?.properties ?? {}));
}

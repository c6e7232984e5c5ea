// pruna_list_models: free, sends nothing. What each model does, its options (allowed values, defaults), which tool runs
// it and its price, all from the catalog and the price table (the single sources of those facts).
import * as vscode from 'vscode';
import * as z from 'zod';
import { describePrice, listModels, type ModelSpec } from '../../core';
import type { PrunaTool } from './runTools';
import { textResult } from './toolText';

const ListInput = z.strictObject({ kind: z.enum(['image', 'edit', 'video']).optional() });

const TOOL_FOR_KIND: Readonly<Record<ModelSpec['kind'], string>> = {
  image: 'pruna_generate_image',
  edit: 'pruna_edit_image',
  video: 'pruna_generate_video',
};

export function createListModelsTool(): PrunaTool {
  return {
    name: 'pruna_list_models',
    prepareInvocation: () => ({ invocationMessage: 'Listing Pruna models…' }),
    invoke(options) {
      const parsed = ListInput.safeParse(options.input ?? {});
      if (!parsed.success) return textResult('Error (field "kind"): must be one of "image", "edit", "video", or left out. Nothing was sent.');
      const models = listModels().filter((m) => !parsed.data.kind || m.kind === parsed.data.kind);
      return textResult(
        `Pruna models (prices are estimates from Pruna's published figures; "price unknown" means none is published):`,
        ...models.map(describeModel),
      );
    },
  };
}

export function describeModel(model: ModelSpec): string {
  const tool = TOOL_FOR_KIND[model.kind];
  const settable = toolFields(tool);
  const name = (apiField: string) => {
    const camel = apiField.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    return settable.has(camel) ? camel : settable.has(apiField) ? apiField : `${apiField} (API field; not settable through ${tool})`;
  };
  const lines = [`## ${model.id} (${model.label}, ${model.kind}) — run with ${tool}`, model.description, `Price: ${describePrice(model.id)}`];
  const options: string[] = [];
  if (model.aspectRatios.length) options.push(`${name('aspect_ratio')}: ${model.aspectRatios.join(' | ')}${model.customSize ? ' | custom' : ''} (default ${model.defaultAspectRatio})`);
  if (model.customSize) options.push(`width, height: ${model.customSize.min}–${model.customSize.max}, multiple of ${model.customSize.multiple} (only with aspectRatio custom)`);
  for (const input of [...model.imageInputs, ...model.audioInputs]) {
    options.push(`${name(input.field)}: ${input.multiple ? `${input.min}–${input.max} files` : 'a file'} (workspace path or https URL)${input.required ? ', required' : ''}`);
  }
  for (const o of model.options) {
    const range = o.values ? o.values.join(' | ') : o.min !== undefined || o.max !== undefined ? `${o.min ?? ''}–${o.max ?? ''}` : o.type;
    options.push(`${name(o.field)}: ${range} (default ${String(o.default)})${o.description ? ` — ${o.description}` : ''}`);
  }
  options.push('seed: 0–2147483647 (default random, recorded)');
  if (model.safety) options.push(`${name(model.safety.field)}: boolean (API default ${String(model.safety.defaultDisabled)})`);
  return [...lines, 'Options:', ...options.map((o) => `- ${o}`), ''].join('\n');
}

/** The input fields a tool declares (package.json), so the list never offers what the tool would refuse. */
function toolFields(tool: string): ReadonlySet<string> {
  const schema = vscode.lm.tools.find((t) => t.name === tool)?.inputSchema as { properties?: Record<string, unknown> } | undefined;
  return new Set(Object.keys(schema?.properties ?? {}));
}

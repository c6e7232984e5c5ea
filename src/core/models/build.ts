// Builds each ModelSpec from its spec data (fields, enums, ranges, defaults, required) and its overlay facts, and the
// strict zod schema local validation uses. The deliberate local rules (stricter than the spec, each stopping an input
// the API would reject or silently ignore) are listed in LOCAL_RULES and tested against the spec's own schemas.
import * as z from 'zod';
import { SEED_MAX, fileUrl, prompt as nonEmptyPrompt } from './fields';
import type { ModelFacts } from './overlay';
import type { FieldSpec, SpecModel } from './specTypes';
import type { FileInputSpec, ImageInputSpec, ModelId, ModelSpec, OptionSpec, SafetySpec } from './types';

/** The local rules, by id, as the README and the differential test name them. */
export const LOCAL_RULES = {
  'non-empty-prompt': 'A required prompt must not be empty or whitespace.',
  'seed-range': `A seed is a whole number from 0 (or -1 where the spec documents -1 as "random") to ${SEED_MAX}.`,
  'https-files': 'A file input is an http(s) URL (an upload or a public URL); data: and other URIs are refused.',
  'custom-size': 'width/height are sent only with aspect_ratio "custom", then both, in multiples the description states.',
  'file-counts': 'File counts stated in descriptions ("1-3", "up to 11") are enforced; an edit needs its image.',
  'avatar-speech': 'p-video-avatar needs voice_script or audio (the spec says voice_script is required without audio).',
} as const;
export type LocalRule = keyof typeof LOCAL_RULES;

const SAFETY_FIELDS = ['disable_safety_checker', 'disable_safety_filter'] as const;
/** Fields a form renders itself (not as generic options). */
const FORM_FIELDS = new Set(['prompt', 'seed', 'aspect_ratio', ...SAFETY_FIELDS]);

function isFileField(f: FieldSpec): boolean {
  return f.format === 'uri' || (f.type === 'array' && f.items?.format === 'uri');
}

function fieldLabel(f: FieldSpec): string {
  const base = f.title && f.title !== f.name ? f.title : f.name.replace(/_/g, ' ');
  return base.charAt(0).toUpperCase() + base.slice(1).toLowerCase();
}

function seedBounds(f: FieldSpec): { min: number; max: number } {
  return { min: f.minimum ?? (f.default === -1 ? -1 : 0), max: f.maximum ?? SEED_MAX };
}

function numeric(schema: z.ZodNumber, f: FieldSpec, multiple?: number): z.ZodNumber {
  let s = schema;
  if (f.minimum !== undefined) s = s.min(f.minimum);
  if (f.maximum !== undefined) s = s.max(f.maximum);
  const step = f.multipleOf ?? multiple;
  if (step !== undefined) s = s.multipleOf(step);
  return s;
}

function scalar(type: 'string' | 'number' | 'integer', uri: boolean): z.ZodType {
  if (uri) return fileUrl;
  return type === 'string' ? z.string() : type === 'integer' ? z.int() : z.number();
}

function fieldSchema(model: SpecModel, f: FieldSpec, facts: ModelFacts): z.ZodType {
  const sizeMultiple = (f.name === 'width' || f.name === 'height') && hasCustomRatio(model) ? facts.customSizeMultiple : undefined;
  switch (f.type) {
    case 'boolean':
      return z.boolean();
    case 'string':
      if (f.enum) return z.enum(f.enum.map(String) as [string, ...string[]]);
      if (f.format === 'uri') return fileUrl;
      if (f.name === 'prompt' && model.required.includes('prompt')) return nonEmptyPrompt;
      return z.string();
    case 'integer':
      if (f.enum) return z.literal(f.enum as [number, ...number[]]);
      if (f.name === 'seed') {
        const { min, max } = seedBounds(f);
        return z.int().min(min).max(max);
      }
      return numeric(z.int(), f, sizeMultiple);
    case 'number':
      return numeric(z.number(), f);
    case 'array': {
      let s = z.array(scalar(f.items?.type ?? 'string', f.items?.format === 'uri'));
      const count = facts.counts?.[f.name];
      const min = Math.max(f.minItems ?? 0, count?.min ?? 0);
      const max = count?.max ?? f.maxItems;
      if (min > 0) s = s.min(min);
      if (max !== undefined) s = s.max(max);
      return s;
    }
  }
}

function hasCustomRatio(model: SpecModel): boolean {
  return !!model.fields.find((f) => f.name === 'aspect_ratio')?.enum?.includes('custom');
}

/** Required by the spec, or by the local file-count rule (min >= 1). */
function requiredFields(model: SpecModel, facts: ModelFacts): string[] {
  const extra = Object.entries(facts.counts ?? {})
    .filter(([name, c]) => (c.min ?? 0) >= 1 && !model.required.includes(name))
    .map(([name]) => name);
  return [...model.required, ...extra];
}

export function buildInputSchema(model: SpecModel, facts: ModelFacts): z.ZodType<Record<string, unknown>> {
  const required = new Set(requiredFields(model, facts));
  const shape: Record<string, z.ZodType> = {};
  // The prompt first, so a message names it before the rest (which follows the spec's order).
  const ordered = [...model.fields].sort((a, b) => Number(b.name === 'prompt') - Number(a.name === 'prompt'));
  for (const f of ordered) {
    const s = fieldSchema(model, f, facts);
    shape[f.name] = required.has(f.name) ? s : s.optional();
  }
  const custom = hasCustomRatio(model) && model.fields.some((f) => f.name === 'width');
  const avatar = model.id === 'p-video-avatar';
  const base = z.strictObject(shape);
  if (!custom && !avatar) return base as unknown as z.ZodType<Record<string, unknown>>;
  return base.superRefine((v: Record<string, unknown>, ctx) => {
    if (custom) {
      // Local rule custom-size: the API ignores width/height unless aspect_ratio is custom, and needs both when it is.
      const isCustom = v.aspect_ratio === 'custom';
      for (const side of ['width', 'height'] as const) {
        if (isCustom && v[side] === undefined) ctx.addIssue({ code: 'custom', path: [side], message: 'is required when aspect_ratio is "custom"' });
        if (!isCustom && v[side] !== undefined) ctx.addIssue({ code: 'custom', path: [side], message: 'is only used when aspect_ratio is "custom"' });
      }
    }
    if (avatar && v.audio === undefined && (typeof v.voice_script !== 'string' || v.voice_script.trim() === '')) {
      ctx.addIssue({ code: 'custom', path: ['voice_script'], message: 'is required when no audio is given (the words the avatar says)' });
    }
  }) as unknown as z.ZodType<Record<string, unknown>>;
}

function fileInput(model: SpecModel, f: FieldSpec, facts: ModelFacts, required: boolean): FileInputSpec {
  const multiple = f.type === 'array';
  const count = facts.counts?.[f.name];
  const min = multiple ? Math.max(f.minItems ?? 0, count?.min ?? 0, required ? 1 : 0) : required ? 1 : 0;
  // An array without a stated maximum: MAX_FILES keeps a form usable (no model documents more than 11).
  const max = multiple ? count?.max ?? f.maxItems ?? MAX_FILES : 1;
  const media = facts.media[f.name];
  if (!media) throw new Error(`overlay: ${model.id}.${f.name} takes a file but has no media kind`);
  return { field: f.name, multiple, min, max, required, media, label: fieldLabel(f), ...(f.description ? { description: f.description } : {}) };
}

/** Most files one array input takes when the spec states no maximum. */
export const MAX_FILES = 16;

function option(f: FieldSpec, prominent: boolean, multiple?: number): OptionSpec | undefined {
  const base = {
    field: f.name,
    label: fieldLabel(f),
    ...(f.description ? { description: f.description } : {}),
    ...(prominent ? { prominent: true } : {}),
  };
  const def = typeof f.default === 'string' || typeof f.default === 'number' || typeof f.default === 'boolean' ? { default: f.default } : {};
  if (f.enum) return { ...base, type: 'enum', values: [...f.enum], ...def };
  switch (f.type) {
    case 'boolean':
      return { ...base, type: 'boolean', ...def };
    case 'integer':
    case 'number': {
      const step = f.multipleOf ?? multiple;
      return {
        ...base,
        type: f.type,
        ...def,
        ...(f.minimum !== undefined ? { min: f.minimum } : {}),
        ...(f.maximum !== undefined ? { max: f.maximum } : {}),
        ...(step !== undefined ? { step } : {}),
      };
    }
    case 'string':
      return { ...base, type: 'string', ...def };
    default:
      // Lists of LoRA URLs / scales: pruna.run and the agent take them; the form does not render lists of text.
      return undefined;
  }
}

function safetyOf(model: SpecModel): SafetySpec | null {
  const f = model.fields.find((x) => (SAFETY_FIELDS as readonly string[]).includes(x.name));
  if (!f) return null;
  const field = f.name as SafetySpec['field'];
  return {
    field,
    defaultDisabled: typeof f.default === 'boolean' ? f.default : false,
    checks: field === 'disable_safety_filter' ? 'inputs' : 'output',
    description: f.description ?? '',
  };
}

export function buildModel(model: SpecModel, facts: ModelFacts, source: 'spec' | 'overlay'): ModelSpec {
  const required = requiredFields(model, facts);
  const files = model.fields.filter(isFileField).map((f) => fileInput(model, f, facts, required.includes(f.name)));
  const asSlot = ({ field, multiple, min, max, required: r }: FileInputSpec): ImageInputSpec => ({ field, multiple, min, max, required: r });
  const ratioField = model.fields.find((f) => f.name === 'aspect_ratio');
  const ratios = (ratioField?.enum ?? []).map(String);
  const custom = ratios.includes('custom') ? model.fields.find((f) => f.name === 'width') : undefined;
  const customSize = custom?.maximum !== undefined
    ? { min: custom.minimum ?? facts.customSizeMultiple ?? 1, max: custom.maximum, multiple: facts.customSizeMultiple ?? 1 }
    : undefined;
  const prominent = new Set(facts.prominent ?? []);
  const options = model.fields
    .filter((f) => !FORM_FIELDS.has(f.name) && !isFileField(f) && !f.secret && !(customSize && (f.name === 'width' || f.name === 'height')))
    .map((f) => option(f, prominent.has(f.name), (f.name === 'width' || f.name === 'height') ? facts.customSizeMultiple : undefined))
    .filter((o): o is OptionSpec => o !== undefined);
  const defaults = Object.fromEntries(model.fields.filter((f) => f.default !== undefined).map((f) => [f.name, f.default]));
  const promptField = model.fields.find((f) => f.name === 'prompt');
  return {
    id: model.id as ModelId,
    label: facts.label,
    kind: facts.kind,
    description: facts.summary,
    summary: facts.summary,
    inputSchema: buildInputSchema(model, facts),
    imageInputs: files.filter((f) => f.media.includes('image')).map(asSlot),
    audioInputs: files.filter((f) => f.media.includes('audio')).map(asSlot),
    safety: safetyOf(model),
    syncSuitable: facts.syncSuitable,
    pollIntervalMs: facts.pollIntervalMs,
    rateLimitPerMinute: model.rateLimitPerMinute,
    aspectRatios: ratios.filter((r) => r !== 'custom'),
    defaultAspectRatio: typeof ratioField?.default === 'string' ? ratioField.default : ratios.find((r) => r !== 'custom') ?? '',
    ...(customSize ? { customSize } : {}),
    options,
    defaults,
    group: facts.group,
    output: facts.output,
    source,
    fields: model.fields,
    required,
    files,
    prompt: !promptField ? 'none' : model.required.includes('prompt') ? 'required' : 'optional',
    secretFields: model.fields.filter((f) => f.secret).map((f) => f.name),
    ...(facts.loraOf ? { loraOf: facts.loraOf as ModelId } : {}),
  };
}

// Per-model input schemas from openapi.yaml 0.5.3 (fields, enums, ranges; every input has additionalProperties: false)
// and the overlay's newer models. Defaults are not applied: the server echoes only what was submitted.
import * as z from 'zod';
import { SPEC_MODELS } from '../../src/core/models/generated/spec';
import { OVERLAY_MODELS } from '../../src/core/models/overlay';
import type { FieldSpec, SpecModel } from '../../src/core/models/specTypes';

/** JSON type name of a value, as the API's validator words it ("given: string"). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

// Each primitive words its own type error so a 422 says "Expected: integer, given: string" like the spec example.
function typeError(expected: string) {
  return (issue: { code: string; input?: unknown }) =>
    issue.code === 'invalid_type' && issue.input !== undefined
      ? `Invalid type. Expected: ${expected}, given: ${jsonType(issue.input)}`
      : undefined;
}
const str = () => z.string({ error: typeError('string') });
const int = () => z.int({ error: typeError('integer') });
const num = () => z.number({ error: typeError('number') });
const bool = () => z.boolean({ error: typeError('boolean') });
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: typeError('string') });

/** A URI input: http(s) only; data/base64 URIs are documented as unsupported (FAQ). */
const uri = () =>
  str().superRefine((value, ctx) => {
    if (/^data:/i.test(value)) {
      ctx.addIssue({
        code: 'custom',
        params: { type: 'format' },
        message: 'Base64 data URIs are not supported; upload the file to /v1/files or pass a public http(s) URL',
      });
      return;
    }
    let ok = false;
    try {
      const protocol = new URL(value).protocol;
      ok = protocol === 'http:' || protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) {
      ctx.addIssue({ code: 'custom', params: { type: 'format' }, message: "Does not match format 'uri' (an http(s) URL)" });
    }
  });

/** One field of the spec as a zod schema, worded like the API's validator. */
function fieldSchema(f: FieldSpec): z.ZodType {
  const range = (schema: z.ZodNumber): z.ZodNumber => {
    let out = schema;
    if (f.minimum !== undefined) out = out.min(f.minimum);
    if (f.maximum !== undefined) out = out.max(f.maximum);
    // "Must be a multiple of 16" is stated in width/height descriptions only; the API enforces it (guide S6).
    const multiple = f.multipleOf ?? Number(/multiple of (\d+)/i.exec(f.description ?? '')?.[1] ?? NaN);
    if (Number.isFinite(multiple)) out = out.multipleOf(multiple);
    return out;
  };
  switch (f.type) {
    case 'boolean':
      return bool();
    case 'string':
      if (f.enum) return oneOf(f.enum.map(String) as [string, ...string[]]);
      return f.format === 'uri' ? uri() : str();
    case 'integer':
      return f.enum ? z.literal(f.enum as [number, ...number[]], { error: typeError('integer') }) : range(int());
    case 'number':
      return range(num());
    case 'array': {
      const item = f.items?.format === 'uri' ? uri() : f.items?.type === 'number' ? num() : f.items?.type === 'integer' ? int() : str();
      let list = z.array(item, { error: typeError('array') });
      if (f.minItems !== undefined) list = list.min(f.minItems);
      if (f.maxItems !== undefined) list = list.max(f.maxItems);
      return list;
    }
  }
}

/** The spec's input object of a model: its fields, `required`, and additionalProperties: false. */
function modelSchema(model: SpecModel): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const f of model.fields) shape[f.name] = model.required.includes(f.name) ? fieldSchema(f) : fieldSchema(f).optional();
  const object = z.strictObject(shape);
  const customSize = model.fields.find((f) => f.name === 'aspect_ratio')?.enum?.includes('custom') && model.fields.some((f) => f.name === 'width');
  if (!customSize) return object;
  return object.superRefine((input: Record<string, unknown>, ctx) => {
    // The spec only says width/height are "used when aspect_ratio=custom"; a custom size without them is
    // meaningless, so the oracle is strict here to catch clients that forget them.
    if (input['aspect_ratio'] !== 'custom') return;
    for (const key of ['width', 'height'] as const) {
      if (input[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], params: { type: 'missing' }, message: 'Field required when aspect_ratio is custom' });
      }
    }
  });
}

/**
 * Every model's input schema, built from the spec's data: the generated transcription of openapi.yaml 0.5.3 and the
 * overlay's newer models (plain data files; the simulator uses none of the core's validation code).
 */
export const INPUT_SCHEMAS: Readonly<Record<string, z.ZodType>> = Object.fromEntries(
  [...Object.values(SPEC_MODELS), ...OVERLAY_MODELS].map((model) => [model.id, modelSchema(model)]),
);

/** The aspect ratios p-image renders at ~1 MP, as width x height. */
export const P_IMAGE_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  '1:1': [1024, 1024],
  '16:9': [1344, 768],
  '9:16': [768, 1344],
  '4:3': [1152, 896],
  '3:4': [896, 1152],
  '3:2': [1216, 832],
  '2:3': [832, 1216],
};

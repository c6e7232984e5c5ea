// The single place for model facts: every model of the P-API spec (generated from openapi.yaml into
// models/generated/spec.ts) plus the overlay's newer models and the facts the spec lacks (models/overlay.ts).
import * as l10n from './l10n';
import { PrunaError } from './errors';
import { LOCAL_RULES, buildModel, type LocalRule } from './models/build';
import { SEED_MAX } from './models/fields';
import { SPEC_MODELS, SPEC_VERSION } from './models/generated/spec';
import { MODEL_FACTS, OVERLAY_MODELS } from './models/overlay';
import { P_IMAGE_SIZES } from './models/sizes';
import type { SpecModel } from './models/specTypes';
import { MODEL_IDS, type FileInputSpec, type MediaKind, type ModelId, type ModelSpec } from './models/types';
import { catalogPrice } from './pricing/estimate';
import { formatIssues } from './validation';

export { LOCAL_RULES, MODEL_IDS, SEED_MAX, SPEC_VERSION };
export type { LocalRule };
export type {
  FieldSpec,
  FileInputSpec,
  ImageInputSpec,
  MediaKind,
  ModelGroup,
  ModelId,
  ModelSpec,
  OptionSpec,
  OutputKind,
  SafetySpec,
} from './models/types';

function build(): Readonly<Record<ModelId, ModelSpec>> {
  const raw = new Map<string, { model: SpecModel; source: 'spec' | 'overlay' }>();
  for (const model of Object.values(SPEC_MODELS)) raw.set(model.id, { model, source: 'spec' });
  for (const model of OVERLAY_MODELS) raw.set(model.id, { model, source: 'overlay' });
  const out = {} as Record<ModelId, ModelSpec>;
  for (const id of MODEL_IDS) {
    const entry = raw.get(id);
    const facts = MODEL_FACTS[id];
    if (!entry || !facts) throw new Error(`catalog: model "${id}" has no ${entry ? 'overlay facts' : 'spec data'}`);
    out[id] = buildModel(entry.model, facts, entry.source);
  }
  return out;
}

// Built lazily: activation should not pay for ~28 zod schemas until a model is first used.
let models: Readonly<Record<ModelId, ModelSpec>> | undefined;
function all(): Readonly<Record<ModelId, ModelSpec>> {
  return (models ??= build());
}

/** Pickers' order: the five long-standing models first (lists and saved panel states start there), then the overlay's. */
const FIRST: readonly ModelId[] = ['p-image', 'p-image-edit', 'p-video', 'wan-t2v', 'wan-i2v'];
const DISPLAY_ORDER: readonly ModelId[] = [...FIRST, ...Object.keys(MODEL_FACTS).filter((id): id is ModelId => isModelId(id) && !FIRST.includes(id))];

export function isModelId(id: string): id is ModelId {
  return (MODEL_IDS as readonly string[]).includes(id);
}

export function getModel(id: string): ModelSpec {
  if (!isModelId(id)) {
    throw new PrunaError('invalid-input', l10n.t('Unknown model "{0}". Choose one of: {1}.', id, DISPLAY_ORDER.join(', ')), {
      fields: ['model'],
      hint: 'check-input',
    });
  }
  return all()[id];
}

export function listModels(): ModelSpec[] {
  return DISPLAY_ORDER.map((id) => all()[id]);
}

/** Every file field of a model (images, video, audio, zip), with the media kind it takes first. */
export function fileInputs(model: ModelSpec): { spec: FileInputSpec; accept: MediaKind; accepts: readonly MediaKind[] }[] {
  return model.files.map((spec) => ({ spec, accept: spec.media[0]!, accepts: spec.media }));
}

/** writeOnly fields of a model (hf_api_token): redact them from logs, records, recipes and the webview. */
export function secretFields(model: ModelId | ModelSpec): readonly string[] {
  return (typeof model === 'string' ? getModel(model) : model).secretFields;
}

/** Every secret field name of any model, for redacting inputs whose model is unknown. */
export function allSecretFields(): readonly string[] {
  return [...new Set(listModels().flatMap((m) => m.secretFields))];
}

/** A copy of an input without its secret fields (what may be logged, recorded or shown). */
export function redactSecrets(model: ModelId | ModelSpec | string, input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const names = typeof model === 'string' && !isModelId(model) ? allSecretFields() : secretFields(model as ModelId | ModelSpec);
  const out: Record<string, unknown> = { ...input };
  for (const name of names) delete out[name];
  return out;
}

/**
 * Validates input locally so a bad prompt, seed, size, ratio or file count never reaches the API.
 * Returns the input unchanged (no defaults injected); throws PrunaError('invalid-input') naming the fields.
 */
export function validateInput(model: ModelId, input: unknown): Record<string, unknown> {
  const spec = getModel(model);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new PrunaError('invalid-input', l10n.t('Invalid input for {0}: expected an object of input fields.', model), {
      fields: [],
      hint: 'check-input',
    });
  }
  const result = spec.inputSchema.safeParse(input);
  if (!result.success) {
    const { fields, message } = formatIssues(result.error.issues, model);
    throw new PrunaError('invalid-input', message, { fields, hint: 'check-input' });
  }
  return result.data;
}

/** Expected output pixels where the docs state them; undefined when the size depends on the inputs or is unknown. */
export function outputSize(model: ModelId, input: Record<string, unknown>): { width: number; height: number } | undefined {
  if (model === 'p-image' || model === 'p-image-lora') {
    const ratio = typeof input.aspect_ratio === 'string' ? input.aspect_ratio : getModel(model).defaultAspectRatio;
    if (ratio === 'custom') {
      return typeof input.width === 'number' && typeof input.height === 'number'
        ? { width: input.width, height: input.height }
        : undefined;
    }
    return P_IMAGE_SIZES[ratio];
  }
  if (model === 'wan-t2v') {
    // The spec documents 480p only: 16:9 = 832x480, 9:16 = 480x832.
    const resolution = input.resolution ?? '480p';
    if (resolution !== '480p') return undefined;
    return input.aspect_ratio === '9:16' ? { width: 480, height: 832 } : { width: 832, height: 480 };
  }
  return undefined;
}

/** A seed in 0..SEED_MAX; `random` is injectable so tests are deterministic. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.min(SEED_MAX, Math.floor(random() * (SEED_MAX + 1)));
}

/** A price estimate as the pricing module (src/core/pricing, issue 14) gives it. */
export interface PriceEstimate {
  readonly usd: number;
  readonly note?: string;
  readonly source?: string;
}
type PriceSource = (model: ModelId, input: Readonly<Record<string, unknown>>) => PriceEstimate | undefined;
// The pricing module's estimate (src/core/pricing, one price table with sources and dates); replaceable in tests.
let priceSource: PriceSource | undefined = catalogPrice;

/** Replaces where prices come from (tests); the catalog keeps no price table of its own. */
export function setPriceSource(source: PriceSource | undefined): void {
  priceSource = source;
}

/** Estimated price of one run, or undefined when unknown ("price unknown" in the UI). */
export function modelPrice(model: ModelId, input: Readonly<Record<string, unknown>> = {}): PriceEstimate | undefined {
  return priceSource?.(model, input);
}

/**
 * The model's input as a JSON Schema (draft-07 subset), from the same spec data as validation: for agent tools and
 * other callers that describe inputs to a model. Secret fields (hf_api_token) are left out: an agent never sees them.
 */
export function inputJsonSchema(model: ModelId | ModelSpec): Record<string, unknown> {
  const spec = typeof model === 'string' ? getModel(model) : model;
  const properties: Record<string, unknown> = {};
  for (const f of spec.fields) {
    if (f.secret) continue;
    const isFile = f.format === 'uri' || f.items?.format === 'uri';
    const item = f.items && { type: f.items.type, ...(f.items.format ? { format: f.items.format } : {}) };
    properties[f.name] = {
      type: f.type,
      ...(f.description ? { description: isFile ? l10n.t('{0} (a file path in the workspace or an https URL)', f.description) : f.description } : {}),
      ...(f.enum ? { enum: [...f.enum] } : {}),
      ...(f.default !== undefined ? { default: f.default } : {}),
      ...(f.minimum !== undefined ? { minimum: f.minimum } : {}),
      ...(f.maximum !== undefined ? { maximum: f.maximum } : {}),
      ...(f.multipleOf !== undefined ? { multipleOf: f.multipleOf } : {}),
      ...(f.format === 'uri' ? { format: 'uri' } : {}),
      ...(item ? { items: item } : {}),
      ...(f.minItems !== undefined ? { minItems: f.minItems } : {}),
      ...(f.maxItems !== undefined ? { maxItems: f.maxItems } : {}),
    };
  }
  return {
    type: 'object',
    description: `${spec.label}: ${spec.summary}`,
    properties,
    required: spec.required.filter((name) => name in properties),
    additionalProperties: false,
  };
}

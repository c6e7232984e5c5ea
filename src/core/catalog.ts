// The single place for model facts: ids, schemas, inputs, safety switch, sync suitability, polling and limits.
import { PrunaError } from './errors';
import { SEED_MAX } from './models/fields';
import { pImage, P_IMAGE_SIZES } from './models/pImage';
import { pImageEdit } from './models/pImageEdit';
import { pVideo } from './models/pVideo';
import { MODEL_IDS, type ModelId, type ModelSpec } from './models/types';
import { wanI2v, wanT2v } from './models/wan';
import { formatIssues } from './validation';

export { MODEL_IDS, SEED_MAX };
export type { ImageInputSpec, ModelId, ModelSpec, OptionSpec, SafetySpec } from './models/types';

const MODELS: Readonly<Record<ModelId, ModelSpec>> = {
  'p-image': pImage,
  'p-image-edit': pImageEdit,
  'p-video': pVideo,
  'wan-t2v': wanT2v,
  'wan-i2v': wanI2v,
};

export function isModelId(id: string): id is ModelId {
  return (MODEL_IDS as readonly string[]).includes(id);
}

export function getModel(id: string): ModelSpec {
  if (!isModelId(id)) {
    throw new PrunaError('invalid-input', `Unknown model "${id}". Choose one of: ${MODEL_IDS.join(', ')}.`, {
      fields: ['model'],
      hint: 'check-input',
    });
  }
  return MODELS[id];
}

export function listModels(): ModelSpec[] {
  return MODEL_IDS.map((id) => MODELS[id]);
}

/** Every file field of a model (images and audio). */
export function fileInputs(model: ModelSpec): { spec: ModelSpec['imageInputs'][number]; accept: 'image' | 'audio' }[] {
  return [
    ...model.imageInputs.map((spec) => ({ spec, accept: 'image' as const })),
    ...model.audioInputs.map((spec) => ({ spec, accept: 'audio' as const })),
  ];
}

/**
 * Validates input locally so a bad prompt, seed, size, ratio or image count never reaches the API.
 * Returns the input unchanged (no defaults injected); throws PrunaError('invalid-input') naming the fields.
 */
export function validateInput(model: ModelId, input: unknown): Record<string, unknown> {
  const spec = getModel(model);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new PrunaError('invalid-input', `Invalid input for ${model}: expected an object of input fields.`, {
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
  if (model === 'p-image') {
    const ratio = typeof input.aspect_ratio === 'string' ? input.aspect_ratio : pImage.defaultAspectRatio;
    if (ratio === 'custom') {
      return typeof input.width === 'number' && typeof input.height === 'number'
        ? { width: input.width, height: input.height }
        : undefined;
    }
    return (P_IMAGE_SIZES as Record<string, { width: number; height: number }>)[ratio];
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

// Whether to offer the upscale model for a result that the exact-size post-processing enlarged more than 1.5×, and
// with which target: the fewest whole megapixels (within the model's range) at which the model's picture covers the
// crop without enlarging, and what that costs by the price table. Pure: the shell shows the offer and runs it only
// when the user clicks.
import { getModel, isModelId } from '../catalog';
import { estimateCost, type CostEstimate } from '../pricing';
import { MAX_SILENT_UPSCALE, centreCrop, upscaleFactor, type Size } from './geometry';

export const UPSCALE_MODEL = 'p-image-upscale';

export interface UpscaleOffer {
  readonly model: typeof UPSCALE_MODEL;
  /** The model's `target` input, in megapixels. */
  readonly megapixels: number;
  /** How much the post-processing enlarges the model's picture without the upscale (> 1.5). */
  readonly enlargement: number;
  /** How much it would still enlarge after the upscale (≤ 1 unless the model's largest target is too small). */
  readonly remaining: number;
  /** By the price table: "about $0.02", or unknown where no price is published (p-image-upscale today). */
  readonly cost: CostEstimate;
}

/** Whether the catalog has the upscale model (the offer is made only then), and its megapixel range. */
export function upscaleModelRange(): { min: number; max: number } | undefined {
  if (!isModelId(UPSCALE_MODEL)) return undefined;
  const field = getModel(UPSCALE_MODEL).fields.find((f) => f.name === 'target');
  if (!field) return undefined;
  return { min: field.minimum ?? 1, max: field.maximum ?? 8 };
}

/**
 * The offer for a model result of `source` pixels saved at exactly `target`, or undefined when the enlargement is at
 * most 1.5× (nothing to offer) or the catalog has no upscale model (`range` null).
 */
export function upscaleOffer(source: Size, target: Size, range: { min: number; max: number } | null = upscaleModelRange() ?? null): UpscaleOffer | undefined {
  if (!range) return undefined;
  const enlargement = upscaleFactor(centreCrop(source, target), target);
  if (!(enlargement > MAX_SILENT_UPSCALE)) return undefined;
  // The upscaled picture keeps the source's ratio; grown by `enlargement` its crop covers the target exactly.
  const needed = (source.width * source.height * enlargement * enlargement) / 1e6;
  const megapixels = Math.min(range.max, Math.max(range.min, Math.ceil(needed - 1e-9)));
  const remaining = enlargement / Math.sqrt((megapixels * 1e6) / (source.width * source.height));
  const cost = estimateCost(UPSCALE_MODEL, { target: megapixels });
  return {
    model: UPSCALE_MODEL,
    megapixels,
    enlargement,
    remaining,
    cost,
  };
}

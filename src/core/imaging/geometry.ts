// Crop and scale arithmetic: the largest centred box of the target's ratio, and how much it must grow or shrink.

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface CropBox extends Size {
  readonly x: number;
  readonly y: number;
}

/** Enlarging more than this is said to the user (or left to an upscale model), never done silently. */
export const MAX_SILENT_UPSCALE = 1.5;

/**
 * The largest box of `target`'s ratio centred in `source`, in whole pixels. A ratio equal within half a pixel keeps the
 * whole source (no one-pixel crops from rounding).
 */
export function centreCrop(source: Size, target: Size): CropBox {
  const ratio = target.width / target.height;
  let width = source.width;
  let height = Math.round(width / ratio);
  if (height > source.height) {
    height = source.height;
    width = Math.round(height * ratio);
  }
  width = Math.max(1, Math.min(source.width, width));
  height = Math.max(1, Math.min(source.height, height));
  return { x: Math.floor((source.width - width) / 2), y: Math.floor((source.height - height) / 2), width, height };
}

/** How much the crop is enlarged to reach the target (> 1 upscales); the larger of the two sides. */
export function upscaleFactor(crop: Size, target: Size): number {
  return Math.max(target.width / crop.width, target.height / crop.height);
}

/** A size multiplied by a pixel density (2 for `2x`, `@2x`), rounded to whole pixels. */
export function withDensity(size: Size, density: number | undefined): Size {
  const d = density !== undefined && Number.isFinite(density) && density > 0 ? density : 1;
  return { width: Math.round(size.width * d), height: Math.round(size.height * d) };
}

export function formatSize(size: Size): string {
  return `${size.width}×${size.height}`;
}

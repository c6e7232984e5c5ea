// Turns the size the code asks for into p-image parameters, and says in words what was chosen and why. A size
// outside the model's limits is scaled (keeping the ratio where it fits) and the explanation says so: never silent.
import * as l10n from '../l10n';
import { outputSize, type ModelSpec } from '../catalog';
import { MAX_SILENT_UPSCALE, centreCrop, formatSize, upscaleFactor, withDensity, type Size } from '../imaging/geometry';
import type { SizeHint } from './types';

/** A size hint with the pixel density the code states (`2x` descriptor, `@2x` name), when it states one. */
export interface DensityHint extends SizeHint {
  readonly density?: number;
}

/** `pruna.placeholders.size`: `exact` saves the pixels the code asks for; `model` saves what the model made. */
export type SizeMode = 'exact' | 'model';

export type SizeParams =
  | { readonly aspect_ratio: string }
  | { readonly aspect_ratio: 'custom'; readonly width: number; readonly height: number };

export interface SizeChoice {
  readonly params: SizeParams;
  /** Short label for lists: "16:9 · 1344×768", "1200×608". */
  readonly label: string;
  /** What the code asked for and what was chosen: "1200×600 → 2:1 is not offered; nearest 16:9 (1344×768)". */
  readonly explanation: string;
  /** Expected output pixels of the model, when known. */
  readonly width?: number;
  readonly height?: number;
  /** The saved file's exact pixels (cropped and resized locally from the model's), when the code states a size. */
  readonly target?: Size;
  /** How much the picture is enlarged to reach the target (> 1), when it must be. */
  readonly upscale?: number;
}

export interface SizeOptions {
  /** Prefer a custom width × height over the nearest preset ratio (when the model offers custom sizes). */
  readonly exact: boolean;
  /** The user's preferred ratio for code that says nothing about size (ignored unless the model offers it). */
  readonly defaultAspectRatio?: string;
  /** `exact`: the file gets exactly the size the code states (default here: `model`, the size the model makes). */
  readonly mode?: SizeMode;
}

type SizedModel = Pick<ModelSpec, 'id' | 'label' | 'aspectRatios' | 'defaultAspectRatio' | 'customSize'>;

/** Ratios closer than this are the same ratio (1200×675 is 16:9). */
const SAME_RATIO = 0.01;

export function chooseSize(model: SizedModel, hint: DensityHint, options: SizeOptions): SizeChoice {
  const wanted = completeHint(hint);
  if (options.mode === 'exact' && wanted.width !== undefined && wanted.height !== undefined) {
    return exactFile(model, { width: wanted.width, height: wanted.height }, hint.density);
  }
  const custom = model.customSize;
  const exactNote = options.exact && !custom ? l10n.t('{0} has no custom sizes; ', model.label) : '';
  const fallback =
    options.defaultAspectRatio !== undefined && model.aspectRatios.includes(options.defaultAspectRatio)
      ? options.defaultAspectRatio
      : model.defaultAspectRatio;
  if (wanted.ratio === undefined) {
    const why = wanted.width !== undefined || wanted.height !== undefined
      ? wanted.width !== undefined
        ? l10n.t('only width {0} in the code, no height or aspect-ratio', wanted.width)
        : l10n.t('only height {0} in the code, no width or aspect-ratio', wanted.height ?? '')
      : l10n.t('no size in the code');
    return preset(model, fallback, l10n.t('{0}{1} → default', exactNote, why));
  }
  if (options.exact && custom) {
    if (wanted.width !== undefined && wanted.height !== undefined) return customSize(custom, wanted.width, wanted.height);
    const near = nearestRatio(model, wanted.ratio);
    if (near && near.distance < SAME_RATIO) return preset(model, near.ratio, l10n.t('exact: aspect-ratio {0} →', formatRatio(wanted.ratio)));
    return customFromRatio(model, custom, wanted.ratio);
  }
  const near = nearestRatio(model, wanted.ratio);
  if (!near) return preset(model, model.defaultAspectRatio, l10n.t('{0} has no aspect ratios; default', model.label));
  const asked = wanted.width !== undefined && wanted.height !== undefined
    ? `${wanted.width}×${wanted.height}`
    : l10n.t('aspect-ratio {0}', formatRatio(wanted.ratio));
  if (near.distance < SAME_RATIO) return preset(model, near.ratio, `${exactNote}${asked} →`);
  return preset(model, near.ratio, l10n.t('{0}{1} → {2} is not offered; nearest', exactNote, asked, formatRatio(wanted.ratio)));
}

interface Wanted {
  readonly width?: number;
  readonly height?: number;
  readonly ratio?: number;
}

function completeHint(hint: SizeHint): Wanted {
  const { width, height, aspectRatio } = hint;
  if (width && height) return { width, height, ratio: width / height };
  if (width && aspectRatio) return { width, height: Math.round(width / aspectRatio), ratio: aspectRatio };
  if (height && aspectRatio) return { width: Math.round(height * aspectRatio), height, ratio: aspectRatio };
  if (aspectRatio) return { ratio: aspectRatio };
  return { ...(width ? { width } : {}), ...(height ? { height } : {}) };
}

function preset(model: SizedModel, ratio: string, prefix: string): SizeChoice {
  const pixels = outputSize(model.id, { aspect_ratio: ratio });
  const sized = pixels ? `${ratio} (${pixels.width}×${pixels.height})` : ratio;
  return {
    params: { aspect_ratio: ratio },
    label: pixels ? `${ratio} · ${pixels.width}×${pixels.height}` : ratio,
    explanation: `${prefix} ${sized}`,
    ...(pixels ?? {}),
  };
}

function nearestRatio(model: SizedModel, ratio: number): { ratio: string; distance: number } | undefined {
  let best: { ratio: string; distance: number } | undefined;
  for (const name of model.aspectRatios) {
    const value = ratioValue(name);
    if (value === undefined) continue;
    const distance = Math.abs(Math.log(value) - Math.log(ratio));
    if (!best || distance < best.distance) best = { ratio: name, distance };
  }
  return best;
}

function ratioValue(name: string): number | undefined {
  const match = /^(\d+):(\d+)$/.exec(name);
  return match ? Number(match[1]) / Number(match[2]) : undefined;
}

type Limits = NonNullable<SizedModel['customSize']>;

function customSize(limits: Limits, width: number, height: number): SizeChoice {
  const asked = `${width}×${height}`;
  let w = width;
  let h = height;
  const exact = l10n.t('exact:');
  let note = exact;
  const long = Math.max(w, h);
  if (long > limits.max) {
    const scale = limits.max / long;
    w *= scale;
    h *= scale;
    note = l10n.t('{0} exceeds {1} → scaled to', asked, limits.max);
  }
  const short = Math.min(w, h);
  if (short < limits.min) {
    const scale = limits.min / short;
    if (Math.max(w, h) * scale <= limits.max) {
      w *= scale;
      h *= scale;
      note = l10n.t('{0} is below {1} → scaled up to', asked, limits.min);
    } else {
      note = l10n.t('{0} ({1}) does not fit {2}–{3} → closest that fits:', asked, formatRatio(width / height), limits.min, limits.max);
    }
  }
  const finalWidth = roundSide(w, limits);
  const finalHeight = roundSide(h, limits);
  const rounded = finalWidth !== Math.round(w) || finalHeight !== Math.round(h);
  const size = `${finalWidth}×${finalHeight}`;
  const explanation = note === exact && !rounded ? `${exact} ${size}` : `${note} ${size}${rounded ? l10n.t(' (rounded to multiples of {0})', limits.multiple) : ''}`;
  return {
    params: { aspect_ratio: 'custom', width: finalWidth, height: finalHeight },
    label: size,
    explanation,
    width: finalWidth,
    height: finalHeight,
  };
}

/** An exact ratio without pixels: the same pixel budget as the model's default preset, within the limits. */
function customFromRatio(model: SizedModel, limits: Limits, ratio: number): SizeChoice {
  const reference = outputSize(model.id, { aspect_ratio: model.defaultAspectRatio }) ?? { width: 1024, height: 1024 };
  const area = reference.width * reference.height;
  const width = Math.round(Math.sqrt(area * ratio));
  const height = Math.round(width / ratio);
  const choice = customSize(limits, width, height);
  const exact = `${l10n.t('exact:')} `;
  const detail = choice.explanation.startsWith(exact) ? choice.explanation.slice(exact.length) : choice.explanation;
  return { ...choice, explanation: l10n.t('exact: aspect-ratio {0} at {1}\'s usual pixel count → {2}', formatRatio(ratio), model.label, detail) };
}

function roundSide(value: number, limits: Limits): number {
  const lowest = Math.ceil(limits.min / limits.multiple) * limits.multiple;
  const highest = Math.floor(limits.max / limits.multiple) * limits.multiple;
  return Math.min(highest, Math.max(lowest, Math.round(value / limits.multiple) * limits.multiple));
}

/**
 * The file is to be exactly `asked`, which is already multiplied by the density the code states (a reference's
 * width/height are scaled when it is read: types.ts), so the density only explains it here: the model makes the
 * smallest size it offers that covers it in both directions (a custom size where it takes one, else the preset of the
 * nearest ratio among those that cover), and the result is centre-cropped to the ratio and resized. Enlarging beyond
 * 1.5× is said, never silent.
 */
function exactFile(model: SizedModel, asked: Size, density: number | undefined): SizeChoice {
  const target = asked;
  const d = density !== undefined && Number.isFinite(density) && density > 0 && density !== 1 ? density : undefined;
  const css = d ? withDensity(asked, 1 / d) : undefined;
  const what = css ? l10n.t('{0} at {1}x = {2}', formatSize(css), Number(d!.toFixed(2)), formatSize(target)) : formatSize(target);
  let made: Size;
  let params: SizeParams;
  if (model.customSize) {
    made = coveringCustomSize(model.customSize, target);
    params = { aspect_ratio: 'custom', width: made.width, height: made.height };
  } else {
    const ratio = coveringPreset(model, target);
    const pixels = ratio ? outputSize(model.id, { aspect_ratio: ratio }) : undefined;
    if (!ratio || !pixels) return { ...preset(model, model.defaultAspectRatio, l10n.t('{0}: {1} has no sizes to choose from;', what, model.label)), target };
    made = pixels;
    params = { aspect_ratio: ratio };
  }
  const crop = centreCrop(made, target);
  const upscale = upscaleFactor(crop, target);
  const same = made.width === target.width && made.height === target.height;
  const steps = same
    ? l10n.t('made at exactly {0}', formatSize(made))
    : crop.width === made.width && crop.height === made.height
      ? l10n.t('made at {0}{1}, resized to {2}', 'aspect_ratio' in params && params.aspect_ratio !== 'custom' ? `${params.aspect_ratio} ` : '', formatSize(made), formatSize(target))
      : l10n.t('made at {0}{1}, cropped and resized to {2}', 'aspect_ratio' in params && params.aspect_ratio !== 'custom' ? `${params.aspect_ratio} ` : '', formatSize(made), formatSize(target));
  const enlarged = upscale > 1.005
    ? upscale > MAX_SILENT_UPSCALE
      ? l10n.t('; enlarged {0}× (more than {1}×: {2} makes at most {3}, so the file will look soft)', upscale.toFixed(1), MAX_SILENT_UPSCALE, model.label, model.customSize ? l10n.t('{0} pixels a side', model.customSize.max) : formatSize(made))
      : l10n.t('; enlarged {0}×', upscale.toFixed(2))
    : '';
  return {
    params,
    label: same ? formatSize(target) : l10n.t('{0} · from {1}', formatSize(target), formatSize(made)),
    explanation: l10n.t('exact: {0} → {1}{2}', what, steps, enlarged),
    width: made.width,
    height: made.height,
    target,
    ...(upscale > 1.005 ? { upscale } : {}),
  };
}

/** The smallest custom size within the limits that covers `target` (the same ratio as near as multiples allow). */
function coveringCustomSize(limits: Limits, target: Size): Size {
  let scale = 1;
  const short = Math.min(target.width, target.height);
  if (short < limits.min) scale = limits.min / short;
  const long = Math.max(target.width, target.height) * scale;
  if (long > limits.max) scale *= limits.max / long;
  const side = (value: number) => {
    const lowest = Math.ceil(limits.min / limits.multiple) * limits.multiple;
    const highest = Math.floor(limits.max / limits.multiple) * limits.multiple;
    // Up to the next multiple so the crop never has to enlarge for rounding's sake.
    return Math.min(highest, Math.max(lowest, Math.ceil(value / limits.multiple - 1e-9) * limits.multiple));
  };
  return { width: side(target.width * scale), height: side(target.height * scale) };
}

/** The preset whose pixels cover `target` with the nearest ratio; the nearest ratio overall when none covers. */
function coveringPreset(model: SizedModel, target: Size): string | undefined {
  const ratio = target.width / target.height;
  let best: { ratio: string; distance: number; covers: boolean } | undefined;
  for (const name of model.aspectRatios) {
    const pixels = outputSize(model.id, { aspect_ratio: name });
    if (!pixels) continue;
    const crop = centreCrop(pixels, target);
    const covers = crop.width >= target.width && crop.height >= target.height;
    const distance = Math.abs(Math.log(pixels.width / pixels.height) - Math.log(ratio));
    if (!best || (covers && !best.covers) || (covers === best.covers && distance < best.distance)) best = { ratio: name, distance, covers };
  }
  return best?.ratio;
}

/** 2 -> "2:1", 1.5 -> "3:2", 1.6207 -> "1.62:1". */
export function formatRatio(ratio: number): string {
  for (let height = 1; height <= 32; height++) {
    const width = ratio * height;
    if (Math.abs(width - Math.round(width)) < 1e-6 && Math.round(width) <= 64) return `${Math.round(width)}:${height}`;
  }
  return `${Number(ratio.toFixed(2))}:1`;
}

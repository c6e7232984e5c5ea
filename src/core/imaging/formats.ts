// Which file a name asks for, and what this extension can make of it. JPEG, PNG and WebP are encoded by Squoosh's
// WebAssembly codecs shipped in the extension, ICO is a PNG inside an ICO container, and AVIF by Squoosh's libaom
// encoder, whose WebAssembly is too large to ship and is downloaded once, when the user agrees (avifEncoder.ts).
// GIF and SVG are said plainly instead of guessed: the caller saves the model's own format and offers to point the
// reference at it.
import * as l10n from '../l10n';

/** Formats this extension encodes (AVIF once its encoder is downloaded). */
export type EncodableFormat = 'jpeg' | 'png' | 'webp' | 'avif';
/** Formats it decodes (what a model's result is turned from). */
export type DecodableFormat = 'jpeg' | 'png' | 'webp';
/** What a saved file can be made as: an encoded image, or a PNG in an ICO container. */
export type TargetFormat = EncodableFormat | 'ico';
/** What `pruna.outputFormat` and the `format` arguments name. */
export type RequestedFormat = EncodableFormat;

export type FormatPlan =
  | { readonly kind: 'make'; readonly format: TargetFormat }
  | { readonly kind: 'cannot'; readonly wanted: string; readonly reason: string };

/**
 * Quality when nothing else is asked (0–100; PNG is lossless). AVIF's scale is libavif's: 60 there looks like a JPEG
 * at 85 at about half its bytes.
 */
export const DEFAULT_QUALITY: Readonly<Record<'jpeg' | 'webp' | 'avif', number>> = { jpeg: 85, webp: 85, avif: 60 };

const BY_EXTENSION: Readonly<Record<string, FormatPlan>> = {
  '.jpg': { kind: 'make', format: 'jpeg' },
  '.jpeg': { kind: 'make', format: 'jpeg' },
  '.jpe': { kind: 'make', format: 'jpeg' },
  '.jfif': { kind: 'make', format: 'jpeg' },
  '.png': { kind: 'make', format: 'png' },
  '.webp': { kind: 'make', format: 'webp' },
  '.ico': { kind: 'make', format: 'ico' },
  '.avif': { kind: 'make', format: 'avif' },
  // The reasons are getters: translated when a plan is read, not at module load.
  '.gif': { kind: 'cannot', wanted: 'GIF', get reason() { return l10n.t('GIF is not made locally: a GIF holds 256 colours, so a photo would be dithered; PNG keeps every colour'); } },
  '.svg': { kind: 'cannot', wanted: 'SVG', get reason() { return l10n.t('an SVG is a vector drawing and the model makes pixels, so no SVG can be made'); } },
};

/** The plan for a file extension (`.jpg`, case-insensitive); undefined for names that are not images (`.mp4`). */
export function planForExtension(ext: string): FormatPlan | undefined {
  return BY_EXTENSION[ext.toLowerCase()];
}

/** The plan for a requested format name (`pruna.outputFormat`). */
export function planForFormat(format: RequestedFormat): FormatPlan {
  return { kind: 'make', format };
}

export const EXTENSION_OF: Readonly<Record<TargetFormat, string>> = { jpeg: '.jpg', png: '.png', webp: '.webp', avif: '.avif', ico: '.ico' };
export const MIME_OF: Readonly<Record<TargetFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/vnd.microsoft.icon',
};

/** `pruna.outputQuality`'s declared range (package.json: minimum 1, maximum 100). */
export const OUTPUT_QUALITY_RANGE = { min: 1, max: 100 } as const;

/**
 * `pruna.outputQuality` as the conversion uses it: a whole number clamped into its declared range (150 → 100, 0 → 1,
 * as config.ts clamps the other numeric settings); anything else (text, 72.5, NaN) is no setting, so each format's
 * own default applies.
 */
export function clampOutputQuality(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
  return Math.min(OUTPUT_QUALITY_RANGE.max, Math.max(OUTPUT_QUALITY_RANGE.min, value));
}

// Which file a name asks for, and what this extension can make of it. The formats it encodes locally are the ones
// whose encoder fits the package: JPEG, PNG and WebP (Squoosh's WebAssembly codecs) and ICO (a PNG inside an ICO
// container). AVIF, GIF and SVG are said plainly instead of guessed: the caller saves the model's own format and offers
// to point the reference at it.
import * as l10n from '../l10n';

/** Formats with an encoder shipped in the extension. */
export type EncodableFormat = 'jpeg' | 'png' | 'webp';
/** What a saved file can be made as: an encoded image, or a PNG in an ICO container. */
export type TargetFormat = EncodableFormat | 'ico';
/** What `pruna.outputFormat` and the `format` arguments name. */
export type RequestedFormat = EncodableFormat | 'avif';

export type FormatPlan =
  | { readonly kind: 'make'; readonly format: TargetFormat }
  | { readonly kind: 'cannot'; readonly wanted: string; readonly reason: string };

/** JPEG and WebP quality when nothing else is asked (0–100; PNG is lossless). */
export const DEFAULT_QUALITY: Readonly<Record<'jpeg' | 'webp', number>> = { jpeg: 85, webp: 85 };

/**
 * The AVIF encoder (libavif + aom, Squoosh build) is 3,485,872 bytes of WebAssembly, 1,116,248 compressed: on its own
 * it is most of the 1.5 MB the whole .vsix may weigh, so it is not shipped.
 */
export const AVIF_UNAVAILABLE = (): string =>
  l10n.t('AVIF is not made locally: its encoder alone is 1.1 MB compressed, most of what the whole extension may weigh');

const BY_EXTENSION: Readonly<Record<string, FormatPlan>> = {
  '.jpg': { kind: 'make', format: 'jpeg' },
  '.jpeg': { kind: 'make', format: 'jpeg' },
  '.jpe': { kind: 'make', format: 'jpeg' },
  '.jfif': { kind: 'make', format: 'jpeg' },
  '.png': { kind: 'make', format: 'png' },
  '.webp': { kind: 'make', format: 'webp' },
  '.ico': { kind: 'make', format: 'ico' },
  // The reasons are getters: translated when a plan is read, not at module load.
  '.avif': { kind: 'cannot', wanted: 'AVIF', get reason() { return AVIF_UNAVAILABLE(); } },
  '.gif': { kind: 'cannot', wanted: 'GIF', get reason() { return l10n.t('GIF is not made locally: a GIF holds 256 colours, so a photo would be dithered; PNG keeps every colour'); } },
  '.svg': { kind: 'cannot', wanted: 'SVG', get reason() { return l10n.t('an SVG is a vector drawing and the model makes pixels, so no SVG can be made'); } },
};

/** The plan for a file extension (`.jpg`, case-insensitive); undefined for names that are not images (`.mp4`). */
export function planForExtension(ext: string): FormatPlan | undefined {
  return BY_EXTENSION[ext.toLowerCase()];
}

/** The plan for a requested format name (`pruna.outputFormat`). */
export function planForFormat(format: RequestedFormat): FormatPlan {
  return format === 'avif' ? BY_EXTENSION['.avif']! : { kind: 'make', format };
}

export const EXTENSION_OF: Readonly<Record<TargetFormat, string>> = { jpeg: '.jpg', png: '.png', webp: '.webp', ico: '.ico' };
export const MIME_OF: Readonly<Record<TargetFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  ico: 'image/vnd.microsoft.icon',
};

// What a file input takes, beyond its media kinds: which image formats the P-API reads, and which of a model's file
// inputs is "the input image" a UI fills from its image list. Pure; used by the job engine, the Studio and Run a Model.
import * as l10n from '../l10n';
import type { FileInputSpec } from './types';

/** Image formats the P-API reads from an input (openapi: jpg, jpeg, png, webp; some models also name gif). */
export const ACCEPTED_IMAGE_FORMATS = ['JPEG', 'PNG', 'WebP'] as const;

/**
 * Image formats the sniffer recognises but no model reads, with their name. HEIC and AVIF are what phones save; the
 * imaging pipeline cannot decode them either, so they are refused before any upload instead of failing on the server.
 */
const UNREADABLE_IMAGE_MIMES: Readonly<Record<string, string>> = { 'image/heic': 'HEIC', 'image/heif': 'HEIF', 'image/avif': 'AVIF' };

/** The format's name when an image of this MIME type cannot be sent to the P-API; undefined when it can. */
export function unreadableImageFormat(mime: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(UNREADABLE_IMAGE_MIMES, mime) ? UNREADABLE_IMAGE_MIMES[mime] : undefined;
}

/** The sentence for a refused HEIC/AVIF input (core messages are English; the shell shows them as they are). */
export function unreadableImageMessage(name: string, format: string): string {
  return l10n.t('"{0}" is a {1} image, which the P-API does not read: it takes {2} images only. Export or convert it to PNG or JPEG first.', name, format, ACCEPTED_IMAGE_FORMATS.join(', '));
}

/**
 * The file input an image list fills (Studio's input images, Run a Model's `images`): the first field that takes only
 * images, else the first that takes images at all. A field that also takes another kind (vace's `src_mask`: a video
 * or an image) is then its own file field, where every kind it lists can be chosen.
 */
export function mainImageInput<T extends Pick<FileInputSpec, 'media'>>(files: readonly T[]): T | undefined {
  return files.find((f) => f.media.length > 0 && f.media.every((m) => m === 'image')) ?? files.find((f) => f.media.includes('image'));
}

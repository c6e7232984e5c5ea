// Which image format a file really holds, from its first bytes: an input is accepted for what it is, not for its
// file name. Dimensions come from the shell's imageSize (one header parser for the project). Pure, unit-tested.
import { sniffImageFormat } from '../../core/http/sniff';

export type ImageType = 'png' | 'jpeg' | 'webp' | 'gif';

/** Enough leading bytes for the type and for imageSize() on common files (a JPEG's SOF may sit later: best effort). */
export const IMAGE_HEADER_BYTES = 64 * 1024;

/** What the P-API accepts as image inputs (openapi: jpg, jpeg, png, webp). */
export const INPUT_IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp'] as const;
export const INPUT_IMAGE_TYPES: readonly ImageType[] = ['png', 'jpeg', 'webp'];

export const IMAGE_MIME: Readonly<Record<ImageType, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** The project's one sniffer (core/http/sniff), narrowed to the image types a Studio input can be. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const format = sniffImageFormat(bytes);
  return format === 'png' || format === 'jpeg' || format === 'webp' || format === 'gif' ? format : undefined;
}

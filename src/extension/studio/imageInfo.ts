// Which image format a file really holds, from its first bytes: an input is accepted for what it is, not for its
// file name. Dimensions come from the shell's imageSize (one header parser for the project). Pure, unit-tested.

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

export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (bytes.length < offset + length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

// File type by content (magic bytes), never by name: a renamed file must not reach the API as something else.
export type MediaCategory = 'image' | 'video' | 'audio' | 'zip';

export interface SniffedType {
  mime: string;
  category: MediaCategory;
  ext: string;
}

/** Bytes needed to recognise every type below. */
export const SNIFF_BYTES = 16;

function ascii(buf: Uint8Array, offset: number, text: string): boolean {
  if (buf.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

function bytes(buf: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (buf.length < offset + expected.length) return false;
  return expected.every((b, i) => buf[offset + i] === b);
}

export function sniffType(head: Uint8Array): SniffedType | undefined {
  if (bytes(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', category: 'image', ext: '.png' };
  if (bytes(head, 0, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', category: 'image', ext: '.jpg' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return { mime: 'image/webp', category: 'image', ext: '.webp' };
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return { mime: 'image/gif', category: 'image', ext: '.gif' };
  if (ascii(head, 4, 'ftyp')) {
    return ascii(head, 8, 'qt  ')
      ? { mime: 'video/quicktime', category: 'video', ext: '.mov' }
      : { mime: 'video/mp4', category: 'video', ext: '.mp4' };
  }
  // Zip (trainer image_data): a local file header, or the end record of an empty archive.
  if (bytes(head, 0, [0x50, 0x4b, 0x03, 0x04]) || bytes(head, 0, [0x50, 0x4b, 0x05, 0x06])) return { mime: 'application/zip', category: 'zip', ext: '.zip' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return { mime: 'audio/wav', category: 'audio', ext: '.wav' };
  if (ascii(head, 0, 'fLaC')) return { mime: 'audio/flac', category: 'audio', ext: '.flac' };
  // MP3: an ID3 tag, or a bare MPEG audio frame sync (11 set bits, layer III).
  if (ascii(head, 0, 'ID3') || (head.length >= 2 && head[0] === 0xff && ((head[1] as number) & 0xe6) === 0xe2)) {
    return { mime: 'audio/mpeg', category: 'audio', ext: '.mp3' };
  }
  return undefined;
}

const EXT_BY_MIME: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
  'audio/wav': '.wav',
  'audio/flac': '.flac',
  'audio/mpeg': '.mp3',
  'application/zip': '.zip',
};

/** File extension for a downloaded Content-Type, if we know one. */
export function extensionForMime(mime: string): string | undefined {
  return EXT_BY_MIME[mime.split(';')[0]?.trim().toLowerCase() ?? ''];
}

// File type by content (magic bytes), never by name: a renamed file must not reach the API as something else, and a
// delivery must be what its model makes. The one sniffer of the project: uploads, saving, Studio inputs and the engine's
// delivery check all ask it. ISO-BMFF files (`ftyp`) are told apart by their brands: an AVIF or HEIC photo and an M4A
// song share the container with MP4 video but are not videos. Zip archives are trainer inputs (image_data).
export type MediaCategory = 'image' | 'video' | 'audio' | 'zip';

export interface SniffedType {
  mime: string;
  category: MediaCategory;
  ext: string;
}

/** Bytes needed to recognise every type below (an `ftyp` box lists its compatible brands after the first 16). */
export const SNIFF_BYTES = 32;

function ascii(buf: Uint8Array, offset: number, text: string): boolean {
  if (buf.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

function bytes(buf: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (buf.length < offset + expected.length) return false;
  return expected.every((b, i) => buf[offset + i] === b);
}

function text(buf: Uint8Array, offset: number, length: number): string {
  return buf.length < offset + length ? '' : String.fromCharCode(...buf.subarray(offset, offset + length));
}

const AVIF: SniffedType = { mime: 'image/avif', category: 'image', ext: '.avif' };
const HEIC: SniffedType = { mime: 'image/heic', category: 'image', ext: '.heic' };
const M4A: SniffedType = { mime: 'audio/mp4', category: 'audio', ext: '.m4a' };
const MOV: SniffedType = { mime: 'video/quicktime', category: 'video', ext: '.mov' };
const MP4: SniffedType = { mime: 'video/mp4', category: 'video', ext: '.mp4' };

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);

/**
 * The brands of an `ftyp` box: the major brand (bytes 8–11), then the compatible ones (from byte 16) as far as both
 * the box and the bytes given reach.
 */
export function ftypBrands(head: Uint8Array): string[] {
  if (!ascii(head, 4, 'ftyp')) return [];
  const boxSize = head.length >= 4 ? ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0 : 0;
  const brands = [text(head, 8, 4)];
  const end = Math.min(head.length, boxSize >= 16 ? boxSize : 16);
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(text(head, offset, 4));
  return brands.filter(Boolean);
}

function sniffFtyp(head: Uint8Array): SniffedType {
  const brands = ftypBrands(head);
  const major = brands[0] ?? '';
  // The major brand decides when it is specific; a generic one (mif1, isom...) defers to the compatible list.
  if (major === 'avif' || major === 'avis') return AVIF;
  if (HEIC_BRANDS.has(major)) return HEIC;
  if (AUDIO_BRANDS.has(major)) return M4A;
  if (major === 'qt  ') return MOV;
  if (major === 'mif1' || major === 'msf1') {
    if (brands.includes('avif') || brands.includes('avis')) return AVIF;
    return HEIC;
  }
  return MP4;
}

export function sniffType(head: Uint8Array): SniffedType | undefined {
  if (bytes(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', category: 'image', ext: '.png' };
  if (bytes(head, 0, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', category: 'image', ext: '.jpg' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return { mime: 'image/webp', category: 'image', ext: '.webp' };
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return { mime: 'image/gif', category: 'image', ext: '.gif' };
  if (ascii(head, 4, 'ftyp')) return sniffFtyp(head);
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

/**
 * Whether `bytes` hold media of this category (what a model delivers: an image model's file must be an image).
 * Unknown content is not media of any kind.
 */
export function sniffMedia(head: Uint8Array, category: MediaCategory): boolean {
  return sniffType(head)?.category === category;
}

/** Image formats by name, for callers that think in formats rather than MIME types. */
export type SniffedImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'avif' | 'heic';

export function sniffImageFormat(head: Uint8Array): SniffedImageFormat | undefined {
  const type = sniffType(head);
  if (type?.category !== 'image') return undefined;
  return IMAGE_FORMAT_BY_MIME[type.mime];
}

const IMAGE_FORMAT_BY_MIME: Readonly<Record<string, SniffedImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/heic': 'heic',
};

const EXT_BY_MIME: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'image/avif': '.avif',
  'image/heic': '.heic',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
  'audio/mp4': '.m4a',
  'audio/wav': '.wav',
  'audio/flac': '.flac',
  'audio/mpeg': '.mp3',
  'application/zip': '.zip',
};

/** File extension for a downloaded Content-Type, if we know one. */
export function extensionForMime(mime: string): string | undefined {
  return EXT_BY_MIME[mime.split(';')[0]?.trim().toLowerCase() ?? ''];
}

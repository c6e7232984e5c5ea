// What a delivery must be before it counts as the result: bytes that really are the media a model makes (by magic
// bytes, whatever Content-Type says), of a plausible size. A captive portal's HTML page, a CDN's JSON error or a
// truncated body is a delivery fault to retry, never a saved "image".
import { sniffType } from './sniff';

export type OutputKind = 'image' | 'video';

export interface DeliveredMedia {
  mime: string;
  ext: string;
}

/** Bytes needed to recognise every accepted type. */
export const MEDIA_HEAD_BYTES = 16;

/** Size caps per kind: far above any real output, low enough that a runaway body cannot fill the disk. */
export const MAX_DELIVERY_BYTES: Readonly<Record<OutputKind, number>> = { image: 100 * 1024 * 1024, video: 2 * 1024 * 1024 * 1024 };

const IMAGE_MIMES = new Set(['image/png', 'image/jpeg', 'image/webp']);
const VIDEO_MIMES = new Set(['video/mp4', 'video/quicktime']);

function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/**
 * The media type of a delivery's first bytes when they are what a model of this kind makes (JPEG, PNG, WebP for
 * images; MP4 for video; a ZIP of outputs for either), else undefined.
 */
export function deliveredMedia(head: Uint8Array, kind: OutputKind): DeliveredMedia | undefined {
  if (isZip(head)) return { mime: 'application/zip', ext: '.zip' };
  const sniffed = sniffType(head);
  if (!sniffed) return undefined;
  const allowed = kind === 'video' ? VIDEO_MIMES : IMAGE_MIMES;
  return allowed.has(sniffed.mime) ? { mime: sniffed.mime, ext: sniffed.ext } : undefined;
}

// Output bytes for finished predictions: deterministic per (prompt, seed) so tests can compare runs, cached so the
// benchmark's hundreds of jobs do not spend their time in zlib.
import { createHash } from 'node:crypto';
import { encodePng } from './png';
import type { OutputKind } from './models';
import { P_IMAGE_SIZES } from './schemas';

export interface OutputFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
}

function digest(prompt: string, seed: number): Buffer {
  return createHash('sha256').update(`${prompt}\u0000${seed}`).digest();
}

function asRecord(input: unknown): Record<string, unknown> {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
}

/** The ~1 MP size table entry whose ratio is closest to width/height (what match_input_image does). */
export function closestRatioSize(width: number, height: number): readonly [number, number] {
  const target = Math.log(width / height);
  let best: readonly [number, number] = P_IMAGE_SIZES['1:1']!;
  for (const size of Object.values(P_IMAGE_SIZES)) {
    if (Math.abs(Math.log(size[0] / size[1]) - target) < Math.abs(Math.log(best[0] / best[1]) - target)) best = size;
  }
  return best;
}

/**
 * The size a model renders at. `firstImageSize` is the size of the edit's first input image when the simulator knows
 * it (an upload of its own); otherwise match_input_image falls back to 1024x1024.
 */
export function imageSize(model: string, input: unknown, firstImageSize?: { width: number; height: number }): readonly [number, number] {
  const fields = asRecord(input);
  const ratio = typeof fields['aspect_ratio'] === 'string' ? fields['aspect_ratio'] : undefined;
  if (ratio === 'custom' && typeof fields['width'] === 'number' && typeof fields['height'] === 'number') {
    return [fields['width'], fields['height']];
  }
  if (ratio !== undefined && P_IMAGE_SIZES[ratio]) return P_IMAGE_SIZES[ratio];
  if (model.includes('edit') || model === 'p-image-upscale' || model === 'p-image-try-on') {
    return firstImageSize ? closestRatioSize(firstImageSize.width, firstImageSize.height) : P_IMAGE_SIZES['1:1']!;
  }
  // p-image's documented default is 16:9; the other text-to-image models default to square.
  return model === 'p-image' ? P_IMAGE_SIZES['16:9']! : P_IMAGE_SIZES['1:1']!;
}

const imageCache = new Map<string, Buffer>();
const IMAGE_CACHE_LIMIT = 256; // ~40 KB each at 1 MP

/** A two-colour gradient with bands; colours, band height and tint come from the hash of (prompt, seed). */
export function renderImage(prompt: string, seed: number, width: number, height: number): Buffer {
  const key = `${width}x${height}|${seed}|${prompt}`;
  const cached = imageCache.get(key);
  if (cached) return cached;
  const h = digest(prompt, seed);
  const from = [h[0]!, h[1]!, h[2]!];
  const to = [h[3]!, h[4]!, h[5]!];
  const tint = [h[6]!, h[7]!, h[8]!];
  const band = 16 + (h[9]! % 48);
  const steps = 32;
  const rows = new Map<string, Buffer>();
  const rowFor = (y: number): Buffer => {
    const step = Math.min(steps - 1, Math.floor((y * steps) / height));
    const dark = Math.floor(y / band) % 2 === 1;
    const id = `${step}|${dark ? 1 : 0}`;
    let row = rows.get(id);
    if (!row) {
      row = Buffer.alloc(width * 3);
      const mix = step / steps;
      for (let x = 0; x < width; x++) {
        const t = x / Math.max(1, width - 1);
        for (let c = 0; c < 3; c++) {
          const base = from[c]! * (1 - t) + to[c]! * t;
          const value = base * (1 - mix) + tint[c]! * mix;
          row[x * 3 + c] = Math.round(dark ? value * 0.8 : value);
        }
      }
      rows.set(id, row);
    }
    return row;
  };
  const png = encodePng(width, height, rowFor);
  if (imageCache.size >= IMAGE_CACHE_LIMIT) imageCache.delete(imageCache.keys().next().value as string);
  imageCache.set(key, png);
  return png;
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'ascii');
  return Buffer.concat([head, body]);
}

/** A small MP4: ftyp, moov/mvhd carrying the duration, and an mdat of hash-derived bytes. Not playable frames. */
export function renderVideo(prompt: string, seed: number, seconds: number): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2avc1mp41'));
  const mvhd = Buffer.alloc(100);
  const timescale = 1000;
  mvhd.writeUInt32BE(timescale, 12);
  mvhd.writeUInt32BE(Math.round(seconds * timescale), 16);
  mvhd.writeUInt32BE(0x00010000, 20); // rate 1.0
  mvhd.writeUInt16BE(0x0100, 24); // volume 1.0
  for (const [i, v] of [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].entries()) mvhd.writeUInt32BE(v, 36 + i * 4);
  mvhd.writeUInt32BE(2, 96); // next track id
  const h = digest(prompt, seed);
  const mdat = Buffer.alloc(4096);
  for (let i = 0; i < mdat.length; i++) mdat[i] = h[i % h.length]! ^ (i & 0xff);
  return Buffer.concat([ftyp, box('moov', box('mvhd', mvhd)), box('mdat', mdat)]);
}

/** Video length the input asks for: p-video `duration`, wan `num_frames / frames_per_second`, else 5 s. */
function videoSeconds(input: unknown): number {
  const fields = asRecord(input);
  if (typeof fields['duration'] === 'number') return fields['duration'];
  if (typeof fields['num_frames'] === 'number') {
    const fps = typeof fields['frames_per_second'] === 'number' ? fields['frames_per_second'] : 16;
    return fields['num_frames'] / fps;
  }
  return 5;
}

/** Trainers deliver a zip of LoRA weights; an empty zip archive is a valid stand-in. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

export function renderOutput(
  kind: OutputKind,
  model: string,
  input: unknown,
  seed: number,
  firstImageSize?: { width: number; height: number },
): OutputFile {
  const fields = asRecord(input);
  const prompt = typeof fields['prompt'] === 'string' ? fields['prompt'] : '';
  if (kind === 'video') {
    return { bytes: renderVideo(prompt, seed, videoSeconds(input)), contentType: 'video/mp4', filename: 'output.mp4' };
  }
  // The spec lists no zip type for delivery; octet-stream is the documented catch-all.
  if (kind === 'weights') return { bytes: EMPTY_ZIP, contentType: 'application/octet-stream', filename: 'output.zip' };
  const [width, height] = imageSize(model, input, firstImageSize);
  return { bytes: renderImage(prompt, seed, width, height), contentType: 'image/png', filename: 'output.png' };
}

/** The file name a delivery URL ends with, known before the bytes are rendered. */
export function outputFilename(kind: OutputKind): string {
  return kind === 'video' ? 'output.mp4' : kind === 'weights' ? 'output.zip' : 'output.png';
}

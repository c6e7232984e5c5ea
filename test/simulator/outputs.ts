// Output bytes for finished predictions: deterministic per (prompt, seed) so tests can compare runs, cached so the
// benchmark's hundreds of jobs do not spend their time in zlib.
import { createHash } from 'node:crypto';
import { crc32, encodePng } from './png';
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
  if (model === 'p-image-upscale') {
    // `target` megapixels (default 4) at the input's ratio.
    const target = typeof fields['target'] === 'number' ? fields['target'] : 4;
    const ratio = firstImageSize ? firstImageSize.width / firstImageSize.height : 1;
    const width = Math.round(Math.sqrt(target * 1_000_000 * ratio));
    return [width, Math.round(width / ratio)];
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

/** A zip with one stored (uncompressed) entry: what a trainer's weights archive looks like to a client. */
export function storedZip(name: string, content: Buffer): Buffer {
  const fileName = Buffer.from(name, 'utf8');
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralOffset = local.length + fileName.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, fileName, content, central, fileName, end]);
}

/** Trainers deliver a zip of LoRA weights: one stand-in .safetensors entry, deterministic per input. */
function weightsZip(input: unknown, seed: number): Buffer {
  const h = digest(JSON.stringify(asRecord(input)), seed);
  return storedZip('pytorch_lora_weights.safetensors', Buffer.concat([Buffer.from('{"__metadata__":{}}'), h]));
}

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
  if (kind === 'weights') return { bytes: weightsZip(input, seed), contentType: 'application/octet-stream', filename: 'output.zip' };
  const [width, height] = imageSize(model, input, firstImageSize);
  return { bytes: renderImage(prompt, seed, width, height), contentType: 'image/png', filename: 'output.png' };
}

/** The file name a delivery URL ends with, known before the bytes are rendered. */
export function outputFilename(kind: OutputKind): string {
  return kind === 'video' ? 'output.mp4' : kind === 'weights' ? 'output.zip' : 'output.png';
}

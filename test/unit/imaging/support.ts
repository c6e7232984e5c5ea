// The real codecs over the WebAssembly the build copies into dist/codecs, and decoders that share no code with them
// (jpeg-js, fast-png, a separate libwebp build in @cwasm/webp) to read what the pipeline writes.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as jpegJs from 'jpeg-js';
import { decode as decodeFastPng } from 'fast-png';
import { squooshCodecs } from '../../../src/core/imaging/squoosh';
import type { Pixels } from '../../../src/core/imaging';

export function repoRoot(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'esbuild.mjs'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found above the working directory');
    dir = up;
  }
  return dir;
}

export const codecs = squooshCodecs(async (file) => readFileSync(join(repoRoot(), 'dist', 'codecs', file)));

// Loaded at run time so the bundler leaves @cwasm/webp where it reads its own .wasm from.
const requireFromRoot = createRequire(join(repoRoot(), 'package.json'));

export function independentDecode(bytes: Uint8Array, format: 'png' | 'jpeg' | 'webp'): Pixels {
  if (format === 'jpeg') {
    const image = jpegJs.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return { width: image.width, height: image.height, data: image.data };
  }
  if (format === 'webp') {
    const webp = requireFromRoot('@cwasm/webp') as { decode(b: Uint8Array): { width: number; height: number; data: Uint8ClampedArray } };
    const image = webp.decode(bytes);
    return { width: image.width, height: image.height, data: image.data };
  }
  const image = decodeFastPng(bytes);
  const channels = image.channels;
  const data = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, o = 0; o < data.length; i += channels, o += 4) {
    data[o] = image.data[i]!;
    data[o + 1] = image.data[channels >= 3 ? i + 1 : i]!;
    data[o + 2] = image.data[channels >= 3 ? i + 2 : i]!;
    data[o + 3] = channels === 4 || channels === 2 ? image.data[i + channels - 1]! : 255;
  }
  return { width: image.width, height: image.height, data };
}

/** Mean RGB of a box of pixels. */
export function meanColour(p: Pixels, x0: number, y0: number, x1: number, y1: number): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
    for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
      const i = (y * p.width + x) * 4;
      sum[0]! += p.data[i]!;
      sum[1]! += p.data[i + 1]!;
      sum[2]! += p.data[i + 2]!;
      n++;
    }
  }
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

/**
 * The largest colour difference between a grid of regions of `output` and the same regions of `source`'s `crop`
 * (what the output should show): small when the output is the model's picture, cropped and resized.
 */
export function worstRegionDifference(
  source: Pixels,
  crop: { x: number; y: number; width: number; height: number },
  output: Pixels,
  grid = 4,
): number {
  let worst = 0;
  for (let gy = 0; gy < grid; gy++) {
    for (let gx = 0; gx < grid; gx++) {
      const ox0 = (gx * output.width) / grid, ox1 = ((gx + 1) * output.width) / grid;
      const oy0 = (gy * output.height) / grid, oy1 = ((gy + 1) * output.height) / grid;
      const sx = (v: number) => crop.x + (v * crop.width) / output.width;
      const sy = (v: number) => crop.y + (v * crop.height) / output.height;
      const a = meanColour(output, ox0, oy0, ox1, oy1);
      const b = meanColour(source, sx(ox0), sy(oy0), sx(ox1), sy(oy1));
      worst = Math.max(worst, ...a.map((v, i) => Math.abs(v - b[i]!)));
    }
  }
  return worst;
}

// Bench part "imaging": a 1344×768 model result (the simulator's PNG of a photo-like noisy gradient) converted to the
// file a reference asks for — decode, centre-crop and Lanczos resize to 1200×630, encode — per output format. The first
// conversion also pays for compiling the codec's WebAssembly; that is measured apart. AVIF's encoder is not shipped but
// downloaded on first use (src/core/imaging/avifEncoder.ts); here it is read from node_modules/@jsquash/avif (the same
// pinned bytes), and checking + unpacking a tarball of it (what follows the download) is measured too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { convertImage, type EncodableFormat } from '../../src/core/imaging';
import { AVIF_ENCODER, unpackEncoder } from '../../src/core/imaging/avifEncoder';
import { squooshCodecs } from '../../src/core/imaging/squoosh';
import { encodePng } from '../simulator/png';
import { tgzOf } from '../unit/imaging/tar';

type Row = [metric: string, measured: string, target: string];

/** A 1344×768 RGB picture with detail everywhere (gradient plus deterministic noise), so encoders have work to do. */
function photoLikePng(): Uint8Array {
  const width = 1344;
  const height = 768;
  let state = 12345;
  const noise = () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return (state >>> 24) - 128;
  };
  return encodePng(width, height, (y) => {
    const row = Buffer.alloc(width * 3);
    for (let x = 0; x < width; x++) {
      row[x * 3] = Math.max(0, Math.min(255, (x * 255) / width + noise() / 8));
      row[x * 3 + 1] = Math.max(0, Math.min(255, (y * 255) / height + noise() / 8));
      row[x * 3 + 2] = Math.max(0, Math.min(255, 128 + 60 * Math.sin(x / 40) * Math.cos(y / 30) + noise() / 8));
    }
    return row;
  }, 6);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export async function imagingBench(quick: boolean): Promise<{ rows: Row[]; json: Record<string, number> }> {
  const dist = join(__dirname, '..', '..', '..', 'dist', 'codecs');
  const avifWasm = join(__dirname, '..', '..', '..', 'node_modules', '@jsquash', 'avif', 'codec', 'enc', 'avif_enc.wasm');
  const codecs = squooshCodecs(async (file) => readFileSync(file === 'avif_enc.wasm' ? avifWasm : join(dist, file)));
  const source = photoLikePng();
  const size = { width: 1200, height: 630 };
  const rows: Row[] = [];
  const json: Record<string, number> = {};
  const runs = quick ? 3 : 9;
  for (const format of ['webp', 'jpeg', 'png', 'avif'] as EncodableFormat[]) {
    const t0 = performance.now();
    const first = await convertImage(source, { format, size }, codecs);
    const firstMs = performance.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await convertImage(source, { format, size }, codecs);
      times.push(performance.now() - t);
    }
    const ms = median(times);
    rows.push([`imaging1344x768To${format}Ms`, `${ms.toFixed(1)} (first use ${firstMs.toFixed(0)} ms incl. WebAssembly compile; ${(first.bytes.length / 1024).toFixed(0)} KiB out; ${runs} runs)`, 'info']);
    json[`imaging1344x768To${format}Ms`] = Number(ms.toFixed(1));
    json[`imaging1344x768To${format}FirstMs`] = Math.round(firstMs);
    json[`imaging1344x768To${format}Bytes`] = first.bytes.length;
  }
  // What follows the first AVIF download: sha512 of the tarball, gunzip, tar lookup, sha256 of the encoder.
  const tarball = tgzOf({ 'package/codec/enc/avif_enc.wasm': readFileSync(avifWasm) });
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  const unpackTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    unpackEncoder(tarball, { ...AVIF_ENCODER, integrity });
    unpackTimes.push(performance.now() - t);
  }
  const unpackMs = median(unpackTimes);
  rows.push(['imagingAvifEncoderVerifyUnpackMs', `${unpackMs.toFixed(1)} (${(tarball.length / 1e6).toFixed(2)} MB tarball made here; the download itself depends on the network: 2.65 MB from the registry)`, 'info']);
  json.imagingAvifEncoderVerifyUnpackMs = Number(unpackMs.toFixed(1));
  return { rows, json };
}

// The codecs of the Squoosh app (MozJPEG, libwebp, the Rust png crate, libavif with libaom), compiled to WebAssembly
// and repackaged as @jsquash/*. AVIF's glue is bundled here, its 3.5 MB of WebAssembly is not: the loader hands it over
// from where the extension downloaded it (avifEncoder.ts). They would fetch their .wasm next to the script; here the caller hands the bytes over (read from dist/ in
// the extension, from node_modules in tests), so nothing is fetched and nothing is native. Each codec is compiled on
// its first use only. This file is bundled on its own (dist/codecs.js) and required lazily by the shell.
import decodeJpeg, { init as initJpegDecoder } from '@jsquash/jpeg/decode.js';
import encodeJpeg, { init as initJpegEncoder } from '@jsquash/jpeg/encode.js';
import decodePng, { init as initPng } from '@jsquash/png/decode.js';
import encodePng from '@jsquash/png/encode.js';
import decodeWebp, { init as initWebpDecoder } from '@jsquash/webp/decode.js';
import encodeWebp, { init as initWebpEncoder } from '@jsquash/webp/encode.js';
// The single-threaded emscripten module itself (not @jsquash/avif/encode.js, which would also bundle the threaded one).
import avifEncoderFactory from '@jsquash/avif/codec/enc/avif_enc.js';
import type { Codecs } from './codecs';
import type { EncodableFormat } from './formats';
import type { Pixels } from './resize';

/** The WebAssembly files the codecs need, by the name they have in dist/codecs/. */
export const WASM_FILES = {
  jpegDecoder: 'mozjpeg_dec.wasm',
  jpegEncoder: 'mozjpeg_enc.wasm',
  png: 'squoosh_png_bg.wasm',
  webpDecoder: 'webp_dec.wasm',
  webpEncoder: 'webp_enc_simd.wasm',
  /** Not in dist/: downloaded on first use (AVIF_ENCODER in avifEncoder.ts). */
  avifEncoder: 'avif_enc.wasm',
} as const;
export type WasmFile = (typeof WASM_FILES)[keyof typeof WASM_FILES];

export type LoadWasm = (file: WasmFile) => Promise<Uint8Array>;

// The emscripten wrappers take (module, overrides) although their .d.ts names only the overrides.
type InitWithModule = (module: WebAssembly.Module, overrides?: Record<string, unknown>) => Promise<unknown>;

/**
 * Without `locateFile` the emscripten glue resolves its .wasm against `import.meta.url`, which a CommonJS bundle does
 * not have (an "Invalid URL" before the module given is even used); with it, the name is only a label.
 */
const EMSCRIPTEN_OVERRIDES = { locateFile: (path: string) => path };

/**
 * libavif's settings for every AVIF written. Speed 8 of 0–10: 1344×768 encodes in about 0.3 s instead of about 3 s at
 * libaom's default 6, for a few percent more bytes. 4:2:0 chroma, 8 bits, no metadata.
 */
export const AVIF_OPTIONS = {
  qualityAlpha: -1,
  denoiseLevel: 0,
  tileColsLog2: 0,
  tileRowsLog2: 0,
  speed: 8,
  subsample: 1,
  chromaDeltaQ: false,
  sharpness: 0,
  tune: 0,
  enableSharpYUV: false,
  bitDepth: 8,
} as const;

interface AvifModule {
  encode(data: Uint8Array, width: number, height: number, options: typeof AVIF_OPTIONS & { quality: number }): Uint8Array | null;
}
type EmscriptenFactory<T> = (overrides: Record<string, unknown>) => Promise<T>;

interface ImageDataLike {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export interface SquooshOptions {
  /**
   * The ImageData class the codecs' Node shim put on globalThis when their bundle loaded, which the caller took off
   * again (the extension host is shared: nothing of ours may stay global). The decoders look ImageData up on
   * globalThis by name while they run, so it is put back for the length of each codec call only, and only while no
   * one else has defined one.
   */
  readonly imageData?: unknown;
}

/** Codecs over the given loader; every codec is initialised once, on first use. */
export function squooshCodecs(load: LoadWasm, options: SquooshOptions = {}): Codecs {
  const scoped = scopedGlobal('ImageData', options.imageData);
  const codecs = squooshCodecsUnscoped(load);
  return {
    decode: (bytes, format) => scoped(() => codecs.decode(bytes, format)),
    encode: (pixels, format, quality) => scoped(() => codecs.encode(pixels, format, quality)),
  };
}

/**
 * Runs calls with globalThis[name] = value, counted so overlapping calls share it, and removes it when the last one
 * ends. Does nothing without a value or when globalThis already has that name (someone else's, left alone).
 */
function scopedGlobal(name: string, value: unknown): <T>(call: () => Promise<T>) => Promise<T> {
  let active = 0;
  let installed = false;
  const scope = globalThis as Record<string, unknown>;
  return async (call) => {
    if (value === undefined) return call();
    if (active === 0 && !Object.prototype.hasOwnProperty.call(scope, name)) {
      Object.defineProperty(scope, name, { value, configurable: true, writable: true, enumerable: false });
      installed = true;
    }
    active++;
    try {
      return await call();
    } finally {
      active--;
      if (active === 0 && installed) {
        delete scope[name];
        installed = false;
      }
    }
  };
}

function squooshCodecsUnscoped(load: LoadWasm): Codecs {
  const ready = new Map<WasmFile, Promise<unknown>>();
  const once = (file: WasmFile, init: InitWithModule): Promise<unknown> => {
    let promise = ready.get(file);
    if (!promise) {
      promise = load(file)
        .then((bytes) => WebAssembly.compile(exactBuffer(bytes)))
        .then((module) => init(module, EMSCRIPTEN_OVERRIDES));
      // A failed load may be retried (a file briefly locked); a success is kept.
      promise.catch(() => ready.delete(file));
      ready.set(file, promise);
    }
    return promise;
  };

  let avif: Promise<AvifModule> | undefined;
  const avifModule = (): Promise<AvifModule> => {
    avif ??= load(WASM_FILES.avifEncoder)
      .then((bytes) => WebAssembly.compile(exactBuffer(bytes)))
      .then((module) =>
        (avifEncoderFactory as unknown as EmscriptenFactory<AvifModule>)({
          noInitialRun: true,
          ...EMSCRIPTEN_OVERRIDES,
          instantiateWasm: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) => {
            const instance = new WebAssembly.Instance(module, imports);
            done(instance);
            return instance.exports;
          },
        }),
      );
    avif.catch(() => {
      avif = undefined;
    });
    return avif;
  };

  return {
    async decode(bytes, format) {
      const buffer = exactBuffer(bytes);
      let image: ImageDataLike;
      if (format === 'jpeg') {
        await once(WASM_FILES.jpegDecoder, initJpegDecoder as unknown as InitWithModule);
        image = (await decodeJpeg(buffer)) as ImageDataLike;
      } else if (format === 'png') {
        await once(WASM_FILES.png, initPng as unknown as InitWithModule);
        image = (await decodePng(buffer)) as ImageDataLike;
      } else {
        await once(WASM_FILES.webpDecoder, initWebpDecoder as unknown as InitWithModule);
        image = (await decodeWebp(buffer)) as ImageDataLike;
      }
      return { width: image.width, height: image.height, data: image.data };
    },

    async encode(pixels, format, quality) {
      const image = asImageData(pixels);
      let out: ArrayBuffer;
      if (format === 'jpeg') {
        await once(WASM_FILES.jpegEncoder, initJpegEncoder as unknown as InitWithModule);
        out = await encodeJpeg(image, { quality, progressive: true, optimize_coding: true });
      } else if (format === 'png') {
        await once(WASM_FILES.png, initPng as unknown as InitWithModule);
        out = await encodePng(image);
      } else if (format === 'avif') {
        const module = await avifModule();
        const data = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength);
        const encoded = module.encode(data, image.width, image.height, { ...AVIF_OPTIONS, quality });
        if (!encoded) throw new Error('the AVIF encoder failed');
        // A copy: the module's result may be a view on its memory, which the next call reuses.
        return new Uint8Array(encoded);
      } else {
        await once(WASM_FILES.webpEncoder, initWebpEncoder as unknown as InitWithModule);
        out = await encodeWebp(image, { quality });
      }
      return new Uint8Array(out);
    },
  };
}

/**
 * An ArrayBuffer holding exactly `bytes`. A copy unless `bytes` already spans its whole buffer: a small Node Buffer
 * is a window on a shared 8 KB pool (and Buffer#slice does not copy), so handing over `.buffer` would hand the codec
 * other data.
 */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

function asImageData(pixels: Pixels): ImageData {
  const data = pixels.data instanceof Uint8ClampedArray ? pixels.data : new Uint8ClampedArray(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  // The encoders read width, height and data only; Node has no ImageData constructor.
  return { width: pixels.width, height: pixels.height, data, colorSpace: 'srgb' } as ImageData;
}

export type { EncodableFormat };

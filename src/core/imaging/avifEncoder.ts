// The AVIF encoder's WebAssembly is not shipped: libavif + libaom (Squoosh's build, @jsquash/avif) is 3,485,872 bytes,
// 1,116,248 deflated, and the whole .vsix may weigh 1.5 MB. No smaller AV1 encoder is published for WebAssembly on
// npm (no rav1e or SVT-AV1 build; @saschazar/wasm-avif, libaom again, is 916,756 bytes deflated and last built on
// libavif 0.9.2 in 2021), and building one needs emscripten or a wasm32 Rust target, which this project cannot fetch.
// So the extension downloads the npm tarball of the pinned @jsquash/avif once, when the user agrees, checks it
// against npm's sha512 integrity before reading a byte of it, takes out the one file it needs, and checks that file's
// own sha256 every time it is loaded. The glue code is bundled in dist/codecs.js from the same pinned version: no
// downloaded JavaScript ever runs.
import { createHash } from 'node:crypto';
// Node's own zlib rather than fflate's inflate: the same result and no bytes in dist/extension.js.
import { gunzipSync } from 'node:zlib';

export interface EncoderSource {
  /** The tarball's address (the npm registry's for the pinned version). */
  readonly url: string;
  /** npm's Subresource Integrity string for the tarball (`sha512-<base64>`), as in package-lock.json. */
  readonly integrity: string;
  /** The file inside the tarball. */
  readonly entry: string;
  /** sha256 (hex) of that file, checked after unpacking and on every later load. */
  readonly sha256: string;
}

export const AVIF_ENCODER = {
  package: '@jsquash/avif',
  version: '2.1.1',
  url: 'https://registry.npmjs.org/@jsquash/avif/-/avif-2.1.1.tgz',
  integrity: 'sha512-LMRxd0fMgfCLtobDh0/sFYJMMiRJTNYSEEWvRDKXlAeZ08t3gI5V+1thIT0XjXJ+SVG7Zug9B0XPyx0Ti5VRNA==',
  entry: 'package/codec/enc/avif_enc.wasm',
  sha256: 'd9f2a95164362af48558d176e619becfd49dd97b50b86c679b47100860522b3d',
  /** What the user is told before the download: the tarball, 2,654,320 bytes. */
  downloadBytes: 2_654_320,
  host: 'registry.npmjs.org',
} as const;

/** The tarball may be at most this large (the real one is 2.65 MB): a server sending more is not the registry. */
export const MAX_TARBALL_BYTES = 8 * 1024 * 1024;

export class EncoderIntegrityError extends Error {
  override readonly name = 'EncoderIntegrityError';
}

/** Whether `bytes` match an SRI string (`sha512-…`, the form npm records; sha384/sha256 accepted too). */
export function matchesIntegrity(bytes: Uint8Array, integrity: string): boolean {
  return integrity.split(/\s+/).filter(Boolean).some((entry) => {
    const m = /^(sha512|sha384|sha256)-([A-Za-z0-9+/]+={0,2})$/.exec(entry);
    return !!m && createHash(m[1]!).update(bytes).digest('base64') === m[2];
  });
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The encoder from a downloaded tarball: refused (EncoderIntegrityError) unless the tarball matches the pinned
 * integrity and the file inside matches its pinned sha256.
 */
export function unpackEncoder(tarball: Uint8Array, source: EncoderSource): Uint8Array {
  if (!matchesIntegrity(tarball, source.integrity)) {
    throw new EncoderIntegrityError(`the downloaded encoder does not match its published sha512 hash (${source.integrity.slice(0, 19)}…), so it was not used`);
  }
  let tar: Uint8Array;
  try {
    tar = gunzipSync(tarball, { maxOutputLength: 64 * 1024 * 1024 });
  } catch (e) {
    throw new EncoderIntegrityError(`the downloaded encoder package is not a gzip file (${e instanceof Error ? e.message : String(e)})`);
  }
  const file = tarEntry(tar, source.entry);
  if (!file) throw new EncoderIntegrityError(`the downloaded encoder package has no ${source.entry}`);
  if (sha256Hex(file) !== source.sha256) throw new EncoderIntegrityError(`${source.entry} in the downloaded package is not the pinned encoder`);
  return file;
}

/**
 * One regular file of a (ustar or GNU) tar archive, by its path; undefined when absent. Only what npm tarballs use:
 * 512-byte headers, the ustar prefix for long paths, and pax/GNU long-name records.
 */
export function tarEntry(tar: Uint8Array, path: string): Uint8Array | undefined {
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return undefined;
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156]!);
    const dataStart = offset + 512;
    const data = tar.subarray(dataStart, dataStart + size);
    if (size < 0 || dataStart + size > tar.length) return undefined;
    offset = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = text(data);
      continue;
    }
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(data));
      if (m) longName = m[1];
      continue;
    }
    const prefix = text(header.subarray(345, 500));
    const name = longName ?? (prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
    longName = undefined;
    if ((type === '0' || type === '\0') && name === path) return data;
  }
  return undefined;
}

function text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

function parseOctal(bytes: Uint8Array): number {
  const s = text(bytes).trim();
  return s ? parseInt(s, 8) : 0;
}

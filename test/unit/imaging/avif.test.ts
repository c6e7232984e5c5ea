// AVIF without shipping its encoder: the pinned npm tarball is refused unless it matches npm's sha512, the one file
// taken from it must match its own pinned hash, and what it encodes is an AVIF of the size asked ('ftyp avif',
// 'ispe') that a decoder built on another AV1 library (dav1d, where the encoder is libaom) reads back as the model's
// picture. Also: pruna.outputQuality clamped into its declared range.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import decodeAvif, { init as initAvifDecoder } from '@jsquash/avif/decode.js';
import { sniffImageFormat } from '../../../src/core/http/sniff';
import { clampOutputQuality, convertImage, planForExtension, type Pixels } from '../../../src/core/imaging';
import {
  AVIF_ENCODER,
  EncoderIntegrityError,
  matchesIntegrity,
  sha256Hex,
  tarEntry,
  unpackEncoder,
} from '../../../src/core/imaging/avifEncoder';
import { squooshCodecs } from '../../../src/core/imaging/squoosh';
import { renderImage } from '../../simulator/outputs';
import { independentDecode, repoRoot, worstRegionDifference } from './support';
import { tarOf, tgzOf } from './tar';

const avifPackage = join(repoRoot(), 'node_modules', '@jsquash', 'avif');

/** The encoder as the pinned package holds it (a devDependency at exactly the pinned version). */
function encoderWasm(): Uint8Array {
  return readFileSync(join(avifPackage, 'codec', 'enc', 'avif_enc.wasm'));
}

function integrityOf(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** A tarball laid out as npm's (package/…), made now from the installed package's files. */
function packedEncoder(wasm = encoderWasm()): Uint8Array {
  return tgzOf({
    'package/package.json': readFileSync(join(avifPackage, 'package.json')),
    'package/codec/enc/avif_enc.wasm': wasm,
  });
}

/** The `ispe` (image spatial extent) property of an AVIF: the size its container declares. */
function ispeSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  for (let i = 4; i + 16 <= bytes.length; i++) {
    if (bytes[i] === 0x69 && bytes[i + 1] === 0x73 && bytes[i + 2] === 0x70 && bytes[i + 3] === 0x65) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + i + 8, 8);
      return { width: view.getUint32(0), height: view.getUint32(4) };
    }
  }
  return undefined;
}

let decoderReady: Promise<void> | undefined;
async function dav1dDecode(bytes: Uint8Array): Promise<Pixels> {
  decoderReady ??= WebAssembly.compile(readFileSync(join(avifPackage, 'codec', 'dec', 'avif_dec.wasm'))).then((module) =>
    (initAvifDecoder as unknown as (m: WebAssembly.Module, o: object) => Promise<void>)(module, { locateFile: (p: string) => p }),
  );
  await decoderReady;
  const copy = new Uint8Array(bytes);
  const image = (await decodeAvif(copy.buffer)) as unknown as { width: number; height: number; data: Uint8ClampedArray } | null;
  assert.ok(image, 'the AVIF decoder read nothing');
  return { width: image.width, height: image.height, data: image.data };
}

describe('AVIF: the encoder downloaded on first use', function () {
  this.timeout(60_000);

  it('pins the tarball npm itself recorded for @jsquash/avif (package-lock.json) and the encoder inside it', () => {
    const lock = JSON.parse(readFileSync(join(repoRoot(), 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; integrity: string }> };
    const entry = lock.packages['node_modules/@jsquash/avif']!;
    assert.equal(entry.version, AVIF_ENCODER.version);
    assert.equal(entry.integrity, AVIF_ENCODER.integrity);
    assert.equal(sha256Hex(encoderWasm()), AVIF_ENCODER.sha256, 'node_modules holds another encoder than the pinned one');
  });

  it('takes the encoder out of a tarball that matches its integrity', () => {
    const tarball = packedEncoder();
    const wasm = unpackEncoder(tarball, { ...AVIF_ENCODER, integrity: integrityOf(tarball) });
    assert.equal(wasm.length, 3_485_872);
    assert.equal(sha256Hex(wasm), AVIF_ENCODER.sha256);
  });

  it('refuses a tampered tarball before unpacking it, and a well-hashed tarball holding another encoder', () => {
    const tarball = packedEncoder();
    const integrity = integrityOf(tarball);
    const tampered = new Uint8Array(tarball);
    tampered[tampered.length >> 1]! ^= 0x01;
    assert.equal(matchesIntegrity(tampered, integrity), false);
    assert.throws(() => unpackEncoder(tampered, { ...AVIF_ENCODER, integrity }), EncoderIntegrityError);
    // Against the real pin, a tarball made here is refused too (it is not npm's).
    assert.throws(() => unpackEncoder(tarball, AVIF_ENCODER), /does not match its published sha512/);
    const other = encoderWasm().slice();
    other[1000]! ^= 0xff;
    const swapped = packedEncoder(other);
    assert.throws(() => unpackEncoder(swapped, { ...AVIF_ENCODER, integrity: integrityOf(swapped) }), /not the pinned encoder/);
    assert.throws(() => unpackEncoder(new Uint8Array([1, 2, 3]), { ...AVIF_ENCODER, integrity: integrityOf(new Uint8Array([1, 2, 3])) }), /not a gzip file/);
  });

  it('reads ustar long paths and skips other entries', () => {
    const long = `package/${'deep/'.repeat(30)}file.bin`;
    const tar = tarOf({ 'package/a.txt': new Uint8Array([1]), [long]: new Uint8Array([7, 8, 9]) });
    assert.deepEqual([...tarEntry(tar, long)!], [7, 8, 9]);
    assert.equal(tarEntry(tar, 'package/missing'), undefined);
  });

  it('names .avif as a format it makes', () => {
    assert.deepEqual(planForExtension('.AVIF'), { kind: 'make', format: 'avif' });
  });

  it('makes a 600×400 AVIF from a 1344×768 PNG: ftyp avif, ispe 600×400, read back by dav1d as the same picture', async () => {
    const png = renderImage('a red bicycle against a white wall', 42, 1344, 768);
    const source = independentDecode(png, 'png');
    const codecs = squooshCodecs(async (file) =>
      file === 'avif_enc.wasm' ? encoderWasm() : readFileSync(join(repoRoot(), 'dist', 'codecs', file)));
    const out = await convertImage(png, { format: 'avif', size: { width: 600, height: 400 } }, codecs);
    assert.equal(out.ext, '.avif');
    assert.equal(out.mime, 'image/avif');
    assert.equal(new TextDecoder().decode(out.bytes.subarray(4, 12)), 'ftypavif');
    assert.equal(sniffImageFormat(out.bytes), 'avif');
    assert.deepEqual(ispeSize(out.bytes), { width: 600, height: 400 });
    assert.equal(out.record.quality, 60);
    const decoded = await dav1dDecode(out.bytes);
    assert.deepEqual([decoded.width, decoded.height], [600, 400]);
    const difference = worstRegionDifference(source, out.record.crop!, decoded);
    assert.ok(difference < 8, `regions differ by up to ${difference.toFixed(1)} levels`);
    // The same pixels and settings give the same bytes (Regenerate reproduces the file).
    const again = await convertImage(png, { format: 'avif', size: { width: 600, height: 400 } }, codecs);
    assert.deepEqual(again.bytes, out.bytes);
  });

  it('fails plainly when the encoder cannot be loaded (the caller then saves the model\'s format)', async () => {
    const png = renderImage('x', 1, 64, 64);
    const codecs = squooshCodecs(async (file) => {
      if (file === 'avif_enc.wasm') throw new Error('not downloaded');
      return readFileSync(join(repoRoot(), 'dist', 'codecs', file));
    });
    await assert.rejects(convertImage(png, { format: 'avif' }, codecs), /not downloaded/);
  });
});

describe('pruna.outputQuality', () => {
  it('is clamped into its declared range 1–100, as the other numeric settings are', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { minimum: number; maximum: number }> }[] | { properties: Record<string, { minimum: number; maximum: number }> } };
    };
    const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
    const declared = sections.map((s) => s.properties['pruna.outputQuality']).find(Boolean)!;
    assert.deepEqual([declared.minimum, declared.maximum], [1, 100]);
    assert.equal(clampOutputQuality(150), 100);
    assert.equal(clampOutputQuality(100), 100);
    assert.equal(clampOutputQuality(0), 1);
    assert.equal(clampOutputQuality(-20), 1);
    assert.equal(clampOutputQuality(72), 72);
    assert.equal(clampOutputQuality(72.5), undefined);
    assert.equal(clampOutputQuality(Number.NaN), undefined);
    assert.equal(clampOutputQuality('90'), undefined);
    assert.equal(clampOutputQuality(undefined), undefined);
  });
});

// The one sniffer: ISO-BMFF brands tell AVIF, HEIC and M4A from MP4; a rotated phone photo reads as it is shown.
import * as assert from 'node:assert/strict';
import { ftypBrands, sniffMedia, sniffType } from '../../../src/core/http/sniff';
import { imageSize } from '../../../src/core/snippets/imageSize';
import { sniffImageType } from '../../../src/extension/studio/imageInfo';
import { encodePng } from '../../simulator/png';

/** An `ftyp` box: size, 'ftyp', major brand, minor version 0, compatible brands. */
function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + compatible.length * 4;
  const out = Buffer.alloc(size + 8);
  out.writeUInt32BE(size, 0);
  out.write('ftyp', 4, 'ascii');
  out.write(major, 8, 'ascii');
  compatible.forEach((brand, i) => out.write(brand, 16 + i * 4, 'ascii'));
  out.write('\0\0\0\0mdat', size, 'ascii');
  return out;
}

/** A baseline JPEG header of width × height, with an EXIF orientation when given (little- or big-endian TIFF). */
function jpegHeader(width: number, height: number, orientation?: number, littleEndian = false): Uint8Array {
  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
  if (orientation !== undefined) {
    const tiff = Buffer.alloc(8 + 2 + 12 + 4);
    tiff.write(littleEndian ? 'II' : 'MM', 0, 'ascii');
    const u16 = (v: number, at: number) => (littleEndian ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
    const u32 = (v: number, at: number) => (littleEndian ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
    u16(42, 2);
    u32(8, 4);
    u16(1, 8); // one IFD entry
    u16(0x0112, 10); // Orientation
    u16(3, 12); // SHORT
    u32(1, 14);
    u16(orientation, 18);
    const body = Buffer.concat([Buffer.from('Exif\0\0', 'ascii'), tiff]);
    const app1 = Buffer.alloc(4);
    app1.writeUInt16BE(0xffe1, 0);
    app1.writeUInt16BE(body.length + 2, 2);
    parts.push(app1, body);
  }
  const sof = Buffer.from([0xff, 0xc0, 0, 17, 8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0, 0, 0, 0, 0, 0, 0]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  parts.push(sof);
  return Buffer.concat(parts);
}

describe('content sniffing', () => {
  it('takes AVIF, HEIC and M4A for what they are, not for MP4', () => {
    assert.equal(sniffType(ftyp('avif', 'mif1', 'miaf'))?.mime, 'image/avif');
    assert.equal(sniffType(ftyp('mif1', 'avif', 'miaf'))?.mime, 'image/avif');
    assert.equal(sniffType(ftyp('heic', 'mif1', 'heic'))?.mime, 'image/heic');
    assert.equal(sniffType(ftyp('mif1', 'heic'))?.mime, 'image/heic');
    assert.equal(sniffType(ftyp('M4A ', 'isom', 'mp42'))?.mime, 'audio/mp4');
    assert.equal(sniffType(ftyp('isom', 'iso2', 'avc1', 'mp41'))?.mime, 'video/mp4');
    assert.equal(sniffType(ftyp('mp42', 'isom'))?.mime, 'video/mp4');
    assert.equal(sniffType(ftyp('qt  '))?.mime, 'video/quicktime');
  });

  it('reads compatible brands only inside the ftyp box and the bytes given', () => {
    assert.deepEqual(ftypBrands(ftyp('mif1', 'avif', 'miaf')), ['mif1', 'avif', 'miaf']);
    // The mdat header after the box is not a brand.
    assert.deepEqual(ftypBrands(ftyp('isom')), ['isom']);
    assert.deepEqual(ftypBrands(ftyp('mif1', 'avif').subarray(0, 16)), ['mif1']);
  });

  it('says whether bytes are media of a kind, for the delivery check', () => {
    const png = encodePng(4, 4, () => Buffer.alloc(12));
    assert.equal(sniffMedia(png, 'image'), true);
    assert.equal(sniffMedia(png, 'video'), false);
    assert.equal(sniffMedia(ftyp('avif'), 'video'), false, 'an AVIF still passed as a video');
    assert.equal(sniffMedia(ftyp('isom', 'mp41'), 'video'), true);
    assert.equal(sniffMedia(new TextEncoder().encode('<html>error</html>'), 'image'), false);
  });

  it('keeps the Studio input types on the same sniffer (AVIF is not an accepted input type)', () => {
    assert.equal(sniffImageType(encodePng(2, 2, () => Buffer.alloc(6))), 'png');
    assert.equal(sniffImageType(ftyp('avif')), undefined);
    assert.equal(sniffImageType(ftyp('isom')), undefined);
  });
});

describe('image size honours EXIF orientation', () => {
  it('reads a quarter-turned phone photo (orientation 6, 8; either byte order) as it is shown', () => {
    assert.deepEqual(imageSize(jpegHeader(640, 480, 6)), { width: 480, height: 640 });
    assert.deepEqual(imageSize(jpegHeader(640, 480, 8, true)), { width: 480, height: 640 });
    assert.deepEqual(imageSize(jpegHeader(640, 480, 5)), { width: 480, height: 640 });
  });

  it('leaves upright, mirrored and half-turned photos and photos without EXIF as stored', () => {
    for (const orientation of [1, 2, 3, 4, undefined]) {
      assert.deepEqual(imageSize(jpegHeader(640, 480, orientation)), { width: 640, height: 480 }, `orientation ${orientation}`);
    }
  });
});

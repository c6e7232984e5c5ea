import * as assert from 'node:assert/strict';
import { imageSize } from '../../../src/core';
import { encodePng } from '../../simulator/png';

function bytes(...parts: (string | number[])[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
}
const u16be = (n: number) => [n >> 8, n & 0xff];
const u16le = (n: number) => [n & 0xff, n >> 8];
const u24le = (n: number) => [n & 0xff, (n >> 8) & 0xff, n >> 16];

/** SOI, an APP0 segment to skip, then a start-of-frame segment with the size. */
function jpeg(width: number, height: number, sofMarker = 0xc0): Uint8Array {
  return bytes([0xff, 0xd8], [0xff, 0xe0, ...u16be(16)], 'JFIF\0', new Array(9).fill(0), [0xff, sofMarker, ...u16be(17), 8, ...u16be(height), ...u16be(width), 3], new Array(9).fill(0));
}

describe('image size from the header', () => {
  it('reads PNG width and height from IHDR', () => {
    assert.deepEqual(imageSize(encodePng(1344, 768, () => Buffer.alloc(1344 * 3))), { width: 1344, height: 768 });
  });

  it('reads a baseline JPEG after skipping other segments', () => {
    assert.deepEqual(imageSize(jpeg(1152, 896)), { width: 1152, height: 896 });
  });

  it('reads a progressive JPEG (SOF2)', () => {
    assert.deepEqual(imageSize(jpeg(640, 480, 0xc2)), { width: 640, height: 480 });
  });

  it('does not mistake a Huffman table (DHT) for a frame', () => {
    const dhtThenSof = bytes([0xff, 0xd8], [0xff, 0xc4, ...u16be(4), 0, 0], [0xff, 0xc0, ...u16be(17), 8, ...u16be(20), ...u16be(30), 3], new Array(12).fill(0));
    assert.deepEqual(imageSize(dhtThenSof), { width: 30, height: 20 });
  });

  it('reads the three WebP flavours (VP8X, lossy VP8, lossless VP8L)', () => {
    const vp8x = bytes('RIFF', [0, 0, 0, 0], 'WEBP', 'VP8X', [10, 0, 0, 0], [0, 0, 0, 0], u24le(1920 - 1), u24le(1080 - 1));
    assert.deepEqual(imageSize(vp8x), { width: 1920, height: 1080 });
    const vp8 = bytes('RIFF', [0, 0, 0, 0], 'WEBP', 'VP8 ', [0, 0, 0, 0], [0, 0, 0], [0x9d, 0x01, 0x2a], u16le(800), u16le(600));
    assert.deepEqual(imageSize(vp8), { width: 800, height: 600 });
    const w = 300 - 1;
    const h = 200 - 1;
    const bits = (w | (h << 14)) >>> 0;
    const vp8l = bytes('RIFF', [0, 0, 0, 0], 'WEBP', 'VP8L', [0, 0, 0, 0], [0x2f], [bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24]);
    assert.deepEqual(imageSize(vp8l), { width: 300, height: 200 });
  });

  it('reads GIF logical screen size', () => {
    assert.deepEqual(imageSize(bytes('GIF89a', u16le(320), u16le(240))), { width: 320, height: 240 });
  });

  it('says "unknown" for truncated headers and other files instead of throwing', () => {
    const png = encodePng(10, 10, () => Buffer.alloc(30));
    assert.equal(imageSize(png.subarray(0, 18)), undefined);
    assert.equal(imageSize(jpeg(100, 100).subarray(0, 12)), undefined);
    assert.equal(imageSize(bytes('GIF8')), undefined);
    assert.equal(imageSize(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
    assert.equal(imageSize(new Uint8Array(0)), undefined);
  });
});

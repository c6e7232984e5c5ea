// Crop geometry, density and the resampler, on their own.
import * as assert from 'node:assert/strict';
import { centreCrop, cropAndResize, upscaleFactor, withDensity, MAX_SILENT_UPSCALE } from '../../../src/core/imaging';

function solid(width: number, height: number, rgba: [number, number, number, number]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
  return { width, height, data };
}

describe('crop geometry', () => {
  it('keeps the whole picture when the ratio already matches', () => {
    assert.deepEqual(centreCrop({ width: 1344, height: 768 }, { width: 672, height: 384 }), { x: 0, y: 0, width: 1344, height: 768 });
  });

  it('cuts a 1:8 strip from the middle of a square, and an 8:1 banner', () => {
    assert.deepEqual(centreCrop({ width: 1024, height: 1024 }, { width: 100, height: 800 }), { x: 448, y: 0, width: 128, height: 1024 });
    assert.deepEqual(centreCrop({ width: 1024, height: 1024 }, { width: 800, height: 100 }), { x: 0, y: 448, width: 1024, height: 128 });
    // From a landscape source: the 8:1 banner uses the full width.
    assert.deepEqual(centreCrop({ width: 1440, height: 256 }, { width: 1600, height: 200 }), { x: 0, y: 38, width: 1440, height: 180 });
  });

  it('measures enlargement by the side that grows most', () => {
    assert.equal(upscaleFactor({ width: 1440, height: 180 }, { width: 1600, height: 200 }), 1600 / 1440);
    assert.ok(upscaleFactor({ width: 128, height: 1024 }, { width: 300, height: 2400 }) > MAX_SILENT_UPSCALE);
  });

  it('multiplies the target by the density (2x descriptors, @2x names)', () => {
    assert.deepEqual(withDensity({ width: 180, height: 180 }, 2), { width: 360, height: 360 });
    assert.deepEqual(withDensity({ width: 601, height: 301 }, 1.5), { width: 902, height: 452 });
    assert.deepEqual(withDensity({ width: 10, height: 10 }, undefined), { width: 10, height: 10 });
    assert.deepEqual(withDensity({ width: 10, height: 10 }, 0), { width: 10, height: 10 });
  });
});

describe('Lanczos resampling', () => {
  it('keeps a solid colour solid at any scale', () => {
    const out = cropAndResize(solid(97, 53, [200, 40, 10, 255]), { x: 3, y: 2, width: 90, height: 50 }, { width: 31, height: 170 });
    assert.equal(out.width, 31);
    assert.equal(out.height, 170);
    for (let i = 0; i < out.data.length; i += 4) assert.deepEqual([...out.data.subarray(i, i + 4)], [200, 40, 10, 255]);
  });

  it('averages a fine checkerboard to grey when shrinking (no aliasing)', () => {
    const board = solid(64, 64, [0, 0, 0, 255]);
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) if ((x + y) % 2) board.data.set([255, 255, 255, 255], (y * 64 + x) * 4);
    const out = cropAndResize(board, { x: 0, y: 0, width: 64, height: 64 }, { width: 8, height: 8 });
    for (let i = 0; i < out.data.length; i += 4) assert.ok(Math.abs(out.data[i]! - 128) < 4, `pixel ${i / 4} is ${out.data[i]}`);
  });

  it('does not darken the edge of a transparent area (premultiplied alpha)', () => {
    const half = solid(16, 16, [0, 0, 0, 0]);
    for (let y = 0; y < 16; y++) for (let x = 8; x < 16; x++) half.data.set([255, 255, 255, 255], (y * 16 + x) * 4);
    const out = cropAndResize(half, { x: 0, y: 0, width: 16, height: 16 }, { width: 5, height: 5 });
    for (let i = 0; i < out.data.length; i += 4) if (out.data[i + 3]! > 16) assert.ok(out.data[i]! > 240, `fringe ${out.data[i]}`);
  });

  it('copies a crop without resampling when no resize is needed', () => {
    const image = solid(4, 4, [1, 2, 3, 255]);
    image.data.set([9, 9, 9, 255], (1 * 4 + 1) * 4);
    const out = cropAndResize(image, { x: 1, y: 1, width: 2, height: 2 }, { width: 2, height: 2 });
    assert.deepEqual([...out.data.subarray(0, 4)], [9, 9, 9, 255]);
  });
});

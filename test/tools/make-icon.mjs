// Draws media/icon.png (128x128): a rounded square in Pruna purple with a white four-point spark ("generate") and a
// small leaf (pruning), anti-aliased by 4x4 supersampling. No image library needed: a PNG is zlib + CRCs.
// Run: node test/tools/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const TOP = [124, 58, 237]; // violet, top-left
const BOTTOM = [88, 28, 190]; // deeper violet, bottom-right

/** Coverage tests in icon units (0..128). */
function insideRoundedSquare(x, y) {
  const margin = 4;
  const radius = 26;
  const lo = margin + radius;
  const hi = SIZE - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return x >= margin && x <= SIZE - margin && y >= margin && y <= SIZE - margin && dx * dx + dy * dy <= radius * radius;
}

/** A four-point star: |dx|^p + |dy|^p <= r^p with p < 1 gives concave, pointed arms. */
function insideSpark(x, y, cx, cy, r) {
  const p = 0.55;
  return Math.abs(x - cx) ** p + Math.abs(y - cy) ** p <= r ** p;
}

/** A leaf: the intersection of two discs, tilted 45 degrees. */
function insideLeaf(x, y) {
  const cx = 88;
  const cy = 88;
  const u = ((x - cx) + (y - cy)) / Math.SQRT2;
  const v = ((x - cx) - (y - cy)) / Math.SQRT2;
  const r = 17;
  const offset = 10;
  return (u * u + (v - offset) ** 2 <= r * r) && (u * u + (v + offset) ** 2 <= r * r);
}

function pixel(px, py) {
  let bg = 0;
  let white = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (!insideRoundedSquare(x, y)) continue;
      bg++;
      if (insideSpark(x, y, 54, 54, 34) || insideSpark(x, y, 94, 36, 12) || insideLeaf(x, y)) white++;
    }
  }
  const n = SAMPLES * SAMPLES;
  const t = (px + py) / (2 * SIZE);
  const base = TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
  const w = bg ? white / bg : 0;
  const rgb = base.map((c) => Math.round(c + (255 - c) * w));
  return [...rgb, Math.round((255 * bg) / n)];
}

function crc32(bytes) {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const raw = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let y = 0; y < SIZE; y++) {
  raw[y * (1 + SIZE * 4)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(raw, y * (1 + SIZE * 4) + 1 + x * 4);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = process.argv[2] ?? 'media/icon.png';
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);

// A minimal PNG codec: 8-bit RGB, filter types 0 and 2 (Up), one IDAT. Enough to emit real, decodable images and to
// check them in tests without an image library.
import { deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(...parts: Buffer[]): number {
  let crc = 0xffffffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) crc = CRC_TABLE[(crc ^ part[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(head.subarray(4), data), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes an RGB image. `row(y)` returns the y-th row as width*3 bytes; returning the same Buffer object as for the
 * row above marks a repeated row, which is what keeps pattern images cheap to encode.
 */
export function encodePng(width: number, height: number, row: (y: number) => Buffer, level = 1): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height); // zero-filled
  let previous: Buffer | undefined;
  for (let y = 0; y < height; y++) {
    const current = row(y);
    if (current === previous) {
      // Filter type 2 (Up) of a row equal to the one above is all zeros: deflate skims over it.
      raw[y * stride] = 2;
    } else {
      raw[y * stride] = 0; // filter type 0: the row bytes as they are
      current.copy(raw, y * stride + 1, 0, width * 3);
    }
    previous = current;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function isPng(buf: Buffer): boolean {
  return buf.length >= 24 && buf.subarray(0, 8).equals(SIGNATURE) && buf.toString('ascii', 12, 16) === 'IHDR';
}

/** Width and height from the IHDR chunk; throws when `buf` is not a PNG. */
export function decodePngSize(buf: Buffer): { width: number; height: number } {
  if (!isPng(buf)) throw new Error('Not a PNG: the signature or the IHDR chunk is missing');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/**
 * Fully checks a PNG as a decoder would: every chunk's CRC, IHDR first, IEND last, and the inflated image data
 * has exactly height * (1 + width * bytesPerPixel) bytes. Returns the size and the inflated scanlines.
 */
export function decodePng(buf: Buffer): { width: number; height: number; colorType: number; scanlines: Buffer } {
  const { width, height } = decodePngSize(buf);
  const idat: Buffer[] = [];
  let offset = 8;
  let colorType = -1;
  let sawEnd = false;
  while (offset < buf.length) {
    if (offset + 12 > buf.length) throw new Error(`Truncated PNG chunk at byte ${offset}`);
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (data.length !== length) throw new Error(`Truncated ${type} chunk`);
    const crc = buf.readUInt32BE(offset + 8 + length);
    if (crc !== crc32(buf.subarray(offset + 4, offset + 8), data)) throw new Error(`Bad CRC in ${type} chunk`);
    if (type === 'IHDR') colorType = data[9];
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) throw new Error('PNG has no IEND chunk');
  const channels: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
  const bpp = channels[colorType];
  if (bpp === undefined) throw new Error(`Unsupported PNG colour type ${colorType}`);
  const scanlines = inflateSync(Buffer.concat(idat));
  if (scanlines.length !== height * (1 + width * bpp)) {
    throw new Error(`PNG image data has ${scanlines.length} bytes, expected ${height * (1 + width * bpp)}`);
  }
  return { width, height, colorType, scanlines };
}

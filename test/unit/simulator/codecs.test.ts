import * as assert from 'node:assert/strict';
import { decodePng, decodePngSize } from '../../simulator/index';
import { MultipartParser, multipartBoundary, type PartHeaders } from '../../simulator/multipart';
import { crc32, encodePng } from '../../simulator/png';
import { imageDimensions } from '../../simulator/sniff';

describe('simulator: PNG codec', () => {
  it('computes the standard CRC-32', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });

  it('round-trips the size and the exact scanlines', () => {
    const row = Buffer.from([1, 2, 3, 4, 5, 6]);
    const png = encodePng(2, 3, () => row);
    const decoded = decodePng(png);
    assert.deepEqual([decoded.width, decoded.height, decoded.colorType], [2, 3, 2]);
    // First row unfiltered, the repeats as Up-filtered zeros.
    assert.deepEqual([...decoded.scanlines], [0, 1, 2, 3, 4, 5, 6, 2, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]);
  });

  it('detects a corrupted chunk', () => {
    const png = encodePng(4, 4, () => Buffer.alloc(12, 9));
    const broken = Buffer.from(png);
    broken[40] = broken[40]! ^ 0xff;
    assert.throws(() => decodePng(broken), /Bad CRC|Truncated/);
  });

  it('refuses non-PNG bytes in decodePngSize', () => {
    assert.throws(() => decodePngSize(Buffer.from('GIF89a..................')), /Not a PNG/);
  });

  it('reads JPEG dimensions from the SOF marker', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x01, 0x2c, 0x02, 0x58, 3, 0, 0, 0, 0]);
    assert.deepEqual(imageDimensions(jpeg), { width: 600, height: 300 });
    assert.deepEqual(imageDimensions(Buffer.from('plain text')), {});
  });
});

describe('simulator: multipart parser', () => {
  const body = Buffer.from(
    'preamble\r\n--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n' +
      '--XyZ\r\nContent-Disposition: form-data; name="content"; filename="a.bin"\r\nContent-Type: image/png\r\n\r\n' +
      'bytes with \r\n--XyNotTheBoundary inside\r\n--XyZ--\r\nepilogue',
  );

  function parse(chunks: Buffer[]) {
    const parts: Array<{ headers: PartHeaders; data: string }> = [];
    const parser = new MultipartParser('XyZ', {
      onPartStart: (headers) => parts.push({ headers, data: '' }),
      onPartData: (data) => {
        parts[parts.length - 1]!.data += data.toString('latin1');
      },
      onPartEnd: () => undefined,
    });
    for (const c of chunks) parser.write(c);
    parser.end();
    return parts;
  }

  it('splits parts whatever the chunk boundaries are', () => {
    const expected = parse([body]);
    assert.deepEqual(
      expected.map((p) => [p.headers.name, p.headers.filename, p.headers.contentType, p.data]),
      [
        ['note', undefined, undefined, 'hello'],
        ['content', 'a.bin', 'image/png', 'bytes with \r\n--XyNotTheBoundary inside'],
      ],
    );
    for (let size = 1; size < 40; size++) {
      const chunks = [];
      for (let i = 0; i < body.length; i += size) chunks.push(body.subarray(i, i + size));
      assert.deepEqual(parse(chunks), expected, `chunk size ${size}`);
    }
  });

  it('fails when the closing boundary never comes', () => {
    assert.throws(() => parse([body.subarray(0, body.length - 20)]), /ended before its closing boundary/);
  });

  it('reads the boundary from the Content-Type header, quoted or not', () => {
    assert.equal(multipartBoundary('multipart/form-data; boundary=abc'), 'abc');
    assert.equal(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"'), 'a b');
    assert.equal(multipartBoundary('application/json'), undefined);
    assert.equal(multipartBoundary('multipart/form-data'), undefined);
  });
});

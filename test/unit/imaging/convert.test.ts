// The file the code asks for: the model's PNG becomes a JPEG, WebP, PNG or ICO of exactly the size asked, read back by
// decoders that share no code with the encoders, and still showing the model's picture.
import * as assert from 'node:assert/strict';
import { sniffImageFormat } from '../../../src/core/http/sniff';
import { convertImage, firstIcoImage, type Pixels } from '../../../src/core/imaging';
import { imageSize } from '../../../src/core/snippets/imageSize';
import { renderImage } from '../../simulator/outputs';
import { codecs, independentDecode, worstRegionDifference } from './support';

/** The simulator's picture for a prompt, as the model would deliver it (a PNG), and its pixels. */
function modelPicture(width: number, height: number, prompt = 'lighthouse at dusk'): { png: Uint8Array; pixels: Pixels } {
  const png = renderImage(prompt, 42, width, height);
  return { png, pixels: independentDecode(png, 'png') };
}

describe('image conversion', function () {
  this.timeout(60_000);

  it('makes a 1200×630 JPEG from a 1344×768 PNG: cropped to the ratio, resized, the same picture', async () => {
    const { png, pixels } = modelPicture(1344, 768);
    const out = await convertImage(png, { format: 'jpeg', size: { width: 1200, height: 630 } }, codecs);
    assert.equal(sniffImageFormat(out.bytes), 'jpeg');
    const decoded = independentDecode(out.bytes, 'jpeg');
    assert.deepEqual([decoded.width, decoded.height], [1200, 630]);
    assert.deepEqual(out.record.crop, { x: 0, y: 31, width: 1344, height: 706 });
    assert.equal(out.record.filter, 'lanczos3');
    assert.equal(out.record.quality, 85);
    const difference = worstRegionDifference(pixels, out.record.crop!, decoded);
    assert.ok(difference < 6, `regions differ by up to ${difference.toFixed(1)} levels`);
  });

  it('makes an 800×600 WebP, read back by a separate libwebp build', async () => {
    const { png, pixels } = modelPicture(1152, 896);
    const out = await convertImage(png, { format: 'webp', size: { width: 800, height: 600 } }, codecs);
    assert.equal(sniffImageFormat(out.bytes), 'webp');
    assert.deepEqual(imageSize(out.bytes), { width: 800, height: 600 });
    const decoded = independentDecode(out.bytes, 'webp');
    assert.deepEqual([decoded.width, decoded.height], [800, 600]);
    assert.ok(worstRegionDifference(pixels, out.record.crop!, decoded) < 6);
  });

  it('makes a 256×256 PNG from a square picture without losing colours beyond resampling', async () => {
    const { png, pixels } = modelPicture(1024, 1024);
    const out = await convertImage(png, { format: 'png', size: { width: 256, height: 256 } }, codecs);
    const decoded = independentDecode(out.bytes, 'png');
    assert.deepEqual([decoded.width, decoded.height], [256, 256]);
    assert.equal(out.record.quality, undefined, 'PNG has no quality');
    assert.ok(worstRegionDifference(pixels, { x: 0, y: 0, width: 1024, height: 1024 }, decoded) < 3);
  });

  it('wraps a 32×32 PNG in an ICO container for favicon.ico', async () => {
    const { png, pixels } = modelPicture(1024, 1024);
    const out = await convertImage(png, { format: 'ico', size: { width: 32, height: 32 } }, codecs);
    assert.deepEqual([...out.bytes.subarray(0, 8)], [0, 0, 1, 0, 1, 0, 32, 32]);
    const inner = firstIcoImage(out.bytes);
    assert.ok(inner);
    const decoded = independentDecode(inner, 'png');
    assert.deepEqual([decoded.width, decoded.height], [32, 32]);
    assert.ok(worstRegionDifference(pixels, { x: 0, y: 0, width: 1024, height: 1024 }, decoded, 2) < 8);
  });

  it('converts a JPEG answer to WebP at its own size, and a WebP answer back to PNG', async () => {
    const { png, pixels } = modelPicture(512, 384);
    const jpeg = await convertImage(png, { format: 'jpeg', quality: 95 }, codecs);
    const webp = await convertImage(jpeg.bytes, { format: 'webp' }, codecs);
    assert.equal(webp.record.sourceFormat, 'jpeg');
    assert.equal(webp.record.crop, undefined, 'nothing to crop at the same size');
    const back = await convertImage(webp.bytes, { format: 'png' }, codecs);
    const decoded = independentDecode(back.bytes, 'png');
    assert.deepEqual([decoded.width, decoded.height], [512, 384]);
    assert.ok(worstRegionDifference(pixels, { x: 0, y: 0, width: 512, height: 384 }, decoded) < 8);
  });

  it('returns the model\'s bytes untouched when they already are the file asked for', async () => {
    const { png } = modelPicture(256, 256);
    const out = await convertImage(png, { format: 'png', size: { width: 256, height: 256 } }, codecs);
    assert.equal(out.changed, false);
    assert.equal(out.bytes, png);
  });

  it('makes the same bytes from the same input (Regenerate with the same seed reproduces the file)', async () => {
    const { png } = modelPicture(1344, 768);
    const request = { format: 'webp', size: { width: 640, height: 480 } } as const;
    const [a, b] = [await convertImage(png, request, codecs), await convertImage(png, request, codecs)];
    assert.ok(Buffer.from(a.bytes).equals(Buffer.from(b.bytes)));
  });

  it('strips EXIF: a JPEG answer carrying camera metadata is written without it', async () => {
    const { png } = modelPicture(320, 240);
    const plain = (await convertImage(png, { format: 'jpeg' }, codecs)).bytes;
    const exif = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, 0x16]), Buffer.from('Exif\0\0MM\0*\0\0\0\x08\0\0', 'binary'), Buffer.alloc(4)]);
    const tagged = Buffer.concat([plain.subarray(0, 2), exif, plain.subarray(2)]);
    assert.ok(tagged.includes('Exif'));
    const out = await convertImage(tagged, { format: 'jpeg', size: { width: 160, height: 120 } }, codecs);
    assert.equal(Buffer.from(out.bytes).includes('Exif'), false);
  });

  it('reports the enlargement when the model\'s picture is smaller than the target', async () => {
    const { png } = modelPicture(256, 256);
    const out = await convertImage(png, { format: 'png', size: { width: 512, height: 512 } }, codecs);
    assert.equal(out.upscale, 2);
    const shrunk = await convertImage(png, { format: 'png', size: { width: 128, height: 64 } }, codecs);
    assert.equal(shrunk.upscale, 1);
  });

  it('reads an image that is a window on a larger buffer (a pooled Node Buffer) without seeing the bytes around it', async () => {
    const { png } = modelPicture(64, 48);
    const webp = (await convertImage(png, { format: 'webp' }, codecs)).bytes;
    for (const [format, bytes] of [['png', png], ['webp', webp]] as const) {
      const shared = Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPjunk before the image'), bytes, Buffer.from('junk after')]);
      const view = shared.subarray(33, 33 + bytes.length);
      const decoded = await codecs.decode(view, format);
      assert.deepEqual([decoded.width, decoded.height], [64, 48], format);
    }
  });

  it('refuses what it cannot read, so the caller saves the original', async () => {
    await assert.rejects(convertImage(new TextEncoder().encode('<html>no</html>'), { format: 'png' }, codecs), /not an image/);
  });
});

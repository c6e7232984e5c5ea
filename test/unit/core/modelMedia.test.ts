// File inputs that take more than one media kind, and image formats the P-API cannot read.
import * as assert from 'node:assert/strict';
import { getModel, listModels } from '../../../src/core/catalog';
import { mainImageInput, unreadableImageFormat, unreadableImageMessage } from '../../../src/core/models/media';
import { createStudioCatalog, mainImageField, toModelInfo } from '../../../src/extension/studio/catalog';
import { caught, makeClient, makeEngine, predictionPosts, useSimulator, useTempDir, writeFile } from './support';

/** The start of an ISO-BMFF image: an `ftyp` box with these brands, then an empty `mdat`. */
function ftypImage(major: string, ...compatible: string[]): Buffer {
  const size = 16 + compatible.length * 4;
  const out = Buffer.alloc(size + 64);
  out.writeUInt32BE(size, 0);
  out.write('ftyp', 4, 'ascii');
  out.write(major, 8, 'ascii');
  compatible.forEach((brand, i) => out.write(brand, 16 + i * 4, 'ascii'));
  out.write('\0\0\0\x40mdat', size, 'latin1');
  return out;
}

describe('model media: mixed file inputs and unreadable image formats', () => {
  const sim = useSimulator();
  const tmp = useTempDir();
  it('gives vace’s src_mask its own file field that takes every kind it lists (video and image)', () => {
    const vace = getModel('vace');
    assert.deepEqual(vace.files.find((f) => f.field === 'src_mask')?.media, ['video', 'image']);
    // The image list fills the images-only field, not the mixed one.
    assert.equal(mainImageField(vace)?.field, 'src_ref_images');
    const info = toModelInfo(vace);
    assert.equal(info.imagesField, 'src_ref_images');
    const mask = info.files?.find((f) => f.field === 'src_mask');
    assert.ok(mask, 'src_mask is a file field of the form');
    assert.deepEqual(mask.media, ['video', 'image']);
    // A mask chosen as a file (video or image) passes the Studio's check of the form.
    const catalog = createStudioCatalog([vace]);
    assert.equal(catalog.validate({ model: 'vace', prompt: 'a fox', images: [], params: {}, files: { src_mask: ['file:///w/mask.mp4'] }, count: 1 }), undefined);
  });

  it('keeps the first image field as the main one for every model whose image fields take images only', () => {
    for (const model of listModels()) {
      const images = model.files.filter((f) => f.media.includes('image'));
      const mixed = images.some((f) => f.media.some((m) => m !== 'image'));
      if (!mixed) assert.equal(mainImageInput(model.files)?.field, images[0]?.field, model.id);
    }
    // A model whose only image field also takes video still gets it as the main field.
    assert.equal(mainImageInput([{ media: ['video', 'image'] as const }])?.media.length, 2);
    assert.equal(mainImageInput([{ media: ['video'] as const }]), undefined);
  });

  it('names HEIC, HEIF and AVIF as unreadable and lets JPEG, PNG, WebP and GIF through', () => {
    assert.equal(unreadableImageFormat('image/heic'), 'HEIC');
    assert.equal(unreadableImageFormat('image/heif'), 'HEIF');
    assert.equal(unreadableImageFormat('image/avif'), 'AVIF');
    for (const mime of ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'video/mp4', 'constructor', 'toString']) {
      assert.equal(unreadableImageFormat(mime), undefined, mime);
    }
    assert.match(unreadableImageMessage('IMG_0001.HEIC', 'HEIC'), /"IMG_0001\.HEIC" is a HEIC image.*JPEG, PNG, WebP/);
  });

  it('refuses a HEIC or AVIF input image before any upload or POST, naming the accepted formats', async () => {
    const engine = makeEngine(makeClient(sim()), tmp());
    for (const [name, bytes, format] of [['IMG_0001.heic', ftypImage('heic', 'mif1', 'heic'), 'HEIC'], ['photo.png', ftypImage('avif', 'mif1', 'miaf'), 'AVIF']] as const) {
      const path = writeFile(tmp(), name, bytes);
      const err = await caught(engine.run({ model: 'p-image-edit', input: { prompt: 'make it blue' }, files: { images: [path] } }));
      assert.equal(err.kind, 'invalid-file', name);
      assert.match(err.message, new RegExp(`"${name.replace('.', '\\.')}" is a ${format} image.*JPEG, PNG, WebP images only`), name);
      assert.deepEqual(err.fields, ['images']);
    }
    assert.equal(sim().requests.length, 0, 'nothing was uploaded or posted');
    assert.equal(predictionPosts(sim()), 0);
  });
});

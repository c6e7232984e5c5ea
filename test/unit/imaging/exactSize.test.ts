// pruna.placeholders.size = exact: the model makes the smallest size that covers what the code asks (× density), and
// the file is cropped and resized to exactly that; enlarging more than 1.5× is said.
import { strict as assert } from 'node:assert';
import { getModel } from '../../../src/core/catalog';
import type { ModelSpec } from '../../../src/core/catalog';
import { chooseSize } from '../../../src/core/placeholders';

const pImage = getModel('p-image');
const exact = { exact: false, mode: 'exact' } as const;
/** A model with presets only (no custom size), to check the nearest-covering-ratio rule. */
const presetsOnly: ModelSpec = { ...pImage, customSize: undefined } as ModelSpec;

describe('placeholders: exact file sizes', () => {
  it('asks the model for the next multiple of 16 and crops the rest: 1200×630 from 1200×640', () => {
    const choice = chooseSize(pImage, { width: 1200, height: 630 }, exact);
    assert.deepEqual(choice.params, { aspect_ratio: 'custom', width: 1200, height: 640 });
    assert.deepEqual(choice.target, { width: 1200, height: 630 });
    assert.equal(choice.upscale, undefined);
    assert.equal(choice.explanation, 'exact: 1200×630 → made at 1200×640, cropped and resized to 1200×630');
    assert.equal(choice.label, '1200×630 · from 1200×640');
  });

  it('makes 256×256 and 800×600 without enlarging', () => {
    const square = chooseSize(pImage, { width: 256, height: 256 }, exact);
    assert.deepEqual(square.params, { aspect_ratio: 'custom', width: 256, height: 256 });
    assert.equal(square.explanation, 'exact: 256×256 → made at exactly 256×256');
    assert.deepEqual(chooseSize(pImage, { width: 800, height: 600 }, exact).params, { aspect_ratio: 'custom', width: 800, height: 608 });
  });

  it('keeps the density-multiplied size a reference carries (2x, @2x) and says the CSS size it came from', () => {
    // A reference's width and height are already multiplied by its density when read (types.ts); multiplying again
    // made a 100×40 @2x logo 400×160 in the real host.
    const icon = chooseSize(pImage, { width: 360, height: 360, density: 2 }, exact);
    assert.deepEqual(icon.target, { width: 360, height: 360 });
    assert.deepEqual(icon.params, { aspect_ratio: 'custom', width: 368, height: 368 });
    assert.match(icon.explanation, /^exact: 180×180 at 2x = 360×360 →/);
  });

  it('covers a 1:8 strip and an 8:1 banner within the model\'s limits', () => {
    const strip = chooseSize(pImage, { width: 100, height: 800 }, exact);
    assert.deepEqual(strip.params, { aspect_ratio: 'custom', width: 256, height: 1440 });
    assert.equal(strip.upscale, undefined, 'a 180×1440 crop shrinks to 100×800');
    const banner = chooseSize(pImage, { width: 1600, height: 200 }, exact);
    assert.deepEqual(banner.params, { aspect_ratio: 'custom', width: 1440, height: 256 });
    assert.ok(banner.upscale! > 1.1 && banner.upscale! < 1.12, String(banner.upscale));
    assert.match(banner.explanation, /enlarged 1\.11×$/);
  });

  it('says so when the file needs more than 1.5× enlargement', () => {
    const wide = chooseSize(pImage, { width: 3000, height: 1000 }, exact);
    assert.deepEqual(wide.params, { aspect_ratio: 'custom', width: 1440, height: 480 });
    assert.ok(wide.upscale! > 2);
    assert.match(wide.explanation, /enlarged 2\.1× \(more than 1\.5×: P-Image makes at most 1440 pixels a side, so the file will look soft\)/);
  });

  it('without custom sizes, takes the preset of the nearest ratio that covers the target', () => {
    const loft = chooseSize(presetsOnly, { width: 800, height: 600 }, exact);
    assert.deepEqual(loft.params, { aspect_ratio: '4:3' });
    assert.equal(loft.explanation, 'exact: 800×600 → made at 4:3 1152×896, cropped and resized to 800×600');
    const hero = chooseSize(presetsOnly, { width: 1280, height: 720 }, exact);
    assert.deepEqual(hero.params, { aspect_ratio: '16:9' });
    assert.deepEqual(hero.target, { width: 1280, height: 720 });
  });

  it('keeps today\'s behaviour in model mode and for code without both sides', () => {
    assert.deepEqual(chooseSize(pImage, { width: 1200, height: 600 }, { exact: false, mode: 'model' }).target, undefined);
    assert.deepEqual(chooseSize(pImage, { width: 1200 }, exact).params, { aspect_ratio: '16:9' });
    assert.equal(chooseSize(pImage, {}, exact).target, undefined);
  });
});

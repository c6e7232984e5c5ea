import { strict as assert } from 'node:assert';
import { getModel } from '../../../src/core/catalog';
import { chooseSize, formatRatio } from '../../../src/core/placeholders';

const pImage = getModel('p-image');
const ratio = { exact: false };
const exact = { exact: true };

describe('placeholders: size from the code', () => {
  it('maps a size whose ratio is offered to that preset', () => {
    const choice = chooseSize(pImage, { width: 1200, height: 675 }, ratio);
    assert.deepEqual(choice.params, { aspect_ratio: '16:9' });
    assert.equal(choice.explanation, '1200×675 → 16:9 (1344×768)');
    assert.deepEqual([choice.width, choice.height], [1344, 768]);
  });

  it('says when the ratio is not offered and which nearest one was chosen', () => {
    const choice = chooseSize(pImage, { width: 1200, height: 600 }, ratio);
    assert.deepEqual(choice.params, { aspect_ratio: '16:9' });
    assert.equal(choice.explanation, '1200×600 → 2:1 is not offered; nearest 16:9 (1344×768)');
  });

  it('picks portrait and square presets by ratio, measured on a log scale', () => {
    assert.deepEqual(chooseSize(pImage, { width: 640, height: 1000 }, ratio).params, { aspect_ratio: '2:3' });
    assert.deepEqual(chooseSize(pImage, { width: 500, height: 480 }, ratio).params, { aspect_ratio: '1:1' });
    assert.deepEqual(chooseSize(pImage, { aspectRatio: 4 / 3 }, ratio).params, { aspect_ratio: '4:3' });
  });

  it('uses the default ratio when the code gives no size, and says so', () => {
    const none = chooseSize(pImage, {}, exact);
    assert.deepEqual(none.params, { aspect_ratio: '16:9' });
    assert.equal(none.explanation, 'no size in the code → default 16:9 (1344×768)');
    const widthOnly = chooseSize(pImage, { width: 800 }, exact);
    assert.equal(widthOnly.explanation, 'only width 800 in the code, no height or aspect-ratio → default 16:9 (1344×768)');
  });

  it("uses the user's default ratio when the model offers it, else the model's", () => {
    assert.equal(chooseSize(pImage, {}, { exact: false, defaultAspectRatio: '1:1' }).explanation, 'no size in the code → default 1:1 (1024×1024)');
    assert.deepEqual(chooseSize(pImage, {}, { exact: false, defaultAspectRatio: '21:9' }).params, { aspect_ratio: '16:9' });
    assert.deepEqual(chooseSize(pImage, { width: 900, height: 900 }, { exact: false, defaultAspectRatio: '9:16' }).params, { aspect_ratio: '1:1' });
  });

  it('completes a missing side from aspect-ratio', () => {
    const choice = chooseSize(pImage, { width: 960, aspectRatio: 2 }, exact);
    assert.deepEqual(choice.params, { aspect_ratio: 'custom', width: 960, height: 480 });
    assert.equal(choice.explanation, 'exact: 960×480');
  });

  it('rounds exact sizes to multiples of 16 and says so', () => {
    const choice = chooseSize(pImage, { width: 1200, height: 600 }, exact);
    assert.deepEqual(choice.params, { aspect_ratio: 'custom', width: 1200, height: 608 });
    assert.equal(choice.explanation, 'exact: 1200×608 (rounded to multiples of 16)');
  });

  it('scales a size beyond the limit down instead of sending it, keeping the ratio', () => {
    const choice = chooseSize(pImage, { width: 2400, height: 1200 }, exact);
    assert.deepEqual(choice.params, { aspect_ratio: 'custom', width: 1440, height: 720 });
    assert.equal(choice.explanation, '2400×1200 exceeds 1440 → scaled to 1440×720');
  });

  it('scales a size below the minimum up and says so', () => {
    const choice = chooseSize(pImage, { width: 100, height: 50 }, exact);
    assert.deepEqual(choice.params, { aspect_ratio: 'custom', width: 512, height: 256 });
    assert.equal(choice.explanation, '100×50 is below 256 → scaled up to 512×256');
  });

  it('clamps a ratio that cannot fit the limits and says the result is the closest that fits', () => {
    const choice = chooseSize(pImage, { width: 3000, height: 100 }, exact);
    assert.deepEqual(choice.params, { aspect_ratio: 'custom', width: 1440, height: 256 });
    assert.match(choice.explanation, /^3000×100 \(30:1\) does not fit 256–1440 → closest that fits: 1440×256/);
  });

  it('never returns a custom side outside the limits or off the multiple', () => {
    for (const [w, h] of [[1, 1], [5000, 5000], [257, 1439], [1000, 3], [333, 777], [1441, 255]] as const) {
      const { params } = chooseSize(pImage, { width: w, height: h }, exact);
      assert.equal(params.aspect_ratio, 'custom');
      if (params.aspect_ratio !== 'custom' || !('width' in params)) continue;
      for (const side of [params.width, params.height]) {
        assert.ok(side >= 256 && side <= 1440 && side % 16 === 0, `${w}×${h} gave ${side}`);
      }
    }
  });

  it('keeps an offered ratio without pixels as the preset, and sizes another ratio at the usual pixel count', () => {
    assert.deepEqual(chooseSize(pImage, { aspectRatio: 16 / 9 }, exact).params, { aspect_ratio: '16:9' });
    const wide = chooseSize(pImage, { aspectRatio: 2 }, exact);
    assert.deepEqual(wide.params, { aspect_ratio: 'custom', width: 1440, height: 720 });
    assert.match(wide.explanation, /^exact: aspect-ratio 2:1 at P-Image's usual pixel count → /);
  });

  it('falls back to ratios for a model without custom sizes and says exact was not possible', () => {
    const choice = chooseSize({ ...pImage, customSize: undefined }, { width: 1200, height: 600 }, exact);
    assert.deepEqual(choice.params, { aspect_ratio: '16:9' });
    assert.match(choice.explanation, /^P-Image has no custom sizes; 1200×600 → 2:1 is not offered/);
  });

  it('writes ratios the way people do', () => {
    assert.deepEqual([formatRatio(2), formatRatio(1.5), formatRatio(16 / 9), formatRatio(1.6207)], ['2:1', '3:2', '16:9', '1.62:1']);
  });
});

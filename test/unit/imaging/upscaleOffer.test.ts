// When the exact-size post-processing would enlarge more than 1.5×, the upscale model is offered (never run here):
// with the fewest whole megapixels in its range at which the model's picture covers the target, and a price from the
// price table (or "price unknown" where none is published).
import * as assert from 'node:assert/strict';
import { getModel } from '../../../src/core/catalog';
import { MAX_SILENT_UPSCALE, UPSCALE_MODEL, upscaleModelRange, upscaleOffer } from '../../../src/core/imaging';
import { estimateCost } from '../../../src/core/pricing';

describe('imaging: the upscale offer for enlargements over 1.5×', () => {
  it('reads the model and its megapixel range from the catalog', () => {
    assert.equal(getModel(UPSCALE_MODEL).id, 'p-image-upscale');
    assert.deepEqual(upscaleModelRange(), { min: 1, max: 8 });
  });

  it('offers nothing up to 1.5× (said, or silent), and an offer just above it', () => {
    // 1440×480 crop → 2160×720 is exactly 1.5×.
    assert.equal(upscaleOffer({ width: 1440, height: 480 }, { width: 2160, height: 720 }), undefined);
    assert.equal(upscaleOffer({ width: 1344, height: 768 }, { width: 1200, height: 630 }), undefined, 'a shrink');
    const just = upscaleOffer({ width: 1440, height: 480 }, { width: 2176, height: 725 });
    assert.ok(just && just.enlargement > MAX_SILENT_UPSCALE);
  });

  it('asks for the fewest megapixels that cover the target: a 3000×1000 banner from 1440×480 needs 3 MP', () => {
    const offer = upscaleOffer({ width: 1440, height: 480 }, { width: 3000, height: 1000 })!;
    assert.equal(offer.model, 'p-image-upscale');
    assert.ok(Math.abs(offer.enlargement - 3000 / 1440) < 1e-9);
    // 1440×480 × (3000/1440)² = 3.0 MP exactly: 3 MP, and then nothing is enlarged.
    assert.equal(offer.megapixels, 3);
    assert.ok(offer.remaining <= 1.0001, String(offer.remaining));
  });

  it('rounds up and stays in the model\'s range: 1 MP at least, 8 MP at most (the rest is still enlarged, and said)', () => {
    const small = upscaleOffer({ width: 256, height: 256 }, { width: 512, height: 512 })!;
    assert.equal(small.megapixels, 1, '0.26 MP needed; the model takes 1 at least');
    const huge = upscaleOffer({ width: 1024, height: 1024 }, { width: 6000, height: 6000 })!;
    assert.equal(huge.megapixels, 8);
    assert.ok(huge.remaining > 2 && huge.remaining < 2.2, String(huge.remaining));
    const odd = upscaleOffer({ width: 1000, height: 1000 }, { width: 2100, height: 2100 })!;
    assert.equal(odd.megapixels, 5, '4.41 MP needed');
  });

  it('an extreme ratio: an 8:1 strip cut from a 1440×256 result', () => {
    const offer = upscaleOffer({ width: 1440, height: 256 }, { width: 4096, height: 512 })!;
    // Crop 1440×180 → 4096×512 is 2.84×; the whole 1440×256 grown 2.84× is 2.99 MP.
    assert.ok(offer.enlargement > 2.8 && offer.enlargement < 2.9);
    assert.equal(offer.megapixels, 3);
  });

  it('prices it from the price table: p-image-upscale has no published price, so it says "price unknown"', () => {
    const offer = upscaleOffer({ width: 1440, height: 480 }, { width: 3000, height: 1000 })!;
    assert.deepEqual(offer.cost, estimateCost('p-image-upscale', { target: 3 }));
    assert.equal(offer.cost.known, false);
    assert.equal(offer.cost.summary, 'price unknown');
  });

  it('offers nothing when the catalog has no upscale model', () => {
    assert.equal(upscaleOffer({ width: 1440, height: 480 }, { width: 3000, height: 1000 }, null), undefined);
  });
});

import * as assert from 'node:assert/strict';
import {
  PRICE_TABLE,
  describePrice,
  estimateCost,
  priceOf,
  totalCost,
  usd,
  type KnownCost,
  type ModelPrice,
} from '../../../src/core';

function known(e: ReturnType<typeof estimateCost>): KnownCost {
  assert.ok(e.known, `expected a known price, got: ${e.text}`);
  return e;
}

describe('price estimator', () => {
  describe('per image', () => {
    it('prices one p-image at $0.005 and says where the figure comes from', () => {
      const e = known(estimateCost('p-image', { prompt: 'a lighthouse' }));
      assert.equal(e.usd, 0.005);
      assert.equal(e.unit, 'image');
      assert.equal(e.summary, 'about $0.005');
      assert.equal(e.source.ref, 'S6');
      assert.match(e.source.asOf, /^\d{4}-\d{2}-\d{2}$/);
    });

    it('multiplies by the number of runs without float noise (3 × $0.005 = $0.015)', () => {
      const e = known(estimateCost('p-image', { prompt: 'x' }, 3));
      assert.equal(e.usd, 0.015);
      assert.equal(e.perRunUsd, 0.005);
      assert.equal(e.count, 3);
      assert.match(e.text, /^about \$0\.015 \(3 × \$0\.005/);
    });

    it('adds the per-garment charge of p-image-try-on after the first garment', () => {
      const one = known(estimateCost('p-image-try-on', { person_image: 'https://x/p.jpg', garment_images: ['a'] }));
      assert.equal(one.usd, 0.015);
      const three = known(estimateCost('p-image-try-on', { person_image: 'https://x/p.jpg', garment_images: ['a', 'b', 'c'] }));
      assert.equal(three.usd, 0.031);
      assert.deepEqual(three.breakdown.map((l) => [l.label, l.quantity, l.usd]), [
        ['first garment', 1, 0.015],
        ['each additional garment', 2, 0.016],
      ]);
    });

    it('picks the ideogram price by thinking level and size, and says unknown for levels without a published price', () => {
      assert.equal(known(estimateCost('p-image-ideogram', { prompt: 'x', thinking: 'very high', image_size: '2K' })).usd, 0.066);
      const dflt = estimateCost('p-image-ideogram', { prompt: 'x' });
      assert.equal(dflt.known, false);
      assert.match(dflt.text, /price unknown: .*very high/);
    });
  });

  describe('per second of video', () => {
    it('uses p-video\'s default 5 s at 720p when nothing is set ($0.10)', () => {
      const e = known(estimateCost('p-video', { prompt: 'waves' }));
      assert.equal(e.unit, 'second');
      assert.equal(e.usd, 0.1);
      assert.deepEqual(e.breakdown.map((l) => [l.label, l.quantity, l.unitUsd]), [['720p', 5, 0.02]]);
      assert.equal(e.summary, 'about $0.10');
    });

    it('reads duration, resolution and draft from the input', () => {
      assert.equal(known(estimateCost('p-video', { prompt: 'x', duration: 10, resolution: '1080p' })).usd, 0.4);
      assert.equal(known(estimateCost('p-video', { prompt: 'x', duration: 8, draft: true })).usd, 0.04);
      assert.equal(known(estimateCost('p-video-2-pro', { prompt: 'x', mode: 'quality' })).usd, 0.375);
    });

    it('says the price is unknown when the length follows an audio file, and gives the rate', () => {
      const e = estimateCost('p-video', { prompt: 'x', audio: 'https://x/a.mp3', duration: 5 });
      assert.equal(e.known, false);
      assert.match(e.text, /\$0\.02 per second .*audio/);
    });

    it('prices p-video-edit from a length the caller knows, else unknown', () => {
      assert.equal(estimateCost('p-video-edit', { prompt: 'x', video: 'https://x/v.mp4' }).known, false);
      assert.equal(known(estimateCost('p-video-edit', { prompt: 'x', video: 'https://x/v.mp4' }, 1, { seconds: 12 })).usd, 0.54);
    });

    it('p-video-2 without duration: the model decides, so unknown', () => {
      const e = estimateCost('p-video-2', { prompt: 'x' });
      assert.equal(e.known, false);
      assert.match(e.reason, /model decides/);
      assert.equal(known(estimateCost('p-video-2', { prompt: 'x', duration: 4 })).usd, 0.1);
    });
  });

  describe('per megapixel', () => {
    // No model in API.md is priced per megapixel yet; the rule is exercised on a table of its own.
    const table: Record<string, ModelPrice> = {
      upscaler: {
        model: 'upscaler',
        rule: { unit: 'megapixel', megapixelsField: 'target', defaultMegapixels: 4, rows: [{ when: {}, usd: 0.002, label: 'output' }] },
        source: { ref: 'T', title: 'test table', asOf: '2026-01-01' },
      },
      sized: {
        model: 'sized',
        rule: { unit: 'megapixel', widthField: 'width', heightField: 'height', rows: [{ when: {}, usd: 0.01, label: 'output' }] },
        source: { ref: 'T', title: 'test table', asOf: '2026-01-01' },
      },
    };

    it('uses the target megapixels, or the default', () => {
      assert.equal(known(estimateCost('upscaler', { target: 8 }, 1, { table })).usd, 0.016);
      const e = known(estimateCost('upscaler', {}, 2, { table }));
      assert.equal(e.usd, 0.016);
      assert.equal(e.unit, 'megapixel');
      assert.match(e.text, /4 MP × \$0\.002\/MP/);
    });

    it('computes megapixels from width × height, else from a known output size, else unknown', () => {
      assert.equal(known(estimateCost('sized', { width: 2000, height: 1000 }, 1, { table })).usd, 0.02);
      assert.equal(known(estimateCost('sized', {}, 1, { table, outputSize: { width: 1000, height: 1000 } })).usd, 0.01);
      const e = estimateCost('sized', {}, 1, { table });
      assert.equal(e.known, false);
      assert.match(e.text, /per megapixel/);
    });
  });

  describe('unknown prices and totals', () => {
    it('says plainly that a model without a published price is unknown', () => {
      const e = estimateCost('p-image-edit', { prompt: 'x', images: ['https://x/a.png'] });
      assert.equal(e.known, false);
      assert.equal(e.summary, 'price unknown');
      assert.equal(e.text, 'price unknown: p-image-edit has no published price');
      assert.equal(priceOf('wan-t2v'), undefined);
      assert.equal(priceOf('toString'), undefined, 'no prototype keys');
    });

    it('totals a batch and names what is unknown instead of dropping it', () => {
      const all = totalCost([estimateCost('p-image', {}, 3), estimateCost('p-video', { prompt: 'x' })]);
      assert.equal(all.usd, 0.115);
      assert.equal(all.text, 'about $0.115 for 4 runs');
      const mixed = totalCost([estimateCost('p-image', {}, 2), estimateCost('wan-t2v', { prompt: 'x' })]);
      assert.equal(mixed.knownRuns, 2);
      assert.equal(mixed.runs, 3);
      assert.match(mixed.text, /^about \$0\.01 for 2 of 3 runs, plus 1 run of unknown price \(wan-t2v has no published price\)$/);
      assert.match(totalCost([estimateCost('wan-t2v', {})]).text, /^price unknown/);
    });

    it('refuses a count that is not a whole number', () => {
      assert.throws(() => estimateCost('p-image', {}, 1.5), RangeError);
    });

    it('describes every priced model in one line with its source and date', () => {
      for (const model of Object.keys(PRICE_TABLE)) {
        const text = describePrice(model);
        assert.match(text, /\$\d/, model);
        assert.match(text, /as of \d{4}-\d{2}-\d{2}/, model);
      }
      assert.match(describePrice('p-image'), /^\$0\.005 per image/);
      assert.equal(describePrice('wan-i2v'), 'price unknown (not published)');
    });

    it('formats small amounts with the decimals they need', () => {
      assert.deepEqual([0.005, 0.1, 1.5, 0.0325, 2, 0.075].map(usd), ['$0.005', '$0.10', '$1.50', '$0.0325', '$2.00', '$0.075']);
    });
  });
});

describe('catalog price adapter', () => {
  it('gives one run\'s price with its source, or undefined when unknown', async () => {
    const { catalogPrice } = await import('../../../src/core');
    assert.deepEqual(catalogPrice('p-video', { prompt: 'x', duration: 10 })?.usd, 0.2);
    assert.match(catalogPrice('p-image')?.source ?? '', /^S6 .* as of 2026-08-04$/);
    assert.equal(catalogPrice('wan-t2v', { prompt: 'x' }), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { wantsLegibleText } from '../../../src/core';

describe('prompts that ask for words in the image', () => {
  it('finds quoted words in straight, curly and guillemet quotes', () => {
    assert.deepEqual(wantsLegibleText('a banner with "SUMMER SALE" in bold')?.words, ['SUMMER SALE']);
    assert.deepEqual(wantsLegibleText('a shop sign “Open” and «Fermé»')?.words, ['Open', 'Fermé']);
  });

  it('recognises phrases that ask for lettering without quotes', () => {
    for (const prompt of ['a coffee logo that says Bean There', 'a poster saying welcome home', 'a mug with the text good morning', 'headline: Big News', 'hand lettering of a quote']) {
      assert.ok(wantsLegibleText(prompt), prompt);
    }
  });

  it('leaves ordinary prompts alone (apostrophes and picture descriptions)', () => {
    for (const prompt of ["a fox's den at dusk", 'a lighthouse on a cliff, watercolor', 'a "" empty quote', 'a book cover without any text']) {
      assert.equal(wantsLegibleText(prompt), undefined, prompt);
    }
  });

  it('stays linear on long hostile input', () => {
    const hostile = `${'"'.repeat(50_000)}${'a'.repeat(50_000)}`;
    const t0 = process.hrtime.bigint();
    wantsLegibleText(hostile);
    assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 2000);
  });
});

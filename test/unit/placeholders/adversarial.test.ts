import { strict as assert } from 'node:assert';
import { MAX_SCAN_CHARS, scanDocument } from '../../../src/core/placeholders/find';
import { adversarialCorpus, ALL_LANGUAGES, random } from './adversarial-corpus';

/**
 * Issue 10: every detector is linear. Each case is timed here, in its own loop, against its budget (< 200 ms up to
 * 1 MB, < 20 ms for the 129-byte bomb); the assertion fails, with the figure, only an order of magnitude over it, so a
 * busy machine does not fail it but a quadratic detector (seconds to minutes on these inputs) does. Exact timing is
 * `npm run bench -- --only=detectors`.
 */
const ORDER_OF_MAGNITUDE = 10;

/** CPU time of the scan (the detector's own work; eight engineers share two cores, the wall clock is theirs). */
function timed(text: string, language: string): { ms: number; count: number } {
  const started = process.cpuUsage();
  const result = scanDocument(text, language);
  const used = process.cpuUsage(started);
  const ms = (used.user + used.system) / 1000;
  assert.equal(result.skipped, undefined, `${language}: skipped (${result.skipped})`);
  for (const r of result.references) assert.equal(text.slice(r.range.start, r.range.end), r.rawPath, `${language}: range of ${r.rawPath}`);
  return { ms, count: result.references.length };
}

describe('placeholders: adversarial inputs scan in linear time', function () {
  this.timeout(120_000);
  for (const c of adversarialCorpus()) {
    it(`${c.name} (${Math.round(c.text.length / 1000)} kB) stays within ${c.budgetMs} ms`, () => {
      const slow: string[] = [];
      for (const language of c.languages) {
        const { ms } = timed(c.text, language);
        if (ms > c.budgetMs * ORDER_OF_MAGNITUDE) slow.push(`${language}: ${ms.toFixed(0)} ms`);
      }
      assert.deepEqual(slow, [], `over ${ORDER_OF_MAGNITUDE}× the ${c.budgetMs} ms budget`);
    });
  }

  it('scans fuzzed documents of every size without throwing, each within budget', () => {
    const slow: string[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const length = Math.floor(next() ** 3 * 200_000) + 1;
      let text = '';
      const alphabet = '<>![]()`{}"\'/\\*#~-=;:,.& \n\tasrcimgurlpng@$';
      while (text.length < length) text += alphabet[Math.floor(next() * alphabet.length)];
      for (const language of ALL_LANGUAGES) {
        const { ms } = timed(text, language);
        if (ms > 200 * ORDER_OF_MAGNITUDE) slow.push(`seed ${seed} ${language}: ${ms.toFixed(0)} ms`);
      }
    }
    assert.deepEqual(slow, []);
  });

  it('skips a document over the cap whole, and says so', () => {
    const text = '![a](a.png)\n'.repeat(Math.ceil((MAX_SCAN_CHARS + 1) / 12));
    assert.deepEqual(scanDocument(text, 'markdown'), { references: [], skipped: 'too-large' });
    assert.equal(scanDocument(text.slice(0, 1200), 'markdown').references.length, 100);
  });

  it('stops when the caller cancels, while scanning, and returns nothing partial', () => {
    const text = '.a{background:url(a.png)}\n'.repeat(40_000);
    let polls = 0;
    const result = scanDocument(text, 'css', { isCancelled: () => ++polls > 3 });
    assert.deepEqual(result, { references: [], skipped: 'cancelled' });
    assert.ok(polls > 3, 'isCancelled was polled while scanning');
    assert.equal(scanDocument(text, 'css', { isCancelled: () => false }).references.length, 40_000);
  });
});

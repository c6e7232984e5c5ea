import { strict as assert } from 'node:assert';
import { SUPPORTED_LANGUAGES, findImageReferences } from '../../../src/core/placeholders';

/** Small deterministic generator (mulberry32) so a failure reproduces from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '<img ', 'src=', 'srcset=', 'alt=', 'width=', '"', "'", '{', '}', '(', ')', '[', ']', '![', '](', 'url(', '<source ',
  '<style>', '</style>', '<!--', '-->', '/*', '*/', '//', '\n', ' ', '>', '/>', 'a.png', '../b.jpg', '%20', '%zz', '?v=1',
  '#x', '&amp;', '```', '`', '# H', '.c {', '&__d', ';', ':', '1200', 'px', 'https://x/', 'data:', '${', '#{', '@{', '\\',
];

describe('placeholders: robustness', function () {
  // 300 documents x 13 languages: a few hundred ms alone, more on a shared machine.
  this.timeout(20_000);
  it('never throws on arbitrary input and every range covers exactly its raw path', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const text = Array.from({ length: 40 + Math.floor(next() * 80) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
      for (const language of SUPPORTED_LANGUAGES) {
        const references = findImageReferences(text, language);
        for (const r of references) {
          assert.equal(text.slice(r.range.start, r.range.end), r.rawPath, `seed ${seed}, ${language}`);
          assert.ok(r.path.length > 0 && !r.path.startsWith('//'), `seed ${seed}, ${language}: ${r.path}`);
          assert.ok(r.form !== undefined, `seed ${seed}, ${language}: ${r.path} has no form`);
        }
      }
    }
  });

  it('returns nothing for a language it does not know', () => {
    assert.deepEqual(findImageReferences('![a](a.png)', 'plaintext'), []);
  });
});

import { strict as assert } from 'node:assert';
import { classifyPath } from '../../../src/core/placeholders/detect/reference-path';
import { MAX_ATTRIBUTES, parseStartTag } from '../../../src/core/placeholders/detect/tags';
import { blankRanges, type Range } from '../../../src/core/placeholders/detect/text';
import { scanDocument } from '../../../src/core/placeholders/find';
import { random } from './adversarial-corpus';

/**
 * The detectors' fast paths (issue 10 performance work) must find exactly what the careful paths find: blanking in
 * one buffer, plain lines and alt texts decided without matching, definitions read on demand, the path memo, and
 * the cap on attributes kept per tag.
 */

/** The obvious blanking: every character of every range but newlines becomes a space. */
function blankSlowly(text: string, ranges: readonly Range[]): string {
  const chars = text.split('');
  for (const [start, end] of ranges) for (let i = start; i < end && i < chars.length; i++) if (chars[i] !== '\n') chars[i] = ' ';
  return chars.join('');
}

function randomRanges(next: () => number, length: number, count: number): Range[] {
  const points = Array.from({ length: count * 2 }, () => Math.floor(next() * length)).sort((a, b) => a - b);
  const ranges: Range[] = [];
  // Sorted, some overlapping or empty, as the detectors hand them over.
  for (let i = 0; i < points.length; i += 2) ranges.push([points[i]!, Math.min(length, points[i + 1]! + Math.floor(next() * 3))]);
  return ranges;
}

const paths = (text: string, language: string) => scanDocument(text, language).references.map((r) => r.path);

describe('placeholders: fast paths find what the careful paths find', () => {
  it('blanks many ranges exactly like the obvious way, in Latin-1 and in any other text (lone surrogates kept)', () => {
    const next = random(9);
    const alphabets = ['ab \n\t`é', 'ab\n😀中\u00a0', 'a\n\ud800b\udc00'];
    for (const alphabet of alphabets) {
      for (let round = 0; round < 20; round++) {
        let text = '';
        const length = 1 + Math.floor(next() * 2000);
        while (text.length < length) text += alphabet[Math.floor(next() * alphabet.length)];
        for (const count of [1, 5, 40, 300]) {
          const ranges = randomRanges(next, text.length, count);
          const fast = blankRanges(text, ranges);
          assert.equal(fast.length, text.length);
          assert.equal(fast, blankSlowly(text, ranges), `${JSON.stringify(alphabet)} round ${round}, ${count} ranges`);
        }
      }
    }
  });

  it('keeps offsets true after blanking hundreds of code spans in non-Latin-1 Markdown', () => {
    const text = `${'`x` 😀 é 中 '.repeat(400)}![hero](images/hero.png) ${'`y` '.repeat(100)}![b](b.png)`;
    const found = scanDocument(text, 'markdown').references;
    assert.deepEqual(found.map((r) => r.path), ['images/hero.png', 'b.png']);
    for (const r of found) assert.equal(text.slice(r.range.start, r.range.end), r.rawPath);
  });

  it('finds reference-style images whose definitions come later, and ignores definitions no image uses', () => {
    const text = `${'[unused]: nothing.png\n'.repeat(50)}Intro ![Logo][logo] and ![icon]\n\n[logo]: img/logo.png\n[icon]: <img/icon one.png>\n`;
    assert.deepEqual(paths(text, 'markdown'), ['img/logo.png', 'img/icon one.png']);
    assert.deepEqual(paths(`${'[a]: a.png\n'.repeat(1000)}`, 'markdown'), []);
  });

  it('cleans alt texts the same way whether or not they are plain', () => {
    const alts = (text: string) => scanDocument(text, 'markdown').references.map((r) => r.alt);
    assert.deepEqual(alts('![a fox](a.png) ![a  *red*   fox](b.png) ![ spaced ](c.png) ![](d.png) ![x\\_y](e.png) ![ünï](f.png)'), [
      'a fox',
      'a red fox',
      'spaced',
      undefined,
      'xy',
      'ünï',
    ]);
  });

  it('decides plain Markdown lines without losing a list, an indented block or a fence after them', () => {
    const text = ['Para', '', '    ![code](no.png)', '', '- item', '', '    ![in list](yes.png)', '', 'Text', '```', '![fenced](no2.png)', '```', '![after](yes2.png)'].join('\n');
    assert.deepEqual(paths(text, 'markdown'), ['yes.png', 'yes2.png']);
  });

  it('memoises path classification per context, and stays right past the memo limit', () => {
    assert.equal(classifyPath('./a.png', 'markup')?.form, 'relative');
    assert.equal(classifyPath('./a.png', 'import')?.form, 'import');
    assert.equal(classifyPath('a.png', 'import')?.form, 'bare');
    assert.equal(classifyPath('a.png', 'markup')?.form, 'relative');
    for (let i = 0; i < 10_000; i++) assert.equal(classifyPath(`img/${i}.png`, 'markup')?.path, `img/${i}.png`);
    assert.equal(classifyPath('img/%5C..png', 'markup'), undefined);
    assert.equal(classifyPath('./a.png', 'import')?.form, 'import');
  });

  it(`reads a src after many attributes (up to ${MAX_ATTRIBUTES} kept) and still finds the end of a tag with 200 000`, () => {
    const many = Array.from({ length: MAX_ATTRIBUTES - 1 }, (_, i) => `data-x${i}="${i}"`).join(' ');
    assert.deepEqual(paths(`<img ${many} src="late.png">`, 'html'), ['late.png']);
    const huge = `<img ${'<img '.repeat(200_000)}>`;
    const tag = parseStartTag(huge, 0);
    assert.equal(tag?.end, huge.length);
    assert.equal(tag?.attributes.length, MAX_ATTRIBUTES);
    assert.deepEqual(paths(`${huge}<img src="next.png">`, 'html'), ['next.png']);
  });

  it('returns every reference of a page with 130 000 of them instead of overflowing the stack', () => {
    const text = '<img src=a.png>'.repeat(133_000);
    for (const language of ['markdown', 'mdx', 'html', 'javascriptreact']) {
      assert.equal(scanDocument(text, language).references.length, 133_000, language);
    }
  });
});

import { strict as assert } from 'node:assert';
import { covered } from './covered';

describe('placeholders: Markdown references', () => {
  it('finds an inline image with its alt text and the nearest heading', () => {
    const text = '# Intro\n\n## Our team\n\n![team photo](img/team.png)\n';
    const [ref] = covered(text, 'markdown');
    assert.deepEqual(
      { path: ref!.path, alt: ref!.alt, context: ref!.context, kind: ref!.kind },
      { path: 'img/team.png', alt: 'team photo', context: 'Our team', kind: 'markdown' },
    );
    assert.equal(ref!.width, undefined);
  });

  it('drops the query string and hash but keeps the range on the written path', () => {
    const text = '![a](./img/a.png?v=3#top "Title")';
    const [ref] = covered(text, 'markdown');
    assert.equal(ref!.path, './img/a.png');
    assert.equal(ref!.rawPath, './img/a.png?v=3#top');
  });

  it('decodes %-encoded characters and reads <angle bracket> paths with spaces', () => {
    const refs = covered('![x](my%20pics/caf%C3%A9.jpg)\n![y](<../shared images/b.webp>)', 'markdown');
    assert.deepEqual(refs.map((r) => r.path), ['my pics/café.jpg', '../shared images/b.webp']);
  });

  it('resolves reference-style images to the definition', () => {
    const text = '![Logo][brand]\n\n![brand]\n\n[brand]: assets/logo.png "Logo"\n';
    const refs = covered(text, 'markdown');
    assert.equal(refs.length, 2);
    assert.ok(refs.every((r) => r.path === 'assets/logo.png' && r.range.start === text.indexOf('assets/logo.png')));
    assert.equal(refs[0]!.alt, 'Logo');
  });

  it('ignores images inside fenced code blocks, code spans and HTML comments', () => {
    const text = '```md\n![x](a.png)\n```\nUse `![y](b.png)` like this.\n<!-- ![old](old.png) -->\n![z](c.png)';
    assert.deepEqual(covered(text, 'markdown').map((r) => r.path), ['c.png']);
  });

  it('leaves remote URLs, data URIs and protocol-relative paths alone, and reports root-relative ones as such', () => {
    const text = [
      '![a](https://example.com/a.png)',
      '![b](data:image/png;base64,AAAA)',
      '![c](//cdn.example.com/c.png)',
      '![d](/static/d.png)',
      '![e](mailto:x@y.z)',
      '![f](g.png)',
    ].join('\n');
    assert.deepEqual(covered(text, 'markdown').map((r) => [r.path, r.form]), [['/static/d.png', 'root'], ['g.png', 'relative']]);
  });

  it('skips links that are not images and files without an image extension', () => {
    const text = '[doc](guide.md) ![diagram](diagram) ![pdf](file.pdf) ![ok](ok.svg)';
    assert.deepEqual(covered(text, 'markdown').map((r) => r.path), ['ok.svg']);
  });

  it('also reads HTML <img> tags written in Markdown, with their size', () => {
    const text = '# Readme\n<p align="center"><img src="docs/hero.png" width="640" height="320" alt="Hero"></p>';
    const [ref] = covered(text, 'markdown');
    assert.deepEqual(
      { path: ref!.path, kind: ref!.kind, width: ref!.width, height: ref!.height, context: ref!.context },
      { path: 'docs/hero.png', kind: 'img', width: 640, height: 320, context: 'Readme' },
    );
  });

  it('unescapes backslash escapes in the path and alt text', () => {
    const [ref] = covered('![a \\[b\\]](img/a\\_b.png)', 'markdown');
    assert.equal(ref!.path, 'img/a_b.png');
    assert.equal(ref!.alt, 'a [b]');
  });
});

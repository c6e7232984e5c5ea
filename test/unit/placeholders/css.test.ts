import { strict as assert } from 'node:assert';
import { covered } from './covered';

describe('placeholders: CSS, SCSS and Less references', () => {
  it('reads unquoted, single- and double-quoted url() with ../ paths and the selector as context', () => {
    const text = ".a { background: url(../img/banner.webp) }\n.b { background: url('b.png') }\n.c { mask: url( \"c.png\" ) }";
    const refs = covered(text, 'css');
    assert.deepEqual(refs.map((r) => [r.path, r.context]), [
      ['../img/banner.webp', '.a'],
      ['b.png', '.b'],
      ['c.png', '.c'],
    ]);
  });

  it('takes width, height and aspect-ratio from the same rule, wherever they are declared', () => {
    const text = '.hero {\n  aspect-ratio: 16 / 9;\n  background: url(hero.png) center / cover;\n  width: 1280px;\n}\n.other { height: 10px }';
    const [ref] = covered(text, 'css');
    assert.deepEqual([ref!.width, ref!.height, ref!.aspectRatio], [1280, undefined, 16 / 9]);
  });

  it('resolves SCSS nesting with & and descendant selectors, sizes staying with their own rule', () => {
    const text = [
      '.card {',
      '  width: 900px;',
      '  // a comment with url(commented.png)',
      '  &__media { background: url(media.jpg); height: 400px; width: 800px; }',
      '  .caption, .note { background-image: url("cap.png"); }',
      '  @media (min-width: 800px) { .icon { background: url(icon.png); } }',
      '}',
    ].join('\n');
    const refs = covered(text, 'scss');
    assert.deepEqual(refs.map((r) => [r.path, r.context, r.width, r.height]), [
      ['media.jpg', '.card__media', 800, 400],
      ['cap.png', '.card .caption, .card .note', undefined, undefined],
      ['icon.png', '.card .icon', undefined, undefined],
    ]);
  });

  it('skips remote, data, interpolated and font URLs, and reports root-relative ones with their form', () => {
    const text = [
      '@font-face { src: url(fonts/a.woff2) format("woff2"); }',
      '.a { background: url(https://cdn.example.com/a.png); }',
      '.b { background: url(data:image/png;base64,AAA=); }',
      '.c { background: url(//cdn.example.com/c.png); }',
      '.d { background: url(/img/d.png); }',
      '.e { background: url(#{$path}/e.png); }',
      '.f { background: url($image); }',
      '.g { background: url(ok.png?v=2#x); }',
    ].join('\n');
    assert.deepEqual(covered(text, 'scss').map((r) => [r.path, r.form]), [['/img/d.png', 'root'], ['ok.png', 'relative']]);
  });

  it('keeps // inside url() in SCSS and skips CSS block comments', () => {
    const text = '/* .x { background: url(old.png) } */\n.a { background: url(http://example.com/a.png), url(b.png); }';
    assert.deepEqual(covered(text, 'scss').map((r) => r.path), ['b.png']);
  });

  it('reads Less nesting, variables and interpolation', () => {
    const text = '@base: "img";\n@logo: url(logo.png);\n.nav { .brand { background: url("@{base}/x.png"); } &-item { background: url(item.png); height: 48px } }';
    const refs = covered(text, 'less');
    assert.deepEqual(refs.map((r) => [r.path, r.context, r.height]), [
      ['logo.png', undefined, undefined],
      ['item.png', '.nav-item', 48],
    ]);
  });

  it('decodes %-encoded spaces in url()', () => {
    const [ref] = covered('.a{background:url("my%20file.png")}', 'css');
    assert.equal(ref!.path, 'my file.png');
  });
});

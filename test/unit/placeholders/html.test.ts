import { strict as assert } from 'node:assert';
import { covered } from './covered';

describe('placeholders: HTML, Vue and Svelte references', () => {
  it('reads src, alt, width and height of an <img> and the nearest heading', () => {
    const text = '<h2>Lakes</h2>\n<img src="assets/hero.jpg" alt="mountain lake at dawn" width="1200" height="600">';
    const [ref] = covered(text, 'html');
    assert.deepEqual(
      { path: ref!.path, alt: ref!.alt, width: ref!.width, height: ref!.height, context: ref!.context, kind: ref!.kind },
      { path: 'assets/hero.jpg', alt: 'mountain lake at dawn', width: 1200, height: 600, context: 'Lakes', kind: 'img' },
    );
  });

  it('takes the first srcset candidate with its width descriptor, keeping the element ratio', () => {
    const text = '<img src="a.png" srcset="img/a-800.png 800w, img/a-1600.png 1600w" width="400" height="200">';
    const refs = covered(text, 'html');
    assert.deepEqual(refs.map((r) => [r.kind, r.path, r.width, r.height]), [
      ['img', 'a.png', 400, 200],
      ['srcset', 'img/a-800.png', 800, 400],
    ]);
  });

  it('scales a density descriptor and reads a descriptor-less first candidate', () => {
    const refs = covered('<img srcset="b@2x.png 2x" width="300" height="150"><img srcset="c.png, d.png 2x">', 'html');
    assert.deepEqual(refs.map((r) => [r.path, r.width, r.height]), [
      ['b@2x.png', 600, 300],
      ['c.png', undefined, undefined],
    ]);
  });

  it('gives a <picture> <source> the alt and size of the <img> that follows it', () => {
    const text = '<picture><source srcset="hero.webp" type="image/webp"><img src="hero.jpg" alt="Hero" width="800" height="400"></picture>';
    const refs = covered(text, 'html');
    assert.deepEqual(refs.map((r) => [r.kind, r.path, r.alt, r.width]), [
      ['srcset', 'hero.webp', 'Hero', 800],
      ['img', 'hero.jpg', 'Hero', 800],
    ]);
  });

  it('ignores <source src> of video and audio and non-image tags', () => {
    const text = '<video><source src="clip.png"></video><script src="app.png"></script><iframe src="x.png"></iframe>';
    assert.deepEqual(covered(text, 'html'), []);
  });

  it('decodes entities and %-escapes, and handles single-quoted and unquoted values', () => {
    const refs = covered("<img src='a%20b.png' alt='Tom &amp; Jerry'><img src=c.png>", 'html');
    assert.deepEqual(refs.map((r) => [r.path, r.alt]), [
      ['a b.png', 'Tom & Jerry'],
      ['c.png', undefined],
    ]);
  });

  it('reads url() in <style> blocks and style attributes, with sizes from the same rule', () => {
    const text = [
      '<style>.banner { background: url("img/banner.webp"); width: 1200px; height: 400px }</style>',
      '<div style="background-image: url(img/inline.png); aspect-ratio: 4 / 3"></div>',
    ].join('\n');
    const refs = covered(text, 'html');
    assert.deepEqual(refs.map((r) => [r.kind, r.path, r.width, r.height, r.aspectRatio, r.context]), [
      ['css-url', 'img/banner.webp', 1200, 400, undefined, '.banner'],
      ['css-url', 'img/inline.png', undefined, undefined, 4 / 3, undefined],
    ]);
  });

  it('takes pixel sizes only: percentages and other units are no hint', () => {
    const [ref] = covered('<img src="a.png" width="100%" style="height: 20em">', 'html');
    assert.equal(ref!.width, undefined);
    assert.equal(ref!.height, undefined);
  });

  it('skips references inside HTML comments and scripts', () => {
    const text = '<!-- <img src="old.png"> --><script>const s = "<img src=\'js.png\'>";</script><img src="new.png">';
    assert.deepEqual(covered(text, 'html').map((r) => r.path), ['new.png']);
  });

  it('reads a Vue template, skips bound :src, reports aliases and script imports as such, and reads <style lang="scss"> nesting', () => {
    const text = [
      '<template>',
      '  <h1>Pricing</h1>',
      '  <img src="./assets/plan.png" alt="plan card" />',
      '  <img :src="dynamicUrl" />',
      '  <img src="@/assets/alias.png" />',
      '</template>',
      '<script setup>import x from "./assets/script.png";</script>',
      '<style scoped lang="scss">',
      '.card { &__media { background: url(./assets/media.jpg); height: 300px; width: 600px; } }',
      '</style>',
    ].join('\n');
    const refs = covered(text, 'vue');
    assert.deepEqual(refs.map((r) => [r.kind, r.path, r.form, r.context]), [
      ['img', './assets/plan.png', 'relative', 'Pricing'],
      ['img', '@/assets/alias.png', 'alias', 'Pricing'],
      ['import', './assets/script.png', 'import', 'x'],
      ['css-url', './assets/media.jpg', 'relative', '.card__media'],
    ]);
    assert.equal(refs[3]!.width, 600);
  });

  it('reads a Svelte component and skips {expressions}, shorthand and interpolated paths', () => {
    const text = [
      '<h2>Gallery</h2>',
      '<img src={photo} alt="x" />',
      '<img {src} />',
      '<img src="{base}/a.png" />',
      '<img src="img/b.png" on:click={() => count > 1} alt="b" />',
    ].join('\n');
    const refs = covered(text, 'svelte');
    assert.deepEqual(refs.map((r) => [r.path, r.alt, r.context]), [['img/b.png', 'b', 'Gallery']]);
  });
});

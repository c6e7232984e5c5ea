import { strict as assert } from 'node:assert';
import { placeholderLanguage } from '../../../src/core/placeholders/find';
import type { ImageReference } from '../../../src/core/placeholders';
import { covered } from './covered';

const brief = (r: ImageReference) => [r.kind, r.form, r.path];
const sized = (r: ImageReference) => [r.path, r.width, r.height, r.aspectRatio, r.sizeSource];

describe('placeholders: how a path is written (form)', () => {
  it('reports root-relative and alias paths instead of skipping them, with their form', () => {
    const text = [
      '<img src="/hero.png">',
      '<img src="@/assets/a.png">',
      '<img src="~/assets/b.png">',
      '<img src="~assets/c.png">',
      '<img src="$lib/d.png">',
      '<img src="@site/static/e.png">',
      '<img src="f.png">',
      '<img src="//cdn.example.com/g.png">',
      '<img src="https://example.com/h.png">',
    ].join('\n');
    assert.deepEqual(covered(text, 'html').map(brief), [
      ['img', 'root', '/hero.png'],
      ['img', 'alias', '@/assets/a.png'],
      ['img', 'alias', '~/assets/b.png'],
      ['img', 'alias', '~assets/c.png'],
      ['img', 'alias', '$lib/d.png'],
      ['img', 'alias', '@site/static/e.png'],
      ['img', 'relative', 'f.png'],
    ]);
  });

  it('reads ES imports, import(), require() and new URL(…, import.meta.url) of images, with the imported name', () => {
    const text = [
      "import hero from './hero.png';",
      "import logo, { x } from '@/assets/logo.svg';",
      "import pkg from 'some-package/image.webp';",
      "import './styles.css';",
      "const lazy = import('../lazy.jpg');",
      "const icon = require('./icon.png');",
      "const url = new URL('./bg.avif', import.meta.url);",
      "const notAModule = new URL('./other.png', base);",
      "const text = 'from ./nothing.png';",
    ].join('\n');
    const refs = covered(text, 'typescript');
    assert.deepEqual(refs.map(brief), [
      ['import', 'import', './hero.png'],
      ['import', 'alias', '@/assets/logo.svg'],
      ['import', 'bare', 'some-package/image.webp'],
      ['import', 'import', '../lazy.jpg'],
      ['import', 'require', './icon.png'],
      ['import', 'url-import', './bg.avif'],
    ]);
    assert.equal(refs[0]!.context, 'hero');
  });
});

describe('placeholders: constructs of real sites', () => {
  it('reads next/image and astro:assets <Image> with numeric props in TSX', () => {
    const text = 'export default function Page() {\n  return <Image src="/hero.png" width={1200} height={630} alt="Launch day" />;\n}';
    const [ref] = covered(text, 'typescriptreact');
    assert.deepEqual([...brief(ref!), ref!.width, ref!.height, ref!.alt, ref!.context, ref!.sizeSource], ['jsx', 'root', '/hero.png', 1200, 630, 'Launch day', 'Page', 'attribute']);
  });

  it('gives an imported image the size and alt of the element that shows it (<Image src={hero} … />)', () => {
    const text = [
      "import Image from 'next/image';",
      "import hero from '../public/hero.jpg';",
      'export default function Home() {',
      '  return <Image src={hero} width={1200} height={630} alt="Team at the summit" />;',
      '}',
    ].join('\n');
    const [ref] = covered(text, 'typescriptreact');
    assert.deepEqual([...brief(ref!), ref!.width, ref!.height, ref!.alt, ref!.sizeSource], ['import', 'import', '../public/hero.jpg', 1200, 630, 'Team at the summit', 'attribute']);
    const astro = covered("---\nimport cover from './cover.png';\n---\n<Image src={cover} width={800} height={400} alt=\"cover\" />", 'astro');
    assert.deepEqual(astro.map((r) => [r.path, r.width, r.height]), [['./cover.png', 800, 400]]);
  });

  it('reads .astro frontmatter imports and markup, <Picture> included', () => {
    const text = [
      '---',
      "import { Image, Picture } from 'astro:assets';",
      "import cover from '../assets/cover.jpg';",
      '---',
      '<h1>Blog</h1>',
      '<Image src={cover} alt="cover" />',
      '<Picture src="/banner.webp" width={1600} height={900} alt="banner" />',
      '<img src="./local.png" width="300" height="200">',
    ].join('\n');
    assert.deepEqual(covered(text, 'astro').map((r) => [...brief(r), r.width, r.context]), [
      ['import', 'import', '../assets/cover.jpg', undefined, 'cover'],
      ['jsx', 'root', '/banner.webp', 1600, 'Blog'],
      ['jsx', 'relative', './local.png', 300, 'Blog'],
    ]);
  });

  it('reads .mdx: imports, Markdown images and JSX components, not prose', () => {
    const text = [
      "import diagram from './diagram.png'",
      '',
      '# Architecture',
      '',
      'Data flows from "./not-an-import.png" to the API.',
      '',
      '![Overview](./overview.png)',
      '',
      '<Image src="/team.jpg" width={800} height={400} />',
    ].join('\n');
    assert.deepEqual(covered(text, 'mdx').map(brief), [
      ['import', 'import', './diagram.png'],
      ['markdown', 'relative', './overview.png'],
      ['jsx', 'root', '/team.jpg'],
    ]);
  });

  it('reads Nuxt Image and <Image> components in Vue templates', () => {
    const text = '<template>\n  <NuxtImg src="/hero.png" width="1200" height="600" />\n  <nuxt-img src="/b.png" />\n</template>';
    assert.deepEqual(covered(text, 'vue').map((r) => [r.form, r.path, r.width]), [['root', '/hero.png', 1200], ['root', '/b.png', undefined]]);
  });

  it('reads <enhanced:img>, <video poster>, <input type=image> and lazy data-src attributes', () => {
    const text = [
      '<enhanced:img src="./hero.jpg" alt="hero" />',
      '<video poster="poster.jpg" width="1280" height="720"></video>',
      '<input type="image" src="submit.png" width="120" height="40">',
      '<input type="text" src="not-an-image.png">',
      '<img data-src="lazy.jpg" class="lazyload" width="400" height="300">',
      '<img data-srcset="lazy-2x.jpg 2x" width="400" height="300">',
    ].join('\n');
    const refs = covered(text, 'svelte');
    assert.deepEqual(refs.map((r) => [r.kind, r.path, r.role, r.width, r.height, r.density]), [
      ['img', './hero.jpg', 'content', undefined, undefined, undefined],
      ['img', 'poster.jpg', 'poster', 1280, 720, undefined],
      ['img', 'submit.png', 'content', 120, 40, undefined],
      ['img', 'lazy.jpg', 'content', 400, 300, undefined],
      ['srcset', 'lazy-2x.jpg', 'content', 800, 600, 2],
    ]);
  });

  it('reads favicons, apple-touch-icon sizes and social cards at their conventional sizes', () => {
    const text = [
      '<link rel="icon" type="image/png" href="/favicon-32x32.png" sizes="32x32">',
      '<link rel="apple-touch-icon" href="/apple-touch-icon.png">',
      '<link rel="stylesheet" href="/style.css">',
      '<link rel="preload" href="/hero.png" as="image">',
      '<meta property="og:image" content="/og.png">',
      '<meta name="twitter:image" content="/twitter-card.jpg">',
      '<meta name="description" content="/nope.png">',
    ].join('\n');
    assert.deepEqual(covered(text, 'html').map((r) => [r.path, r.role, r.width, r.height, r.sizeSource]), [
      ['/favicon-32x32.png', 'icon', 32, 32, 'attribute'],
      ['/apple-touch-icon.png', 'apple-touch-icon', 180, 180, 'convention'],
      ['/og.png', 'og-image', 1200, 630, 'convention'],
      ['/twitter-card.jpg', 'twitter-image', 1200, 630, 'convention'],
    ]);
  });

  it('reads web manifest icons with their sizes (the largest of a list)', () => {
    const text = '{\n  "name": "App",\n  "icons": [\n    { "src": "/icons/192.png", "sizes": "192x192", "type": "image/png" },\n    { "sizes": "48x48 512x512", "src": "icons/any.png" }\n  ]\n}';
    assert.equal(placeholderLanguage('json', '/site/public/site.webmanifest'), 'webmanifest');
    assert.equal(placeholderLanguage('json', '/site/package.json'), undefined);
    assert.deepEqual(covered(text, 'webmanifest').map((r) => [r.kind, r.form, r.path, r.role, r.width, r.height]), [
      ['manifest', 'root', '/icons/192.png', 'manifest-icon', 192, 192],
      ['manifest', 'relative', 'icons/any.png', 'manifest-icon', 512, 512],
    ]);
  });

  it('reads image-set() and never @font-face sources', () => {
    const text = [
      '@font-face { font-family: X; src: url(fonts/icons.svg#x) format("svg"), url(fonts/icons.woff2); }',
      '.hero { background-image: image-set("hero.avif" type("image/avif"), url(hero.jpg) 1x, \'hero@2x.jpg\' 2x); }',
    ].join('\n');
    assert.deepEqual(covered(text, 'css').map((r) => r.path), ['hero.avif', 'hero.jpg', 'hero@2x.jpg']);
  });

  it('gives a sprite sheet no size from its element, and takes a px background-size as the image size', () => {
    const text = [
      '.icon-home { width: 16px; height: 11px; background: url(sprite.png) no-repeat; background-position: -32px 0; }',
      '.banner { width: 100%; background: url(banner.png); background-size: 1200px 400px; }',
      '.plain { width: 300px; height: 200px; background: url(plain.png); }',
    ].join('\n');
    assert.deepEqual(covered(text, 'css').map((r) => [r.path, r.width, r.height]), [
      ['sprite.png', undefined, undefined],
      ['banner.png', 1200, 400],
      ['plain.png', 300, 200],
    ]);
  });

  it('takes size from Tailwind utilities on the same element, attributes first', () => {
    const text = [
      '<img src="a.png" class="w-64 h-32 rounded">',
      '<img src="b.png" class="w-[1200px] aspect-video md:w-96">',
      '<img src="c.png" class="w-full aspect-square">',
      '<img src="d.png" class="w-64 h-32" width="100" height="50">',
    ].join('\n');
    assert.deepEqual(covered(text, 'html').map(sized), [
      ['a.png', 256, 128, undefined, 'tailwind'],
      ['b.png', 1200, undefined, 16 / 9, 'tailwind'],
      ['c.png', undefined, undefined, 1, 'tailwind'],
      ['d.png', 100, 50, undefined, 'attribute'],
    ]);
    const [jsx] = covered('const A = () => <img src="/x.png" className="size-16" />;', 'javascriptreact');
    assert.deepEqual(sized(jsx!), ['/x.png', 64, 64, undefined, 'tailwind']);
  });

  it('reads the density of 2x descriptors and @2x names', () => {
    const refs = covered('<img src="logo@2x.png" width="100" height="40">\n<img srcset="a.png 2x" width="50" height="50">', 'html');
    assert.deepEqual(refs.map((r) => [r.path, r.density, r.width, r.height]), [
      ['logo@2x.png', 2, 200, 80],
      ['a.png', 2, 100, 100],
    ]);
  });
});

describe('placeholders: known slips, fixed', () => {
  it('ignores an image in an indented Markdown code block, but not in an indented list paragraph', () => {
    const text = ['Intro paragraph.', '', '    ![code](in-code.png)', '', '- item', '', '    ![inside the item](in-list.png)', '', '![real](real.png)'].join('\n');
    assert.deepEqual(covered(text, 'markdown').map((r) => r.path), ['in-list.png', 'real.png']);
  });

  it('reads brackets inside the alt text: ![a [b] c](n.png)', () => {
    const [ref] = covered('![a [b] c](n.png)', 'markdown');
    assert.deepEqual([ref!.path, ref!.alt], ['n.png', 'a [b] c']);
  });

  it('ignores <img> inside <textarea>', () => {
    assert.deepEqual(covered('<textarea><img src="typed.png"></textarea><img src="real.png">', 'html').map((r) => r.path), ['real.png']);
  });

  it('masks a // comment after code in JSX, but not // in JSX text or URLs', () => {
    const text = [
      'const Old = () => null; // <img src="commented.png" />',
      "const A = () => <p>Don't go // <img src=\"text.png\" /> https://example.com</p>;",
      'const url = "https://example.com/x"; <img src="after-string.png" />',
    ].join('\n');
    assert.deepEqual(covered(text, 'javascriptreact').map((r) => r.path), ['text.png', 'after-string.png']);
  });
});

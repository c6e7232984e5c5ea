// `.ico` favicons (detected, 48×48 unless the code says a size, planned as a PNG in an ICO) and the site forms of
// Docusaurus and SvelteKit: `useBaseUrl('img/…')`, `%sveltekit.assets%/…`, `<enhanced:img src="./…">`.
import { strict as assert } from 'node:assert';
import { ICO_DEFAULT_SIZE, fileFormatOf, planPlaceholders, type ImageReference } from '../../../src/core/placeholders';
import { memoryReader, ProjectModel } from '../../../src/core/project';
import { covered } from './covered';

const sized = (r: ImageReference) => [r.path, r.width, r.height, r.sizeSource];

describe('placeholders: .ico favicons', () => {
  it('finds <link rel="icon"> and "shortcut icon" .ico files, 48×48 by convention when sizes says nothing', () => {
    const text = [
      '<link rel="icon" href="/favicon.ico">',
      '<link rel="shortcut icon" type="image/x-icon" href="img/favicon.ico?v=2">',
      '<link rel="icon" href="/any.ico" sizes="any">',
    ].join('\n');
    assert.deepEqual(covered(text, 'html').map(sized), [
      ['/favicon.ico', 48, 48, 'convention'],
      ['img/favicon.ico', 48, 48, 'convention'],
      ['/any.ico', 48, 48, 'convention'],
    ]);
    assert.deepEqual(ICO_DEFAULT_SIZE, { width: 48, height: 48 });
  });

  it('takes the size from sizes, the largest of a list (one file is scaled down for the others)', () => {
    const text = '<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48 64x64">\n<link rel="icon" href="/f.png" sizes="32x32">';
    assert.deepEqual(covered(text, 'html').map(sized), [
      ['/favicon.ico', 64, 64, 'attribute'],
      ['/f.png', 32, 32, 'attribute'],
    ]);
  });

  it('finds .ico in web manifests (sizes, else the convention), Markdown and CSS', () => {
    const manifest = '{ "icons": [ { "src": "/favicon.ico", "sizes": "64x64 32x32 24x24 16x16", "type": "image/x-icon" }, { "src": "icons/app.ico" } ] }';
    assert.deepEqual(covered(manifest, 'webmanifest').map(sized), [
      ['/favicon.ico', 64, 64, 'attribute'],
      ['icons/app.ico', 48, 48, 'convention'],
    ]);
    assert.deepEqual(covered('![icon](img/favicon.ico)', 'markdown').map(sized), [['img/favicon.ico', 48, 48, 'convention']]);
    assert.deepEqual(covered('.logo { background: url("../favicon.ico"); }', 'css').map((r) => r.path), ['../favicon.ico']);
  });

  it('an element that states both sides keeps them', () => {
    assert.deepEqual(covered('<img src="icon.ico" width="24" height="24">', 'html').map(sized), [['icon.ico', 24, 24, 'attribute']]);
  });

  it('the plan says an .ico is made as a PNG in an ICO, at 48×48 exactly, and what cannot be made', async () => {
    const files = { '/w/package.json': '{"dependencies":{"next":"15"}}', '/w/app/layout.tsx': '<link rel="icon" href="/favicon.ico" />\n<img src="/logo.svg" alt="Logo" />' };
    const reader = memoryReader(files);
    const plan = await planPlaceholders([{ path: '/w/app/layout.tsx', text: files['/w/app/layout.tsx'], languageId: 'typescriptreact' }], {
      model: new ProjectModel(reader, '/w'),
      reader,
      sizing: { exact: true, mode: 'exact' },
    });
    const ico = plan.items.find((i) => i.target === '/w/public/favicon.ico');
    assert.ok(ico, JSON.stringify(plan.items.map((i) => i.target)));
    assert.equal(ico.format?.format, 'ico');
    assert.match(ico.format!.note, /PNG inside an ICO/);
    assert.deepEqual(ico.size.target, { width: 48, height: 48 });
    const svg = plan.items.find((i) => i.target === '/w/public/logo.svg');
    assert.equal(svg?.format?.kind, 'cannot');
    assert.equal(fileFormatOf('/w/public/hero.png'), undefined);
    assert.equal(fileFormatOf('/w/public/README'), undefined);
  });
});

describe('placeholders: Docusaurus and SvelteKit site forms', () => {
  it('reads useBaseUrl("img/…") in JSX/MDX as root-relative, with the element\'s alt and size', () => {
    const text = "<img src={useBaseUrl('img/shot.png')} alt=\"The settings screen\" width=\"640\" height=\"400\" />\n<img src={useBaseUrl(\"/img/a.png\")} />\n<img src={useBaseUrl('https://cdn.example.com/x.png')} />\n<img src={useBaseUrl(name)} />";
    const refs = covered(text, 'mdx');
    assert.deepEqual(refs.map((r) => [r.form, r.path, r.rawPath, r.width, r.height, r.alt]), [
      ['root', '/img/shot.png', 'img/shot.png', 640, 400, 'The settings screen'],
      ['root', '/img/a.png', '/img/a.png', undefined, undefined, undefined],
    ]);
  });

  it('useBaseUrl paths resolve into the Docusaurus static folder', async () => {
    const files = { '/w/package.json': '{"dependencies":{"@docusaurus/core":"3"}}', '/w/docusaurus.config.js': "module.exports = { title: 'Site' };", '/w/docs/intro.mdx': "<img src={useBaseUrl('img/shot.png')} />" };
    const reader = memoryReader(files);
    const plan = await planPlaceholders([{ path: '/w/docs/intro.mdx', text: files['/w/docs/intro.mdx'], languageId: 'mdx' }], { model: new ProjectModel(reader, '/w'), reader, sizing: { exact: true } });
    assert.deepEqual(plan.items.map((i) => i.target), ['/w/static/img/shot.png']);
  });

  it('reads %sveltekit.assets%/… in app.html as the static folder, only in markup', async () => {
    const html = '<link rel="icon" href="%sveltekit.assets%/favicon.png" />';
    assert.deepEqual(covered(html, 'html').map((r) => [r.form, r.path, r.rawPath]), [['root', '/favicon.png', '%sveltekit.assets%/favicon.png']]);
    const files = { '/w/svelte.config.js': 'export default { kit: {} };', '/w/src/app.html': html };
    const reader = memoryReader(files);
    const plan = await planPlaceholders([{ path: '/w/src/app.html', text: html, languageId: 'html' }], { model: new ProjectModel(reader, '/w'), reader, sizing: { exact: true } });
    assert.deepEqual(plan.items.map((i) => i.target), ['/w/static/favicon.png']);
  });

  it('<enhanced:img src="./x.jpg"> is an import: next to the component, never ambiguous', async () => {
    const svelte = '<enhanced:img src="./birds.jpg" alt="Birds on a wire" />';
    assert.deepEqual(covered(svelte, 'svelte').map((r) => [r.kind, r.form, r.path, r.alt]), [['img', 'import', './birds.jpg', 'Birds on a wire']]);
    const files = { '/w/package.json': '{"devDependencies":{"@sveltejs/kit":"2"}}', '/w/src/routes/+page.svelte': svelte };
    const reader = memoryReader(files);
    const plan = await planPlaceholders([{ path: '/w/src/routes/+page.svelte', text: svelte, languageId: 'svelte' }], { model: new ProjectModel(reader, '/w'), reader, sizing: { exact: true } });
    assert.deepEqual([plan.items.map((i) => i.target), plan.ambiguous.length], [['/w/src/routes/birds.jpg'], 0]);
  });

  it('a framework config marks the project root when there is no package.json (a template, a monorepo app)', async () => {
    const files = { '/w/package.json': '{}', '/w/apps/site/svelte.config.js': 'export default {};', '/w/apps/site/src/routes/+page.svelte': "<script>import hero from '$lib/hero.png';</script>" };
    const model = new ProjectModel(memoryReader(files), '/w');
    const project = await model.projectOf('/w/apps/site/src/routes/+page.svelte');
    assert.equal(project.root, '/w/apps/site');
    assert.deepEqual(project.frameworks, ['sveltekit']);
    assert.equal(project.served[0]?.path, '/w/apps/site/static');
  });
});

// The project model, one framework rule at a time: configs read as data, computed values said and defaulted.
import { strict as assert } from 'node:assert';
import { resolveImageReference, type Resolution } from '../../../src/core/placeholders';
import { Computed, ConfigPath, memoryReader, ProjectModel, readJsConfig, readJsonc } from '../../../src/core/project';
import type { ReferenceForm } from '../../../src/core/project';
import type { ReferenceKind } from '../../../src/core/placeholders';

const W = '/w';

async function resolve(files: Record<string, string>, document: string, path: string, kind: ReferenceKind = 'img', form?: ReferenceForm): Promise<Resolution> {
  const model = new ProjectModel(memoryReader({ ...files, [document]: '' }), W);
  const project = await model.projectOf(document);
  return resolveImageReference(project, document, { path, kind, ...(form ? { form } : {}) }, W);
}

function target(resolution: Resolution): string {
  assert.equal(resolution.status, 'target', JSON.stringify(resolution));
  return (resolution as Extract<Resolution, { status: 'target' }>).target;
}

const pkg = (deps: Record<string, string>, extra: object = {}) => JSON.stringify({ dependencies: deps, ...extra });

describe('project model: reading configs as data', () => {
  it('reads the exported object through defineConfig and a const binding, comments and trailing commas included', () => {
    const value = readJsConfig(`// c\nimport x from 'y';\nconst config = defineConfig({\n  publicDir: 'assets', // here\n  n: 2, list: ['a', "b",],\n});\nexport default config;\n`);
    assert.deepEqual(value, { publicDir: 'assets', n: 2, list: ['a', 'b'] });
  });

  it('marks computed values instead of guessing, and reads the pure path expressions', () => {
    const value = readJsConfig(`export default { a: process.env.X, b: \`\${x}/y\`, c: path.resolve(__dirname, 'src'), d: fileURLToPath(new URL('./lib', import.meta.url)), e() { return 1 }, f }`) as Record<string, unknown>;
    assert.ok(value.a instanceof Computed);
    assert.ok(value.b instanceof Computed);
    assert.deepEqual(value.c, new ConfigPath('src'));
    assert.deepEqual(value.d, new ConfigPath('./lib'));
    assert.ok(value.e instanceof Computed);
    assert.ok(value.f instanceof Computed);
  });

  it('treats a function config as computed and a TypeScript `satisfies` as the object', () => {
    assert.ok(readJsConfig('export default defineConfig(({ mode }) => ({ publicDir: mode }))') instanceof Computed);
    assert.deepEqual(readJsConfig("const c = { base: '/docs/' } satisfies Config\nexport default c"), { base: '/docs/' });
    assert.deepEqual(readJsConfig("module.exports = { title: 'My site' };"), { title: 'My site' });
  });

  it('reads JSONC (tsconfig) with comments and trailing commas', () => {
    assert.deepEqual(readJsonc('{ /* c */ "compilerOptions": { "paths": { "@/*": ["./src/*",] } }, }'), { compilerOptions: { paths: { '@/*': ['./src/*'] } } });
  });
});

describe('project model: framework rules', () => {
  it('Next.js: / is public/, with basePath removed', async () => {
    const files = { '/w/site/package.json': pkg({ next: '15' }), '/w/site/next.config.mjs': "export default { basePath: '/shop' }" };
    assert.equal(target(await resolve(files, '/w/site/app/page.tsx', '/hero.png', 'jsx')), '/w/site/public/hero.png');
    assert.equal(target(await resolve(files, '/w/site/app/page.tsx', '/shop/img/a.png', 'jsx')), '/w/site/public/img/a.png');
  });

  it('Vite: publicDir and root from the config; root-relative also found in the root', async () => {
    const files = { '/w/package.json': pkg({ vite: '6' }), '/w/vite.config.ts': "export default defineConfig({ root: 'web', publicDir: 'static' })" };
    const r = await resolve(files, '/w/web/index.html', '/logo.png');
    assert.equal(target(r), '/w/web/static/logo.png');
    assert.deepEqual((r as Extract<Resolution, { status: 'target' }>).alternatives.map((a) => a.target), ['/w/web/logo.png']);
  });

  it('Vite: a computed publicDir falls back to public/ and says so', async () => {
    const files = { '/w/package.json': pkg({ vite: '6' }), '/w/vite.config.js': 'export default { publicDir: resolve(root, dir) }' };
    const model = new ProjectModel(memoryReader(files), W);
    const project = await model.projectOf('/w/index.html');
    assert.equal(project.served[0]!.path, '/w/public');
    assert.match(project.notes.join(' '), /publicDir is computed in code/);
  });

  it('Vite: resolve.alias from path expressions, object and array forms', async () => {
    const files = {
      '/w/package.json': pkg({ vue: '3', vite: '6' }),
      '/w/vite.config.ts': "export default defineConfig({ resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } } })",
    };
    assert.equal(target(await resolve(files, '/w/src/App.vue', '@/assets/logo.png', 'img', 'alias')), '/w/src/assets/logo.png');
    const array = { ...files, '/w/vite.config.ts': "export default { resolve: { alias: [{ find: '~img', replacement: path.resolve(__dirname, 'images') }] } }" };
    assert.equal(target(await resolve(array, '/w/src/App.vue', '~img/a.png', 'img', 'alias')), '/w/images/a.png');
  });

  it('tsconfig paths (with extends) map aliases; an unknown alias is skipped with the reason', async () => {
    const files = {
      '/w/app/package.json': pkg({ next: '15' }),
      '/w/app/tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      '/w/app/tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"], "@img/*": ["./assets/images/*"] } } }',
    };
    assert.equal(target(await resolve(files, '/w/app/src/app/page.tsx', '@img/hero.png', 'jsx', 'import')), '/w/app/assets/images/hero.png');
    assert.equal(target(await resolve(files, '/w/app/src/app/page.tsx', '@/x.png', 'jsx', 'import')), '/w/app/src/x.png');
    const unknown = await resolve(files, '/w/app/src/app/page.tsx', '~/x.png', 'jsx', 'alias');
    assert.equal(unknown.status, 'skip');
    assert.match((unknown as { reason: string }).reason, /no alias ~/);
  });

  it('imports, require and new URL resolve relative to the module; packages are not ours', async () => {
    const files = { '/w/package.json': pkg({ react: '19', vite: '6' }) };
    assert.equal(target(await resolve(files, '/w/src/App.tsx', './hero.png', 'jsx', 'import')), '/w/src/hero.png');
    assert.equal(target(await resolve(files, '/w/src/App.tsx', '../a/b.png', 'jsx', 'require')), '/w/a/b.png');
    assert.equal(target(await resolve(files, '/w/src/App.tsx', './c.webp', 'jsx', 'url-import')), '/w/src/c.webp');
    assert.equal(target(await resolve(files, '/w/src/App.tsx', '/src/d.png', 'jsx', 'import')), '/w/src/d.png');
    assert.equal((await resolve(files, '/w/src/App.tsx', 'some-pkg/img.png', 'jsx', 'bare')).status, 'skip');
  });

  it('Astro: publicDir from astro.config', async () => {
    const files = { '/w/package.json': pkg({ astro: '5' }), '/w/astro.config.mjs': "export default defineConfig({ publicDir: './assets-public' })" };
    assert.equal(target(await resolve(files, '/w/src/pages/index.astro', '/og.png')), '/w/assets-public/og.png');
  });

  it('SvelteKit: kit.files.assets, $lib and kit.alias', async () => {
    const files = {
      '/w/package.json': pkg({ '@sveltejs/kit': '2' }),
      '/w/svelte.config.js': "const config = { kit: { adapter: adapter(), alias: { $img: 'src/images' }, files: { assets: 'public' } } };\nexport default config;",
    };
    assert.equal(target(await resolve(files, '/w/src/routes/+page.svelte', '/favicon.png')), '/w/public/favicon.png');
    assert.equal(target(await resolve(files, '/w/src/routes/+page.svelte', '$lib/a.png', 'img', 'import')), '/w/src/lib/a.png');
    assert.equal(target(await resolve(files, '/w/src/routes/+page.svelte', '$img/b.png', 'img', 'import')), '/w/src/images/b.png');
  });

  it('Nuxt: ~ and @ are srcDir (app/ in Nuxt 4), public/ stays at the root', async () => {
    const nuxt4 = { '/w/package.json': pkg({ nuxt: '^4.0.0' }), '/w/app/app.vue': '', '/w/nuxt.config.ts': 'export default defineNuxtConfig({})' };
    assert.equal(target(await resolve(nuxt4, '/w/app/pages/index.vue', '~/assets/hero.jpg', 'img', 'alias')), '/w/app/assets/hero.jpg');
    assert.equal(target(await resolve(nuxt4, '/w/app/pages/index.vue', '/icon.png')), '/w/public/icon.png');
    const nuxt3 = { '/w/package.json': pkg({ nuxt: '^3.12.0' }) };
    assert.equal(target(await resolve(nuxt3, '/w/pages/index.vue', '@/assets/a.png', 'img', 'alias')), '/w/assets/a.png');
    assert.equal(target(await resolve(nuxt3, '/w/pages/index.vue', '~~/x.png', 'img', 'alias')), '/w/x.png');
  });

  it('VitePress: the .vitepress folder is the root, public/ is below srcDir', async () => {
    const files = { '/w/package.json': pkg({ vitepress: '1' }), '/w/docs/.vitepress/config.mts': "export default defineConfig({ srcDir: 'src', title: 'Docs' })" };
    assert.equal(target(await resolve(files, '/w/docs/src/guide/index.md', '/logo.svg', 'markdown')), '/w/docs/src/public/logo.svg');
  });

  it('Docusaurus: every staticDirectories folder serves /, @site is the site folder', async () => {
    const files = { '/w/package.json': pkg({ '@docusaurus/core': '3' }), '/w/docusaurus.config.ts': "const config: Config = { title: 'T', staticDirectories: ['static', 'public'] };\nexport default config;" };
    const r = await resolve(files, '/w/docs/intro.md', '/img/a.png', 'markdown');
    assert.equal(target(r), '/w/static/img/a.png');
    assert.deepEqual((r as Extract<Resolution, { status: 'target' }>).alternatives.map((a) => a.target), ['/w/public/img/a.png']);
    assert.equal(target(await resolve(files, '/w/src/pages/index.tsx', '@site/static/img/b.png', 'jsx', 'require')), '/w/static/img/b.png');
  });

  it('Hugo: staticDir and the theme static folder; a non-bundle page is ambiguous', async () => {
    const files = { '/w/hugo.toml': "baseURL = 'https://x/'\ntheme = 'ananke'\nstaticDir = ['static', 'assets-static']\n" };
    const r = await resolve(files, '/w/content/posts/a.md', '/images/x.png', 'markdown');
    assert.equal(target(r), '/w/static/images/x.png');
    assert.deepEqual((r as Extract<Resolution, { status: 'target' }>).alternatives.map((a) => a.target), ['/w/assets-static/images/x.png', '/w/themes/ananke/static/images/x.png', '/w/content/images/x.png']);
    assert.equal((await resolve(files, '/w/content/posts/a.md', 'x.png', 'markdown')).status, 'ambiguous');
    assert.equal(target(await resolve(files, '/w/content/posts/b/index.md', 'x.png', 'markdown')), '/w/content/posts/b/x.png');
  });

  it('Hugo: a module import replaced by a local folder in go.mod serves its static/ too; a fetched one is noted', async () => {
    const files = {
      '/w/site/hugo.toml': "title = 'x'\n[[module.imports]]\n  path = 'github.com/me/theme'\n[[module.imports]]\n  path = 'github.com/other/mod'\n",
      '/w/site/go.mod': 'module example.com/site\n\nreplace github.com/me/theme => ..\n',
    };
    const r = await resolve(files, '/w/site/content/page/a.md', '/img/logo.png', 'markdown');
    assert.equal(target(r), '/w/site/static/img/logo.png');
    assert.ok((r as Extract<Resolution, { status: 'target' }>).alternatives.some((a) => a.target === '/w/static/img/logo.png'));
    const project = await new ProjectModel(memoryReader(files), W).projectOf('/w/site/content/page/a.md');
    assert.match(project.notes.join(' '), /github\.com\/other\/mod is fetched by Go/);
  });

  it('MkDocs: docs_dir serves /, raw HTML on a page with a directory URL resolves one folder deeper', async () => {
    const files = { '/w/mkdocs.yml': 'site_name: My Docs\ndocs_dir: documentation\n' };
    assert.equal(target(await resolve(files, '/w/documentation/guide/setup.md', '/img/a.png', 'markdown')), '/w/documentation/img/a.png');
    assert.equal(target(await resolve(files, '/w/documentation/guide/setup.md', '../img/a.png', 'markdown')), '/w/documentation/img/a.png');
    assert.equal(target(await resolve(files, '/w/documentation/guide/setup.md', '../img/a.png', 'img')), '/w/documentation/guide/img/a.png');
    assert.equal(target(await resolve(files, '/w/documentation/guide/index.md', 'img/a.png', 'img')), '/w/documentation/guide/img/a.png');
  });

  it('Sass: bundlers rebase url(); a sass script decides; a partial without one is ambiguous', async () => {
    const vite = { '/w/package.json': pkg({ vite: '6' }) };
    assert.equal(target(await resolve(vite, '/w/src/styles/_hero.scss', '../img/bg.png', 'css-url')), '/w/src/img/bg.png');
    const script = { '/w/package.json': JSON.stringify({ scripts: { css: 'sass scss/main.scss:css/main.css --style compressed' } }) };
    assert.equal(target(await resolve(script, '/w/scss/partials/_hero.scss', '../img/bg.png', 'css-url')), '/w/img/bg.png');
    const plain = {};
    const partial = await resolve(plain, '/w/scss/_hero.scss', 'img/bg.png', 'css-url');
    assert.equal(partial.status, 'ambiguous');
    assert.equal(target(await resolve(plain, '/w/scss/site.scss', 'img/bg.png', 'css-url')), '/w/scss/img/bg.png');
  });

  it('no framework: root-relative is skipped with the reason, relative stays relative to the document', async () => {
    const r = await resolve({}, '/w/a/index.html', '/img/x.png');
    assert.equal(r.status, 'skip');
    assert.equal(target(await resolve({}, '/w/a/index.html', 'img/x.png')), '/w/a/img/x.png');
  });

  it('a relative src in a framework component is ambiguous (the browser resolves it against the page URL)', async () => {
    const files = { '/w/package.json': pkg({ next: '15' }) };
    const r = await resolve(files, '/w/app/blog/page.tsx', 'hero.png', 'jsx', 'relative');
    assert.equal(r.status, 'ambiguous');
  });

  it('monorepo: each app resolves against its own root; multi-level walk stops at the workspace folder', async () => {
    const files = {
      '/w/package.json': JSON.stringify({ workspaces: ['apps/*'] }),
      '/w/apps/web/package.json': pkg({ next: '15' }),
      '/w/apps/docs/package.json': pkg({ astro: '5' }),
      '/w/apps/docs/astro.config.mjs': "export default { publicDir: 'static' }",
    };
    assert.equal(target(await resolve(files, '/w/apps/web/app/page.tsx', '/a.png', 'jsx')), '/w/apps/web/public/a.png');
    assert.equal(target(await resolve(files, '/w/apps/docs/src/pages/index.astro', '/a.png')), '/w/apps/docs/static/a.png');
  });

  it('never leaves the workspace folder', async () => {
    const r = await resolve({}, '/w/index.html', '../outside.png');
    assert.equal(r.status, 'skip');
  });
});

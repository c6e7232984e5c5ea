// One build script, two bundles: the extension (Node, CommonJS, `vscode` external) and the studio webview (browser).
// Test bundles are built here too so the unit and integration suites run the same code paths as the shipped one.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');

/** All *.test.ts files below a folder (the suites are bundled one file per test file). */
function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return testFiles(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
};

const configs = [
  {
    ...common,
    // codecs: the image codecs, a bundle of their own that the extension requires on first conversion (issue 12).
    entryPoints: { extension: 'src/extension/extension.ts', codecs: 'src/core/imaging/squoosh.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
];
if (existsSync('src/webview/main.ts')) {
  configs.push({
    ...common,
    entryPoints: { studio: 'src/webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}
if (withTests) {
  configs.push({
    ...common,
    minify: false,
    sourcemap: true,
    entryPoints: [...testFiles('test/unit'), 'test/simulator/cli.ts', 'test/bench/bench.ts'].filter(existsSync),
    outbase: '.',
    outdir: 'out',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['mocha'],
  });
  configs.push({
    ...common,
    minify: false,
    sourcemap: true,
    entryPoints: [...testFiles('test/integration'), 'test/integration/index.ts'].filter(existsSync),
    outbase: '.',
    outdir: 'out',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha', 'playwright-core'],
  });
}

if (withTests) {
  // End-to-end tests run in plain Node and drive a browser; playwright-core stays a real dependency (not bundled).
  configs.push({
    ...common,
    minify: false,
    sourcemap: true,
    entryPoints: testFiles('test/e2e'),
    outbase: '.',
    outdir: 'out',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['mocha', 'playwright-core'],
  });
}

// The packaged extension carries no node_modules (vsce --no-dependencies), so the Studio's codicons are copied next
// to the bundle on every build: the webview loads dist/codicons/codicon.css in development and in the .vsix alike.
function copyCodicons() {
  const from = 'node_modules/@vscode/codicons/dist';
  mkdirSync('dist/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join(from, file), join('dist/codicons', file));
}

// The codecs' WebAssembly goes next to dist/codecs.js (read with fs and handed over; never fetched). AVIF is not
// among them: its encoder alone is 1.1 MB compressed (see src/core/imaging/formats.ts).
function copyCodecWasm() {
  mkdirSync('dist/codecs', { recursive: true });
  for (const file of ['jpeg/codec/dec/mozjpeg_dec.wasm', 'jpeg/codec/enc/mozjpeg_enc.wasm', 'png/codec/pkg/squoosh_png_bg.wasm',
    'webp/codec/dec/webp_dec.wasm', 'webp/codec/enc/webp_enc_simd.wasm']) {
    copyFileSync(join('node_modules/@jsquash', file), join('dist/codecs', file.slice(file.lastIndexOf('/') + 1)));
  }
}

// A deleted test must stop running: drop bundles in out/test whose *.test.ts source is gone (only those: wiping
// out/ would break a test run that another terminal has going on the same checkout).
function pruneOrphanTests(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) pruneOrphanTests(full);
    else if (/\.test\.js(\.map)?$/.test(name)) {
      const source = full.slice('out/'.length).replace(/\.test\.js(\.map)?$/, '.test.ts');
      if (!existsSync(source)) rmSync(full, { force: true });
    }
  }
}
if (withTests) pruneOrphanTests('out/test');

// A production build starts from an empty dist/ so no development leftovers (source maps) can be packaged.
if (production) rmSync('dist', { recursive: true, force: true });
copyCodicons();
copyCodecWasm();

if (watch) {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] build started; watching for changes');
} else {
  const t0 = Date.now();
  await Promise.all(configs.map((c) => esbuild.build(c)));
  console.log(`built ${configs.length} bundle group(s) in ${Date.now() - t0} ms${production ? ' (production)' : ''}`);
}

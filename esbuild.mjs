// One build script, two bundles: the extension (Node, CommonJS, `vscode` external) and the studio webview (browser).
// Test bundles are built here too so the unit and integration suites run the same code paths as the shipped one.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

// --budget-check: a production build into out/budget/dist/ (not dist/, which a test run may be using), checked
// against BUDGETS; the unit suite runs it, so CI enforces the budgets without packaging.
const budgetCheck = process.argv.includes('--budget-check');
const production = process.argv.includes('--production') || budgetCheck;
const distDir = budgetCheck ? 'out/budget/dist' : 'dist';
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests') && !budgetCheck;
// --analyze: print what each package adds to each shipped bundle (esbuild's metafile) and write it to out/meta/.
const analyze = process.argv.includes('--analyze');

/**
 * Bundles that run in the extension host, by output name. Add a lazily loaded part (loaded with a dynamic import()
 * or require() of its own file, so activation never parses it) as one more line here and one more line in BUDGETS.
 */
const extensionEntries = {
  // The activation entry (package.json "main"): stand-ins for every command and provider, nothing heavy.
  extension: 'src/extension/extension.ts',
  // The rest of the extension, required by the activation entry on the first command, code action, tool call, Studio
  // revival or job recovery.
  main: 'src/extension/main.ts',
  // The image codecs, a bundle of their own that the extension requires on first conversion (issue 12).
  codecs: 'src/core/imaging/squoosh.ts',
};

/**
 * Minified size budgets in bytes (KB = 1000 bytes), checked after every production build, so `npm run package`
 * (vsce runs vscode:prepublish) fails when a bundle outgrows its budget. Every shipped .js file needs a line.
 */
const BUDGETS = {
  // Parsed and run at every activation (any web document opening): stand-ins and the placeholder detectors, no library.
  'dist/extension.js': 50_000,
  // Required on first use, never at activation.
  'dist/main.js': 700_000,
  // Required on the first image conversion only, never at activation.
  'dist/codecs.js': 150_000,
  'dist/webview/studio.js': 150_000,
  // Copied, not built: undici's HTTP parser (see undiciTrim), one of them loaded at the first connection.
  'dist/llhttp/llhttp-wasm.js': 80_000,
  'dist/llhttp/llhttp_simd-wasm.js': 80_000,
};

const srcDir = resolve('src') + sep;

/**
 * Product code gets undici without its globals: `undici` imported from src/ resolves to build/undici-without-globals.cjs
 * (see the comment there). Test code importing undici directly keeps the full package.
 */
const undiciWithoutGlobals = {
  name: 'undici-without-globals',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) =>
      args.importer.startsWith(srcDir) ? { path: resolve('build/undici-without-globals.cjs') } : undefined);
  },
};

/**
 * In the extension host, VS Code hands extensions its own patched `tls` module (the one that adds the OS
 * certificates when `http.systemCertificates` is on with its V2 loader) when they require 'tls', but not when they
 * require 'node:tls', which is what undici does. Requiring it by its bare name lets our connections get what VS Code
 * resolved instead of duplicating it.
 */
const hostTls = {
  name: 'host-tls',
  setup(build) {
    build.onResolve({ filter: /^node:tls$/ }, () => ({ path: 'tls', external: true }));
  },
};

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

/**
 * Two more cuts in the shipped bundle, both in code the client never or rarely runs:
 * - undici's HTTP parser is WebAssembly stored as base64 in two 72 KB modules (with and without SIMD), loaded at the
 *   first connection. They stay separate files in dist/llhttp/, required from there on first use, so activation
 *   neither reads nor parses them.
 * - FormData request bodies (undici's web/fetch body code and the WebIDL/fetch helpers it needs). The client builds
 *   its multipart bodies itself, so a FormData body is a bug: it fails loudly instead of loading fetch's machinery.
 */
const LLHTTP_FILES = ['llhttp-wasm.js', 'llhttp_simd-wasm.js'];
const undiciTrim = {
  name: 'undici-trim',
  setup(build) {
    build.onResolve({ filter: /\/llhttp\/llhttp(_simd)?-wasm\.js$/ }, (args) =>
      args.resolveDir.includes(`${sep}undici${sep}`) ? { path: `./llhttp/${args.path.split('/').pop()}`, external: true } : undefined);
    build.onResolve({ filter: /\/web\/fetch\/body\.js$/ }, (args) =>
      args.resolveDir.endsWith(`${sep}undici${sep}lib${sep}dispatcher`) ? { path: 'formdata-body', namespace: 'undici-trim' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'undici-trim' }, () => ({
      contents: "exports.extractBody = () => { throw new TypeError('FormData request bodies are not part of this bundle'); };",
      loader: 'js',
    }));
  },
};

function copyLlhttp() {
  mkdirSync(join(distDir, 'llhttp'), { recursive: true });
  for (const file of LLHTTP_FILES) copyFileSync(join('node_modules/undici/lib/llhttp', file), join(distDir, 'llhttp', file));
}

const configs = [
  {
    ...common,
    entryPoints: extensionEntries,
    outdir: distDir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    metafile: production || analyze,
    plugins: [undiciWithoutGlobals, hostTls, undiciTrim],
  },
];
if (existsSync('src/webview/main.ts')) {
  configs.push({
    ...common,
    entryPoints: { studio: 'src/webview/main.ts' },
    outdir: join(distDir, 'webview'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    metafile: production || analyze,
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
    // Libraries in the tests (proxy-chain) compare class names at run time; bundling must not rename them.
    keepNames: true,
    plugins: [undiciWithoutGlobals],
  });
  configs.push({
    ...common,
    minify: false,
    sourcemap: true,
    entryPoints: [...testFiles('test/integration'), 'test/integration/index.ts', 'test/bench/activationHost.ts'].filter(existsSync),
    outbase: '.',
    outdir: 'out',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha', 'playwright-core'],
    keepNames: true,
    plugins: [undiciWithoutGlobals],
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
  mkdirSync(join(distDir, 'codicons'), { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join(from, file), join(distDir, 'codicons', file));
}

// The codecs' WebAssembly goes next to dist/codecs.js (read with fs and handed over; never fetched). AVIF's is not
// among them: its encoder alone is 1.1 MB compressed, so it is downloaded on first use, with the user's consent, from
// the pinned npm tarball (src/core/imaging/avifEncoder.ts); only its glue code is bundled into dist/codecs.js.
function copyCodecWasm() {
  mkdirSync(join(distDir, 'codecs'), { recursive: true });
  for (const file of ['jpeg/codec/dec/mozjpeg_dec.wasm', 'jpeg/codec/enc/mozjpeg_enc.wasm', 'png/codec/pkg/squoosh_png_bg.wasm',
    'webp/codec/dec/webp_dec.wasm', 'webp/codec/enc/webp_enc_simd.wasm']) {
    copyFileSync(join('node_modules/@jsquash', file), join(distDir, 'codecs', file.slice(file.lastIndexOf('/') + 1)));
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
if (production) rmSync(distDir, { recursive: true, force: true });
copyCodicons();
copyLlhttp();
copyCodecWasm();

if (watch) {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] build started; watching for changes');
} else {
  const t0 = Date.now();
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  console.log(`built ${configs.length} bundle group(s) in ${Date.now() - t0} ms${production ? ' (production)' : ''}`);
  const outputs = Object.assign({}, ...results.map((r) => r.metafile?.outputs ?? {}));
  if (analyze) printAnalysis(outputs);
  if (production && !checkBudgets(outputs)) process.exit(1);
}

/** Bytes each package (or src/ folder) adds to one output, largest first. */
function byPackage(output) {
  const sizes = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
    sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytesInOutput);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

function printAnalysis(outputs) {
  mkdirSync('out/meta', { recursive: true });
  for (const [file, output] of Object.entries(outputs)) {
    if (!file.endsWith('.js')) continue;
    console.log(`\n${file}: ${output.bytes} bytes${production ? '' : ' (not minified: add --production)'}`);
    for (const [pkg, bytes] of byPackage(output)) console.log(`  ${String(bytes).padStart(9)}  ${pkg}`);
  }
  // Drop the JSON on https://esbuild.github.io/analyze/ (offline copy: esbuild's analyzeMetafile) for the full tree.
  writeFileSync('out/meta/metafile.json', JSON.stringify({ outputs }));
}

/** Every .js file under dist/ (built or copied) must have a budget and stay within it; each one's size is printed. */
function checkBudgets(outputs) {
  let ok = true;
  const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name).split(sep).join('/')] : []);
  for (const built of files(distDir)) {
    const file = `dist${built.slice(distDir.length)}`;
    const bytes = statSync(built).size;
    const budget = BUDGETS[file];
    if (budgetCheck) console.log(`  ${file.padEnd(32)} ${String(bytes).padStart(8)} bytes${budget === undefined ? '' : ` (budget ${budget})`}`);
    if (budget === undefined) {
      console.error(`esbuild.mjs: ${file} has no size budget: add it to BUDGETS`);
      ok = false;
    } else if (bytes > budget) {
      const output = outputs[built];
      const top = output ? ` (largest: ${byPackage(output).slice(0, 5).map(([p, b]) => `${p} ${b}`).join(', ')})` : '';
      console.error(`esbuild.mjs: ${file} is ${bytes} bytes, over its ${budget}-byte budget${top}`);
      ok = false;
    }
  }
  return ok;
}

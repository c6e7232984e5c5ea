// npm run package: builds the production bundle (vsce runs vscode:prepublish) and packs the .vsix without
// node_modules (the bundle carries its dependencies), then proves what shipped: size and file list, every file on
// the allow-list, no source maps.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from './lib/paths.mjs';
import { zipEntries } from './lib/zip-entries.mjs';

// 1.5 MB: the image codecs' WebAssembly (~415 KB compressed) ships since issue 12.
const MAX_BYTES = 1.5 * 1024 * 1024;

/** What may be inside the .vsix: vsce's own two metadata files and the extension/ files .vscodeignore re-includes. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/LICENSE(\.txt)?$/,
  /^extension\/dist\/.+\.(js|css|ttf|wasm)$/,
  /^extension\/media\/(?!screenshots\/).+\.(png|svg|css|gif|jpe?g|webp|md|json)$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/i,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/i,
];

const root = findRepoRoot();
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, `${name}-${version}.vsix`);
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const packed = spawnSync(process.execPath,
  [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], { cwd: root, stdio: 'inherit' });
if (packed.status !== 0) {
  console.error('package.mjs: vsce package failed (see above)');
  process.exit(1);
}

const entries = zipEntries(vsix);
const bytes = statSync(vsix).size;
console.log(`\n${vsix}: ${(bytes / 1024).toFixed(1)} KiB, ${entries.length} entries`);
for (const e of entries) console.log(`  ${String(e.size).padStart(9)}  ${e.name}`);

const problems = [];
if (bytes > MAX_BYTES) problems.push(`the .vsix is ${bytes} bytes, over the ${MAX_BYTES}-byte budget`);
const outside = entries.filter((e) => !ALLOWED.some((re) => re.test(e.name)));
if (outside.length) problems.push(`files outside the allow-list: ${outside.map((e) => e.name).join(', ')}`);
for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/main.js', 'extension/media/icon.png',
  'extension/dist/codicons/codicon.css', 'extension/dist/codicons/codicon.ttf']) {
  if (!entries.some((e) => e.name === required)) problems.push(`${required} is missing`);
}
for (const p of problems) console.error(`PROBLEM: ${p}`);
process.exit(problems.length ? 1 : 0);

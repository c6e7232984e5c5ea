// Localisation upkeep, run after adding user-facing strings:
//   npm run l10n   (node test/tools/nls.mjs)
// 1. moves every literal string VS Code shows from package.json into package.nls.json (as %key%), and
// 2. regenerates l10n/bundle.l10n.json (with @vscode/l10n-dev) from the vscode.l10n.t(...) calls in src/extension and
//    the l10n.t(...) calls of the core's and the Studio webview's seams (src/core/l10n.ts, src/webview/l10n.ts; see
//    test/tools/lib/l10nSources.mjs for why the plain `l10n-dev export` does not see those).
// It then lists the keys that have no German translation yet (package.nls.de.json, l10n/bundle.l10n.de.json) and the
// German keys whose English is gone;
// the unit test test/unit/shell/l10n.test.ts fails until they have one.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBundle } from './lib/l10nSources.mjs';
import { isKeyRef, walkManifestStrings } from './lib/manifestStrings.mjs';

const root = join(import.meta.dirname, '..', '..');
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const writeJson = (path, value) => writeFileSync(join(root, path), `${JSON.stringify(value, null, 2)}\n`);

const manifest = readJson('package.json');
const nls = readJson('package.nls.json');
let moved = 0;
const changed = [];
walkManifestStrings(manifest, (holder, field, key) => {
  const value = holder[field];
  if (typeof value !== 'string' || isKeyRef(value)) return;
  // A literal where a key was is newer text for that key (a merge, an edit): it wins, and its translation needs a look.
  if (nls[key] !== undefined && nls[key] !== value) changed.push(key);
  nls[key] = value;
  holder[field] = `%${key}%`;
  moved++;
});
writeJson('package.json', manifest);
writeJson('package.nls.json', Object.fromEntries(Object.entries(nls).sort(([a], [b]) => a.localeCompare(b))));

const { getL10nJson } = await import('@vscode/l10n-dev');
const bundle = await extractBundle(root, getL10nJson);
writeJson('l10n/bundle.l10n.json', bundle);

const missing = (english, german) => Object.keys(english).filter((key) => !german[key]);
const stale = (english, german) => Object.keys(german).filter((key) => !(key in english));
const germanBundle = readJson('l10n/bundle.l10n.de.json');
const untranslated = [
  ...missing(nls, readJson('package.nls.de.json')).map((k) => `package.nls.de.json: ${k}`),
  ...missing(bundle, germanBundle).map((k) => `l10n/bundle.l10n.de.json: ${JSON.stringify(k)}`),
];
const gone = stale(bundle, germanBundle).map((k) => `l10n/bundle.l10n.de.json: ${JSON.stringify(k)}`);
console.log(`moved ${moved} manifest string(s) to package.nls.json; ${Object.keys(bundle).length} runtime string(s) in l10n/bundle.l10n.json`);
if (changed.length) console.log(`English text changed, check the German of:\n  ${changed.join('\n  ')}`);
if (untranslated.length) console.log(`without a German translation:\n  ${untranslated.join('\n  ')}`);
if (gone.length) console.log(`German for English that no longer exists (remove, or move to the new wording):\n  ${gone.join('\n  ')}`);

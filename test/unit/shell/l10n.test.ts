// Localisation: every string VS Code shows from the manifest is a %key% of package.nls.json, every vscode.l10n.t
// message of the extension is in l10n/bundle.l10n.json, and German has all of them, with the same placeholders.
// `node test/tools/nls.mjs` moves new strings where they belong and lists what German still lacks.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isKeyRef, walkManifestStrings } from '../../tools/lib/manifestStrings.mjs';

const root = process.cwd();
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
const FIX = 'run `node test/tools/nls.mjs`, then translate what it lists';

/** {0}, {1}, … and `code` spans: a translation must keep every one of them. */
function tokens(text: string): string[] {
  return [...text.matchAll(/\{\d+\}|`[^`]+`|\(command:[^)]+\)/g)].map((m) => m[0]).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

function assertTranslated(english: Record<string, unknown>, german: Record<string, unknown>, file: string): void {
  const missing = Object.keys(english).filter((key) => typeof german[key] !== 'string' || (german[key] as string).trim() === '');
  assert.deepEqual(missing, [], `${file} has no translation for these keys: ${FIX}`);
  for (const [key, text] of Object.entries(english)) {
    assert.deepEqual(tokens(german[key] as string), tokens(text as string), `${file} "${key}" keeps the placeholders, code and command links`);
  }
  const stale = Object.keys(german).filter((key) => !(key in english));
  assert.deepEqual(stale, [], `${file} translates keys that no longer exist`);
}

describe('localisation', () => {
  const manifest = readJson('package.json');
  const nls = readJson('package.nls.json');

  it('has every user-facing manifest string as a %key% defined in package.nls.json', () => {
    const literals: string[] = [];
    const undefinedKeys: string[] = [];
    walkManifestStrings(manifest, (holder, field, key) => {
      const value = holder[field];
      if (!isKeyRef(value)) literals.push(`${key}: ${JSON.stringify(value)}`);
      else if (typeof nls[(value as string).slice(1, -1)] !== 'string') undefinedKeys.push(value as string);
    });
    assert.deepEqual(literals, [], `these manifest strings are not localised: ${FIX}`);
    assert.deepEqual(undefinedKeys, [], 'these %keys% are missing from package.nls.json');
  });

  it('has every vscode.l10n.t message of the extension in l10n/bundle.l10n.json', async function () {
    this.timeout(120_000); // a tree-sitter parse of every source file
    // Loaded at run time from node_modules (it reads its parser's .wasm files next to itself).
    const { getL10nJson } = createRequire(join(root, 'package.json'))('@vscode/l10n-dev') as {
      getL10nJson: (files: { extension: string; contents: string }[]) => Promise<Record<string, unknown>>;
    };
    const files = sourceFiles(join(root, 'src', 'extension')).map((path) => ({ extension: '.ts', contents: readFileSync(path, 'utf8') }));
    const extracted = await getL10nJson(files);
    assert.ok(Object.keys(extracted).length > 0, 'the extension has localised messages');
    assert.deepEqual(readJson('l10n/bundle.l10n.json'), Object.fromEntries(Object.entries(extracted).sort(([a], [b]) => a.localeCompare(b))), `l10n/bundle.l10n.json is stale: ${FIX}`);
  });

  it('translates every manifest string into German', () => {
    assertTranslated(nls, readJson('package.nls.de.json'), 'package.nls.de.json');
  });

  it('translates every runtime message into German', () => {
    assertTranslated(readJson('l10n/bundle.l10n.json'), readJson('l10n/bundle.l10n.de.json'), 'l10n/bundle.l10n.de.json');
  });

  it('points the manifest at the runtime bundles and ships them', () => {
    assert.equal(manifest.l10n, './l10n');
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!package\.nls\*\.json$/m);
    assert.match(ignore, /^!l10n\/\*\.json$/m);
  });
});

// Localisation: every string VS Code shows from the manifest is a %key% of package.nls.json, every vscode.l10n.t
// message of the extension and every l10n.t message of the core and the Studio webview is in l10n/bundle.l10n.json,
// and German has all of them, with the same placeholders.
// `npm run l10n` (test/tools/nls.mjs) moves new strings where they belong and lists what German still lacks.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { format, setTranslator, t as coreT } from '../../../src/core/l10n';
import { MODEL_GROUP_LABELS } from '../../../src/shared/modelGroups';
import { setStrings, t as webviewT } from '../../../src/webview/l10n';
import { l10nSources } from '../../tools/lib/l10nSources.mjs';
import { isKeyRef, walkManifestStrings } from '../../tools/lib/manifestStrings.mjs';

const root = process.cwd();
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
const FIX = 'run `npm run l10n`, then translate what it lists';

/** {0}, {1}, … and `code` spans: a translation must keep every one of them. */
function tokens(text: string): string[] {
  return [...text.matchAll(/\{\d+\}|`[^`]+`|\(command:[^)]+\)/g)].map((m) => m[0]).sort();
}

type GetL10nJson = (files: { extension: string; contents: string }[]) => Promise<Record<string, unknown>>;
// Loaded at run time from node_modules (it reads its parser's .wasm files next to itself).
const l10nDev = () => createRequire(join(root, 'package.json'))('@vscode/l10n-dev') as { getL10nJson: GetL10nJson };

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

  // One tree-sitter pass over every source file, per layer, shared by the two tests below.
  const perFolder = new Map<string, Record<string, unknown>>();
  before(async function () {
    this.timeout(180_000);
    const { getL10nJson } = l10nDev();
    for (const folder of ['extension', 'core', 'webview']) {
      const files = l10nSources(root).filter((f) => f.folder === folder);
      perFolder.set(folder, await getL10nJson(files.map(({ extension, contents }) => ({ extension, contents }))));
    }
  });

  it('has every l10n.t message of the extension, the core and the Studio in l10n/bundle.l10n.json', () => {
    const extracted = Object.assign({}, ...perFolder.values()) as Record<string, unknown>;
    const sorted = Object.fromEntries(Object.entries(extracted).sort(([a], [b]) => a.localeCompare(b)));
    assert.deepEqual(readJson('l10n/bundle.l10n.json'), sorted, `l10n/bundle.l10n.json is stale: ${FIX}`);
  });

  it('reads the messages of each layer: the core and the webview seams are seen, not only vscode.l10n.t', () => {
    for (const [folder, found] of perFolder) {
      assert.ok(Object.keys(found).length >= 20, `src/${folder} has localised messages that the extraction sees (found ${Object.keys(found).length})`);
    }
  });

  it('has a translation for every shared model group label (the Studio looks them up by their English)', () => {
    const bundle = readJson('l10n/bundle.l10n.json');
    const missing = Object.values(MODEL_GROUP_LABELS).filter((label) => !(label in bundle));
    assert.deepEqual(missing, [], 'src/extension/modelGroupLabels.ts lacks a vscode.l10n.t literal for these shared labels');
  });

  it('would notice a new core or webview message that is not in the bundle yet', async function () {
    this.timeout(120_000);
    const { getL10nJson } = l10nDev();
    // The same rewriting the real sources get, on a real core file that uses the seam, plus one new message.
    const probe = l10nSources(root).find((f) => f.folder === 'core' && f.path.includes('/http/') && f.contents.includes("import * as l10n from '@vscode/l10n'"));
    assert.ok(probe, 'a core source below src/core/http/ that imports the seam');
    const made = probe.contents.replace(/$/, "\nexport const probe = () => l10n.t('A message nobody translated yet {0}', 1);\n");
    assert.match(made, /from '@vscode\/l10n'/, 'the seam import is shown to the tool as @vscode/l10n');
    const found = await getL10nJson([{ extension: '.ts', contents: made }]);
    assert.ok('A message nobody translated yet {0}' in found, 'a new l10n.t literal is extracted');
    assert.ok(!('A message nobody translated yet {0}' in readJson('l10n/bundle.l10n.json')), 'so the bundle comparison above fails on it');
  });

  it('the core speaks English until the extension installs its translator, and formats placeholders', () => {
    assert.equal(coreT('Could not read {0} ({1}).', 'a.png', 'gone'), 'Could not read a.png (gone).');
    assert.equal(format('{1} before {0}, {2} stays', ['a', 'b']), 'b before a, {2} stays');
    try {
      setTranslator((message, args) => `de:${format(message, args)}`);
      assert.equal(coreT('Saved {0}.', 'x.png'), 'de:Saved x.png.');
    } finally {
      setTranslator();
    }
    assert.equal(coreT('Saved {0}.', 'x.png'), 'Saved x.png.');
  });

  it('the Studio looks its messages up in the table the host sends, and falls back to English', () => {
    const german = readJson('l10n/bundle.l10n.de.json') as Record<string, string>;
    try {
      setStrings(german);
      assert.equal(webviewT('Input images'), german['Input images']);
      assert.notEqual(webviewT('Input images'), 'Input images', 'the German table translates a Studio heading');
      assert.equal(webviewT('Move image {0} up', 2), german['Move image {0} up']!.replace('{0}', '2'));
      assert.equal(webviewT('Not in any table {0}', 3), 'Not in any table 3');
    } finally {
      setStrings(undefined);
    }
    assert.equal(webviewT('Input images'), 'Input images');
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

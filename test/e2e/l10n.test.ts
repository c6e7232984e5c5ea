// The localisation path in a real host: code-server started with --locale de loads the German bundles, so the
// command palette shows the German title from package.nls.de.json, and the Studio (webview) shows the German text
// the extension passed it from l10n/bundle.l10n.de.json. A Studio that stayed English (no table in the init message,
// or a label that skips l10n.t) fails here.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '../tools/lib/paths.mjs';
import { launchWorkbench, type Workbench } from './harness';

const root = findRepoRoot(__dirname);
const german = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
const nlsDe = JSON.parse(readFileSync(join(root, 'package.nls.de.json'), 'utf8')) as Record<string, string>;

describe('localisation (Studio and palette in German)', function () {
  this.timeout(240_000);
  let workbench: Workbench | undefined;

  after(async () => {
    await workbench?.close();
  });

  it('shows the German command title and a German Studio when VS Code runs in German', async () => {
    workbench = await launchWorkbench({ name: 'e2e-l10n-de', locale: 'de' });
    const title = `${nlsDe['command.category']}: ${nlsDe['command.openStudio.title']}`;
    assert.equal(title, 'Pruna: Studio öffnen');
    await workbench.runCommand(title);
    const headings = [german['Input images']!, german['Gallery']!, german['Jobs']!, german['Request']!];
    assert.deepEqual(headings, ['Eingabebilder', 'Galerie', 'Aufträge', 'Anfrage']);
    const studio = await workbench.webviewFrame((text) => headings.every((h) => text.includes(h)), 60_000);
    // Labels, buttons, aria-labels and placeholders, not only headings.
    assert.equal(await studio.locator('h2#inputs-heading').innerText(), 'Eingabebilder');
    assert.ok(await studio.getByRole('button', { name: german['Choose images…'] }).isVisible(), 'the "Choose images…" button is German');
    assert.equal(await studio.locator('ol.inputs').getAttribute('aria-label'), german['Input images']);
    assert.equal(await studio.locator('#prompt').getAttribute('placeholder'), german['Describe the image, or the edit to make (Ctrl+Enter runs)']);
    assert.equal(await studio.locator('html').getAttribute('lang'), 'de');
    const text = await studio.locator('body').innerText();
    for (const english of ['Input images', 'Choose images…', 'Advanced options', 'No jobs yet']) {
      assert.ok(!text.includes(english), `no English "${english}" left in the German Studio`);
    }
  });
});

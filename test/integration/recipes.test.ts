// The recipe index .pruna/recipes.json: it follows renames made in VS Code, and a damaged index is kept as a backup
// with a warning instead of breaking generation.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useSimulator } from './support/simulator';
import { deletePath, exists, listFiles, readText, stub, waitFor, workspaceUri, writeFile } from './support/workspace';

const DIR = 'recipes-test';

async function index(): Promise<Record<string, { prompt: string; seed?: number }>> {
  return JSON.parse(await readText('.pruna/recipes.json')).recipes;
}

describe('the recipe index', function () {
  useSimulator({ timeScale: 0.05 });
  const restores: (() => void)[] = [];

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });
  afterEach(() => restores.splice(0).forEach((restore) => restore()));
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(DIR);
  });

  it('moves a recipe along when the file is renamed in VS Code', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'rename me', seed: 12, aspectRatio: '1:1', outputFolder: DIR });
    const renamed = workspaceUri(`${DIR}/renamed.png`);
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(uri, renamed);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(async () => (await index())[`${DIR}/renamed.png`], 'the recipe under the new name');
    assert.equal((await index())[`${DIR}/renamed.png`]?.seed, 12);
    assert.equal((await index())[`${DIR}/rename-me-12.png`], undefined);
    const again = await vscode.commands.executeCommand<vscode.Uri>('pruna.regenerate', { file: renamed, seed: 'same' });
    assert.ok(again, 'the renamed file can still be regenerated');
  });

  it('keeps a damaged index as a backup, warns, and starts a fresh one', async () => {
    const warnings: string[] = [];
    restores.push(stub(vscode.window, 'showWarningMessage', (async (m: string) => {
      warnings.push(m);
      return undefined;
    }) as unknown as typeof vscode.window.showWarningMessage));
    // Other suites share this workspace: put their recipes back afterwards.
    const original = (await exists('.pruna/recipes.json')) ? await readText('.pruna/recipes.json') : undefined;
    restores.push(() => void (original === undefined ? deletePath('.pruna/recipes.json') : writeFile('.pruna/recipes.json', original)));
    await writeFile('.pruna/recipes.json', '{ "version": 1, "recipes": { broken');
    // The file watcher drops the cached index; wait for the next read to see the damaged file.
    await new Promise((r) => setTimeout(r, 500));
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'after the damage', seed: 13, aspectRatio: '1:1', outputFolder: DIR });
    const backups = (await listFiles('.pruna')).filter((f) => /recipes\.corrupt-\d+\.json$/.test(f));
    assert.equal(backups.length, 1, 'the damaged content is kept');
    assert.equal(await readText(backups[0]!), '{ "version": 1, "recipes": { broken');
    assert.match(warnings.join(' '), /could not be read .* kept as .*recipes\.corrupt-/);
    assert.equal((await index())[vscode.workspace.asRelativePath(uri, false)]?.prompt, 'after the damage');
    assert.ok(await exists('.pruna/recipes.json'));
    await deletePath(backups[0]!);
  });
});

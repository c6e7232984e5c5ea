// Hand edits of .pruna/recipes.json get the same checks in the editor as the extension applies when it reads the file:
// VS Code's JSON language features validate it against the schema contributed in the manifest.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { deletePath, waitFor, writeFile } from './support/workspace';

const DIR = 'schema-test';

describe('the recipes.json schema in the editor', function () {
  this.timeout(60_000);
  after(() => deletePath(DIR));

  it('marks a recipe without a model and a wrong version as errors, and a valid file as clean', async () => {
    const bad = await writeFile(`${DIR}/.pruna/recipes.json`, JSON.stringify({
      version: 2,
      recipes: { 'assets/a.png': { prompt: 'a fox', input: {}, createdAt: '2026-12-01T00:00:00Z' } },
    }, null, 2));
    await vscode.window.showTextDocument(bad);
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(bad);
      return found.length >= 2 ? found : undefined;
    }, 'schema diagnostics on the damaged recipes.json', 45_000);
    const messages = diagnostics.map((d) => d.message).join('\n');
    assert.match(messages, /model/i, messages);
    assert.match(messages, /1/, messages);

    const good = await writeFile(`${DIR}/ok/.pruna/recipes.json`, JSON.stringify({
      version: 1,
      recipes: { 'assets/a.png': { model: 'p-image', prompt: 'a fox', seed: 1, input: {}, createdAt: '2026-12-01T00:00:00Z' } },
    }, null, 2));
    const doc = await vscode.window.showTextDocument(good);
    const replaceAll = (from: string, to: string) => doc.edit((edit) => edit.replace(
      new vscode.Range(doc.document.positionAt(0), doc.document.positionAt(doc.document.getText().length)),
      doc.document.getText().replace(from, to)));
    // Break the valid file, see the error, mend it, see the error go: the clean state is then a real verdict.
    await replaceAll('"version": 1', '"version": "one"');
    await waitFor(() => vscode.languages.getDiagnostics(good).length > 0 || undefined, 'a diagnostic after the edit', 30_000);
    await replaceAll('"version": "one"', '"version": 1');
    await waitFor(() => vscode.languages.getDiagnostics(good).length === 0 || undefined, 'no diagnostic on the valid file', 30_000);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

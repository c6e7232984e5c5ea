// Issue 10 in Restricted Mode: the lightbulb provider scans nothing when VS Code asks by itself (the automatic
// lightbulb as the cursor moves), and offers the fix when the user asks (Ctrl+. is an Invoke request).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PlaceholderCodeActions, scanAllowed } from '../../../src/extension/placeholders/codeActions';
import { deletePath, writeFile } from '../support/workspace';

const root = `untrusted-placeholders-${Date.now().toString(36)}`;

function request(triggerKind: vscode.CodeActionTriggerKind): vscode.CodeActionContext {
  return { triggerKind, diagnostics: [], only: undefined };
}

describe('placeholders in an untrusted workspace', function () {
  this.timeout(30_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await deletePath(root);
  });

  it('scans nothing for the automatic lightbulb, and offers the fix when asked', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this run opens its folder in Restricted Mode');
    assert.equal(scanAllowed(vscode.CodeActionTriggerKind.Automatic), false);
    assert.equal(scanAllowed(vscode.CodeActionTriggerKind.Invoke), true);
    const text = '# Untrusted\n\n![a harbour at night](img/harbour.png)\n';
    const document = await vscode.workspace.openTextDocument(await writeFile(`${root}/index.md`, text));
    const at = document.positionAt(text.indexOf('img/harbour.png') + 2);
    const range = new vscode.Range(at, at);
    const provider = new PlaceholderCodeActions();
    const token = new vscode.CancellationTokenSource().token;
    const automatic = await provider.provideCodeActions(document, range, request(vscode.CodeActionTriggerKind.Automatic), token);
    assert.deepEqual(automatic, []);
    const asked = await provider.provideCodeActions(document, range, request(vscode.CodeActionTriggerKind.Invoke), token);
    assert.deepEqual(asked.map((a) => a.title), ['Generate placeholder with Pruna']);
  });
});

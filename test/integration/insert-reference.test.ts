// pruna.insertReference puts a generated file's path into the document, relative to it and in its language, with the
// real pixel size for markup.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PrunaServices } from '../../src/extension/services';
import { encodePng } from '../simulator/png';
import { useSimulator } from './support/simulator';
import { deletePath, stub, writeFile } from './support/workspace';

const DIR = 'insert-test';

async function openDoc(name: string, text = ''): Promise<vscode.TextEditor> {
  const uri = await writeFile(`${DIR}/docs/${name}`, text);
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

describe('inserting a reference', function () {
  useSimulator({ timeScale: 0.05 });
  const restores: (() => void)[] = [];
  let fox: vscode.Uri;

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    fox = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', {
      prompt: 'a fox [in] "deep" snow',
      aspectRatio: '4:3',
      seed: 2,
      outputFolder: `${DIR}/assets`,
      fileName: 'fox.png',
    });
  });
  afterEach(() => restores.splice(0).forEach((restore) => restore()));
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(DIR);
  });

  const cases: [string, string][] = [
    ['page.md', '![a fox \\[in\\] "deep" snow](../assets/fox.png)'],
    ['page.html', '<img src="../assets/fox.png" alt="a fox [in] &quot;deep&quot; snow" width="1152" height="896">'],
    ['Page.tsx', '<img src="../assets/fox.png" alt="a fox [in] &quot;deep&quot; snow" width="1152" height="896" />'],
    ['Page.vue', '<img src="../assets/fox.png" alt="a fox [in] &quot;deep&quot; snow" width="1152" height="896">'],
    ['Page.svelte', '<img src="../assets/fox.png" alt="a fox [in] &quot;deep&quot; snow" width="1152" height="896">'],
    ['style.css', 'url("../assets/fox.png")'],
    ['style.scss', 'url("../assets/fox.png")'],
    ['style.less', 'url("../assets/fox.png")'],
    ['notes.txt', '../assets/fox.png'],
  ];
  for (const [name, expected] of cases) {
    it(`inserts ${expected} into ${name}`, async () => {
      const editor = await openDoc(name);
      const inserted = await vscode.commands.executeCommand<string>('pruna.insertReference', { file: fox });
      assert.equal(inserted, expected);
      assert.equal(editor.document.getText(), expected);
    });
  }

  it('replaces the selection and percent-encodes spaces in the path', async () => {
    const spaced = await writeFile(`${DIR}/assets/my pic.png`, encodePng(40, 20, () => Buffer.alloc(120)));
    const editor = await openDoc('spaced.md', 'before PLACEHOLDER after');
    editor.selection = new vscode.Selection(0, 7, 0, 18);
    await vscode.commands.executeCommand('pruna.insertReference', { file: spaced });
    assert.equal(editor.document.getText(), 'before ![my pic](../assets/my%20pic.png) after');
  });

  it('inserts into the document being edited from the "Insert Reference" action of the saved message', async () => {
    const editor = await openDoc('one-click.md', '');
    restores.push(
      stub(vscode.window, 'showInputBox', async () => 'one click away'),
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) =>
        (await items).find((i) => i.label === '1:1')) as unknown as typeof vscode.window.showQuickPick),
      stub(vscode.window, 'showInformationMessage', (async (_m: string, ...items: string[]) => (items.includes('Insert Reference') ? 'Insert Reference' : undefined)) as unknown as typeof vscode.window.showInformationMessage),
    );
    await vscode.workspace.getConfiguration('pruna').update('outputFolder', `${DIR}/assets`, vscode.ConfigurationTarget.Workspace);
    restores.push(() => void vscode.workspace.getConfiguration('pruna').update('outputFolder', undefined, vscode.ConfigurationTarget.Workspace));
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage');
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    for (let i = 0; i < 60 && editor.document.getText() === ''; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(editor.document.getText(), `![one click away](../assets/${name})`);
  });

  it('gives the Studio the exact text "Insert" would write, without touching the document', async () => {
    const api = (await vscode.extensions.getExtension('pruna-community.pruna-vscode')!.activate()) as PrunaServices;
    const editor = await openDoc('preview.html', 'unchanged');
    const text = await api.referenceFor(editor.document, fox);
    assert.equal(text, '<img src="../assets/fox.png" alt="a fox [in] &quot;deep&quot; snow" width="1152" height="896">');
    assert.equal(editor.document.getText(), 'unchanged');
    const markdown = await vscode.workspace.openTextDocument(await writeFile(`${DIR}/docs/other.md`, ''));
    assert.equal(await api.referenceFor(markdown, fox), '![a fox \\[in\\] "deep" snow](../assets/fox.png)', 'for a document that is not the active editor too');
  });

  it('says to open a document first when no text editor is open', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.insertReference', { file: fox })), /no open text editor/);
  });
});

// With no folder open, a result is saved where the user says (a save dialog) instead of failing; dismissing the
// dialog sends nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { decodePngSize } from '../../simulator/index';
import { useSimulator } from '../support/simulator';
import { stub } from '../support/workspace';

describe('no folder open', function () {
  const sim = useSimulator({ timeScale: 0.05 });
  const restores: (() => void)[] = [];
  let dir: string;

  before(async () => {
    assert.equal(vscode.workspace.workspaceFolders, undefined, 'this suite runs without a workspace folder');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pruna-nofolder-'));
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });
  afterEach(() => restores.splice(0).forEach((restore) => restore()));
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks where to save, then saves exactly there', async () => {
    const target = vscode.Uri.file(path.join(dir, 'chosen.png'));
    let asked: vscode.SaveDialogOptions | undefined;
    restores.push(stub(vscode.window, 'showSaveDialog', async (o?: vscode.SaveDialogOptions) => {
      asked = o;
      return target;
    }));
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'no folder here', aspectRatio: '1:1', seed: 6 });
    assert.equal(uri.fsPath, target.fsPath);
    assert.match(asked?.defaultUri?.path ?? '', /no-folder-here-6\.png$/, 'the dialog proposes the usual name');
    assert.deepEqual(decodePngSize(fs.readFileSync(uri.fsPath)), { width: 1024, height: 1024 });
  });

  it('never overwrites the chosen file when it exists by the time the result arrives', async () => {
    const target = path.join(dir, 'taken.png');
    fs.writeFileSync(target, 'already here');
    restores.push(stub(vscode.window, 'showSaveDialog', async () => vscode.Uri.file(target)));
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'taken', seed: 1 });
    assert.equal(path.basename(uri.fsPath), 'taken-2.png');
    assert.equal(fs.readFileSync(target, 'utf8'), 'already here');
  });

  it('sends nothing and says why when the save dialog is dismissed', async () => {
    restores.push(stub(vscode.window, 'showSaveDialog', async () => undefined));
    const before = sim().requests.length;
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.generateImage', { prompt: 'nowhere to go' })),
      (e: Error & { kind?: string }) => {
        assert.equal(e.kind, 'dismissed');
        assert.match(e.message, /no folder is open and no save location was chosen/);
        return true;
      },
    );
    assert.equal(sim().requests.length, before);
  });

  it('refuses a workspace-relative output folder, since there is no workspace', async () => {
    restores.push(stub(vscode.window, 'showSaveDialog', async () => vscode.Uri.file(path.join(dir, 'x.png'))));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.editImage', { prompt: 'x', images: ['relative/in.png'] })),
      /relative path but no folder is open/,
    );
  });
});

// pruna.editImage (arguments and the explorer's "Edit with Pruna") and pruna.generateVideo against the simulator:
// local images are uploaded first, https URLs pass through, results are saved with the right type.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { decodePngSize, type RecordedRequest } from '../simulator/index';
import { encodePng } from '../simulator/png';
import { useSimulator } from './support/simulator';
import { deletePath, readBytes, stub, writeFile } from './support/workspace';

const DIR = 'edit-test';

function rel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

function posts(requests: RecordedRequest[], path: string) {
  return requests.filter((r) => r.method === 'POST' && r.path === path);
}

describe('editing images and generating videos', function () {
  const sim = useSimulator({ timeScale: 0.05 });
  const restores: (() => void)[] = [];
  let wide: vscode.Uri;
  let square: vscode.Uri;

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    wide = await writeFile(`${DIR}/wide.png`, encodePng(320, 180, () => Buffer.alloc(320 * 3, 90)));
    square = await writeFile(`${DIR}/square.png`, encodePng(64, 64, () => Buffer.alloc(64 * 3, 30)));
  });
  afterEach(() => restores.splice(0).forEach((restore) => restore()));
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(DIR);
  });

  it('uploads a local image, edits it and saves a result matching the input\'s ratio', async () => {
    const before = sim().requests.length;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.editImage', { images: [wide], prompt: 'make it night', seed: 3, outputFolder: `${DIR}/out` });
    const sent = sim().requests.slice(before);
    assert.equal(posts(sent, '/v1/files').length, 1, 'the local file was uploaded once');
    const input = (posts(sent, '/v1/predictions')[0]?.body as { input: { images: string[] } }).input;
    assert.equal(input.images.length, 1);
    assert.match(input.images[0]!, /^http/, 'the API got the upload URL, not a local path');
    assert.equal(rel(uri), `${DIR}/out/make-it-night-3.png`);
    assert.deepEqual(decodePngSize(Buffer.from(await readBytes(rel(uri)))), { width: 1344, height: 768 });
  });

  it('accepts workspace-relative paths and passes https URLs through without uploading them', async () => {
    const before = sim().requests.length;
    await vscode.commands.executeCommand('pruna.editImage', { images: [`${DIR}/square.png`, 'https://example.com/cat.png'], prompt: 'put the cat from image 2 into image 1', aspectRatio: '1:1', outputFolder: `${DIR}/out` });
    const sent = sim().requests.slice(before);
    assert.equal(posts(sent, '/v1/files').length, 1, 'only the local file is uploaded');
    const input = (posts(sent, '/v1/predictions')[0]?.body as { input: { images: string[]; aspect_ratio: string } }).input;
    assert.equal(input.images[1], 'https://example.com/cat.png');
    assert.equal(input.aspect_ratio, '1:1');
  });

  it('edits the images selected in the explorer with the prompt typed in', async () => {
    const before = sim().requests.length;
    restores.push(stub(vscode.window, 'showInputBox', async () => 'blend both'));
    restores.push(stub(vscode.window, 'showInformationMessage', (async () => undefined) as unknown as typeof vscode.window.showInformationMessage));
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.editWithPruna', wide, [wide, square]);
    assert.ok(uri, 'resolves to the saved file');
    const input = (posts(sim().requests.slice(before), '/v1/predictions')[0]?.body as { input: { images: string[]; prompt: string } }).input;
    assert.equal(input.images.length, 2);
    assert.equal(input.prompt, 'blend both');
  });

  it('starts "Edit with Pruna" on a generated file from the prompt that made it', async () => {
    const generated = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'a teapot on a table', seed: 4, aspectRatio: '1:1', outputFolder: `${DIR}/out` });
    let offered: string | undefined;
    restores.push(
      stub(vscode.window, 'showInputBox', async (o?: vscode.InputBoxOptions) => {
        offered = o?.value;
        return 'a teapot on a table, in the rain';
      }),
      stub(vscode.window, 'showInformationMessage', (async () => undefined) as unknown as typeof vscode.window.showInformationMessage),
    );
    const edited = await vscode.commands.executeCommand<vscode.Uri>('pruna.editWithPruna', generated, [generated]);
    assert.equal(offered, 'a teapot on a table');
    const recipes = JSON.parse(new TextDecoder().decode(await readBytes('.pruna/recipes.json'))).recipes;
    assert.deepEqual(recipes[rel(edited)].sources, [rel(generated)], 'the edit remembers which file it came from');
  });

  it('shows a message instead of editing when more than 5 files are selected in the explorer', async () => {
    const errors: string[] = [];
    restores.push(stub(vscode.window, 'showErrorMessage', (async (m: string) => {
      errors.push(m);
      return undefined;
    }) as unknown as typeof vscode.window.showErrorMessage));
    const before = sim().requests.length;
    const six = [wide, square, wide, square, wide, square];
    const result = await vscode.commands.executeCommand('pruna.editWithPruna', wide, six);
    assert.equal(result, undefined);
    assert.match(errors[0] ?? '', /at most 5 images; 6 are selected/);
    assert.equal(sim().requests.length, before);
  });

  it('edits files picked in the open dialog when run from the palette', async () => {
    let dialog: vscode.OpenDialogOptions | undefined;
    restores.push(
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) =>
        (await items).find((i) => i.label.includes('Choose image files'))) as unknown as typeof vscode.window.showQuickPick),
      stub(vscode.window, 'showOpenDialog', async (o?: vscode.OpenDialogOptions) => {
        dialog = o;
        return [square];
      }),
      stub(vscode.window, 'showInputBox', async () => 'palette edit'),
      stub(vscode.window, 'showInformationMessage', (async () => undefined) as unknown as typeof vscode.window.showInformationMessage),
    );
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.editImage');
    assert.ok(uri);
    assert.equal(dialog?.canSelectMany, true);
    assert.deepEqual(dialog?.filters, { Images: ['png', 'jpg', 'jpeg', 'webp'] });
    assert.match(rel(uri), /palette-edit-\d+\.png$/);
  });

  it('makes a video interactively: model, prompt, no start image, aspect ratio', async () => {
    const picks: string[] = [];
    restores.push(
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, o?: vscode.QuickPickOptions) => {
        const list = await items;
        picks.push(o?.title ?? '');
        return list.find((i) => i.description === 'p-video') ?? list.find((i) => i.label === 'No image') ?? list.find((i) => i.label === '9:16');
      }) as unknown as typeof vscode.window.showQuickPick),
      stub(vscode.window, 'showInputBox', async () => 'rain on a window'),
      stub(vscode.window, 'showInformationMessage', (async () => undefined) as unknown as typeof vscode.window.showInformationMessage),
    );
    await vscode.workspace.getConfiguration('pruna').update('outputFolder', `${DIR}/video`, vscode.ConfigurationTarget.Workspace);
    restores.push(() => void vscode.workspace.getConfiguration('pruna').update('outputFolder', undefined, vscode.ConfigurationTarget.Workspace));
    const before = sim().requests.length;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateVideo');
    assert.match(rel(uri), /rain-on-a-window-\d+\.mp4$/);
    assert.equal(picks.length, 3, picks.join(' / '));
    const input = (posts(sim().requests.slice(before), '/v1/predictions')[0]?.body as { input: { aspect_ratio?: string } }).input;
    assert.equal(input.aspect_ratio, '9:16');
  });

  it('generates a p-video clip asynchronously and saves it as .mp4', async () => {
    const before = sim().requests.length;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateVideo', { prompt: 'waves at dusk', duration: 2, seed: 9, outputFolder: `${DIR}/video` });
    assert.equal(rel(uri), `${DIR}/video/waves-at-dusk-9.mp4`);
    const submit = posts(sim().requests.slice(before), '/v1/predictions')[0];
    assert.notEqual(submit?.headers['try-sync'], 'true', 'videos are never requested synchronously');
    const bytes = await readBytes(rel(uri));
    assert.equal(Buffer.from(bytes.subarray(4, 8)).toString('latin1'), 'ftyp', 'an MP4 container');
  });

  it('uses a start image for p-video and requires one for wan-i2v', async () => {
    const before = sim().requests.length;
    await vscode.commands.executeCommand('pruna.generateVideo', { prompt: 'the square comes alive', image: square, duration: 1, outputFolder: `${DIR}/video` });
    const input = (posts(sim().requests.slice(before), '/v1/predictions')[0]?.body as { input: { image?: string } }).input;
    assert.match(input.image ?? '', /^http/);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.generateVideo', { prompt: 'needs an image', model: 'wan-i2v' })),
      /needs at least 1 input image/,
    );
  });
});

// The offer to upscale instead of enlarging, in the real host against the simulator: a 3000×1000 placeholder that
// p-image can only make at 1440×480 is saved enlarged 2.1×, and the notification that says so carries
// "Upscale with Pruna (…)". Not clicked: no upscale request. Clicked: exactly one p-image-upscale POST (of the model's
// own 1440×480 result, at 3 MP), and banner.png is then the upscaled picture at exactly 3000×1000, the enlarged one
// kept beside it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { imageSize } from '../../src/core/snippets/imageSize';
import { sniffImageFormat } from '../../src/core/http/sniff';
import { useSimulator } from './support/simulator';
import { deletePath, exists, readBytes, readText, stub, waitFor, writeFile } from './support/workspace';

const root = `image-files-upscale-${Date.now().toString(36)}`;
const PAGE = '<img src="banner.png" alt="a long panorama of dunes" width="3000" height="1000">\n';

describe('image files: the upscale model offered for enlargements over 1.5×', function () {
  this.timeout(120_000);
  const simulator = useSimulator({ timeScale: 0 });
  const restores: (() => void)[] = [];

  before(async () => {
    await vscode.extensions.getExtension('pruna-community.pruna-vscode')!.activate();
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });
  afterEach(() => {
    while (restores.length) restores.pop()!();
    simulator().reset();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(root);
  });

  /** Records every notification with its buttons; clicks the upscale button when `click` says so. */
  function notifications(click: boolean): { message: string; items: string[] }[] {
    const shown: { message: string; items: string[] }[] = [];
    const record = (async (message: string, ...items: unknown[]) => {
      const labels = items.filter((i): i is string => typeof i === 'string');
      shown.push({ message, items: labels });
      return click ? labels.find((l) => l.startsWith('Upscale with Pruna')) : undefined;
    }) as typeof vscode.window.showInformationMessage;
    restores.push(stub(vscode.window, 'showInformationMessage', record), stub(vscode.window, 'showWarningMessage', record));
    return shown;
  }

  const upscalePosts = () =>
    simulator().requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions' && r.headers['model'] === 'p-image-upscale');

  it('offers it on the notification, and sends nothing when it is not clicked', async () => {
    const page = await writeFile(`${root}/declined/index.html`, PAGE);
    const shown = notifications(false);
    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: page.toString() });
    assert.equal(saved.length, 1);
    const said = shown.find((s) => /enlarged more than 1\.5×/.test(s.message));
    assert.ok(said, shown.map((s) => s.message).join(' | '));
    // p-image-upscale has no published price: the button says so rather than guessing.
    assert.deepEqual(said.items, ['Upscale with Pruna (price unknown)']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(upscalePosts().length, 0, 'an upscale was sent without the click');
    assert.deepEqual(imageSize(await readBytes(`${root}/declined/banner.png`)), { width: 3000, height: 1000 });
  });

  it('says it and offers the upscale for an ordinary command\'s file (fileName + width/height), sending nothing unclicked', async () => {
    const folder = `${root}/command`;
    const shown = notifications(false);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', {
      prompt: 'a long panorama of dunes',
      outputFolder: folder,
      fileName: 'wide.png',
      width: 3000,
      height: 1000,
    });
    assert.equal(vscode.workspace.asRelativePath(uri, false), `${folder}/wide.png`);
    // Called with an argument object the command shows nothing else, but the enlargement is said, with the offer.
    const said = await waitFor(() => shown.find((s) => s.message.includes('wide.png')), 'the enlargement notice', 30_000).catch((e: Error) => {
      throw new Error(`${e.message}; shown: ${JSON.stringify(shown)}`);
    });
    assert.equal(said.message, `Pruna: ${folder}/wide.png. It was enlarged 2.1× from the model's 1440×480, so it may look soft.`);
    assert.deepEqual(said.items, ['Upscale with Pruna (price unknown)']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(upscalePosts().length, 0, 'an upscale was sent without the click');
    assert.deepEqual(imageSize(await readBytes(`${folder}/wide.png`)), { width: 3000, height: 1000 });
  });

  it('on the click: one upscale POST of the model\'s result, then banner.png is the upscaled file at exactly 3000×1000', async () => {
    const page = await writeFile(`${root}/clicked/index.html`, PAGE);
    const shown = notifications(true);
    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: page.toString() });
    assert.deepEqual(saved.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)), ['banner.png']);
    const done = await waitFor(() => shown.find((s) => s.message.startsWith('Pruna: upscaled')), 'the upscale to finish', 60_000);
    assert.match(done.message, /banner\.png at 3000×1000 \(the enlarged one is kept as banner-soft\.png\)/);

    const posts = upscalePosts();
    assert.equal(posts.length, 1, 'exactly one upscale request');
    const input = (posts[0]!.body as { input: Record<string, unknown> }).input;
    assert.equal(input.target, 3, '1440×480 grown 2.08× is 3 MP');
    assert.equal(simulator().requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').length, 2);
    // What was uploaded is the model's 1440×480 result, not the enlarged file.
    const upload = simulator().requests.find((r) => r.method === 'POST' && r.path.startsWith('/v1/files'));
    assert.ok(upload, 'the model\'s result was not uploaded');

    const upscaled = await readBytes(`${root}/clicked/banner.png`);
    assert.equal(sniffImageFormat(upscaled), 'png');
    assert.deepEqual(imageSize(upscaled), { width: 3000, height: 1000 });
    assert.ok(await exists(`${root}/clicked/banner-soft.png`), 'the enlarged file is not kept');
    const soft = await readBytes(`${root}/clicked/banner-soft.png`);
    assert.deepEqual(imageSize(soft), { width: 3000, height: 1000 });
    assert.ok(!Buffer.from(soft).equals(Buffer.from(upscaled)), 'banner.png is still the enlarged file');
    assert.equal((await vscode.workspace.openTextDocument(page)).getText(), PAGE, 'the reference changed');
    const recipes = JSON.parse(await readText('.pruna/recipes.json')).recipes as Record<string, { model: string; post?: { width: number; height: number } }>;
    assert.equal(recipes[`${root}/clicked/banner.png`]?.model, 'p-image-upscale');
    assert.deepEqual([recipes[`${root}/clicked/banner.png`]?.post?.width, recipes[`${root}/clicked/banner.png`]?.post?.height], [3000, 1000]);
  });
});

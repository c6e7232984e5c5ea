// "Upscale with Pruna" from the Explorer (a Uri, with the size and switches picked) and by argument object, against
// the simulator: the result is saved beside the original under a new name, at the target megapixels, and its recipe
// names the original as its source.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { decodePngSize } from '../simulator/index';
import { encodePng } from '../simulator/png';
import { useSimulator } from './support/simulator';
import { deletePath, readBytes, readText, stub, writeFile } from './support/workspace';

const DIR = 'upscale-test/assets';

describe('upscaling with Pruna', function () {
  const sim = useSimulator({ timeScale: 0.02 });
  const restores: (() => void)[] = [];
  let original: vscode.Uri;
  let originalBytes: Uint8Array;

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    original = await writeFile(`${DIR}/hero.png`, encodePng(320, 180, () => Buffer.alloc(320 * 3, 77)));
    originalBytes = await readBytes(`${DIR}/hero.png`);
  });
  afterEach(() => restores.splice(0).forEach((restore) => restore()));
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath('upscale-test');
  });

  it('upscales an image picked in the Explorer to the chosen megapixels and saves it beside the original', async function () {
    this.timeout(60_000);
    const titles: string[] = [];
    restores.push(
      stub(vscode.window, 'showQuickPick', (async (items: readonly (vscode.QuickPickItem & { mp?: number; field?: string })[], options?: vscode.QuickPickOptions) => {
        titles.push(options?.title ?? '');
        if (options?.canPickMany) return items.filter((i) => i.field === 'enhance_details');
        return items.find((i) => i.mp === 2);
      }) as unknown as typeof vscode.window.showQuickPick),
    );
    const before = sim().requests.length;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.upscale', original);
    assert.ok(uri instanceof vscode.Uri);
    assert.equal(vscode.workspace.asRelativePath(uri, false), `${DIR}/hero-upscaled.png`);
    assert.equal(titles.length, 2, 'asked for the size, then the enhance switches');
    const post = sim().requests.slice(before).find((r) => r.method === 'POST' && r.path === '/v1/predictions')!;
    assert.equal(post.headers['model'], 'p-image-upscale');
    const input = (post.body as { input: Record<string, unknown> }).input;
    assert.equal(input.target, 2);
    assert.equal(input.enhance_details, true);
    assert.equal(input.enhance_realism, undefined, 'switches left off are not sent');
    assert.equal(input.seed, undefined, 'p-image-upscale takes no seed');
    const size = decodePngSize(Buffer.from(await readBytes(`${DIR}/hero-upscaled.png`)));
    assert.ok(Math.abs(size.width * size.height - 2_000_000) < 20_000, `about 2 MP: ${size.width}x${size.height}`);
    assert.ok(Math.abs(size.width / size.height - 16 / 9) < 0.01, 'keeps the ratio');
    assert.deepEqual(await readBytes(`${DIR}/hero.png`), originalBytes, 'the original is untouched');
    const recipe = JSON.parse(await readText('.pruna/recipes.json')).recipes[`${DIR}/hero-upscaled.png`];
    assert.equal(recipe.model, 'p-image-upscale');
    assert.deepEqual(recipe.sources, [`${DIR}/hero.png`], 'the recipe is linked to the original');
    assert.equal(recipe.input.target, 2);
  });

  it('upscales by argument object and never overwrites the earlier result', async function () {
    this.timeout(60_000);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.upscale', { file: `${DIR}/hero.png`, target: 1, enhanceRealism: true });
    assert.equal(vscode.workspace.asRelativePath(uri, false), `${DIR}/hero-upscaled-2.png`);
    const post = sim().requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').at(-1)!;
    assert.deepEqual((post.body as { input: Record<string, unknown> }).input.enhance_realism, true);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.upscale', { file: `${DIR}/hero.png`, target: 9 })), /target/);
  });
});

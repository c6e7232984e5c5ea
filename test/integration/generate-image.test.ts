// pruna.generateImage / pruna.generateVariations / pruna.regenerate through their argument objects and the
// interactive flow, against the simulator: files land in the output folder, have the pixel size of the ratio,
// are never overwritten, and carry a recipe that makes them again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { decodePngSize } from '../simulator/index';
import { useSimulator } from './support/simulator';
import { deletePath, exists, readBytes, readText, stub, workspaceUri } from './support/workspace';

const OUT = 'gen-test-out';

function rel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

async function sizeOf(uri: vscode.Uri): Promise<{ width: number; height: number }> {
  return decodePngSize(Buffer.from(await vscode.workspace.fs.readFile(uri)));
}

async function recipes(): Promise<Record<string, { model: string; prompt: string; seed?: number; input: Record<string, unknown> }>> {
  return JSON.parse(await readText('.pruna/recipes.json')).recipes;
}

describe('generating images', function () {
  const sim = useSimulator({ timeScale: 0.05 });
  const restores: (() => void)[] = [];

  before(async () => {
    // A key stored by an earlier suite would win over the simulator's PRUNA_API_KEY.
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(OUT);
  });
  afterEach(() => restores.splice(0).forEach((restore) => restore()));

  it('saves a 16:9 image at the ratio\'s pixel size, named from the prompt and seed', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', {
      prompt: 'A red fox in fresh snow',
      aspectRatio: '16:9',
      seed: 42,
      outputFolder: OUT,
    });
    assert.ok(uri instanceof vscode.Uri, 'the command resolves to the saved file');
    assert.equal(rel(uri), `${OUT}/a-red-fox-in-fresh-snow-42.png`);
    assert.deepEqual(await sizeOf(uri), { width: 1344, height: 768 });
  });

  it('sends the seed explicitly even when none was given, and records it', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'random seed please', aspectRatio: '1:1', outputFolder: OUT });
    const post = sim().requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').at(-1);
    const sent = (post?.body as { input: { seed?: unknown } }).input.seed;
    assert.equal(typeof sent, 'number', 'a random seed is chosen and sent');
    assert.match(rel(uri), new RegExp(`random-seed-please-${sent}\\.png$`));
    assert.equal((await recipes())[rel(uri)]?.seed, sent);
    assert.deepEqual(await sizeOf(uri), { width: 1024, height: 1024 });
  });

  it('renders a custom width and height', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'banner', width: 1024, height: 256, seed: 1, outputFolder: OUT });
    assert.deepEqual(await sizeOf(uri), { width: 1024, height: 256 });
  });

  it('saves under a new name when the file exists, never overwriting it', async () => {
    const args = { prompt: 'same name twice', seed: 7, outputFolder: OUT, fileName: 'hero.png', aspectRatio: '1:1' };
    const first = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', args);
    const before = await readBytes(rel(first));
    const second = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { ...args, aspectRatio: '4:3' });
    assert.equal(rel(first), `${OUT}/hero.png`);
    assert.equal(rel(second), `${OUT}/hero-2.png`);
    assert.deepEqual(await readBytes(rel(first)), before, 'the first file is untouched');
    assert.deepEqual(await sizeOf(second), { width: 1152, height: 896 });
  });

  it('makes the format fileName names: the simulator\'s PNG becomes photo.jpg, a real JPEG', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'type check', seed: 3, outputFolder: OUT, fileName: 'photo.jpg' });
    assert.equal(rel(uri), `${OUT}/photo.jpg`);
    assert.deepEqual([...(await readBytes(rel(uri))).subarray(0, 3)], [0xff, 0xd8, 0xff], 'not JPEG bytes');
  });

  it('records a recipe with model, prompt, seed, every parameter and the prediction id', async () => {
    // Only an asynchronous submit gets a prediction id back (a Try-Sync answer carries just the result URL).
    await vscode.workspace.getConfiguration('pruna').update('syncMode', 'never', vscode.ConfigurationTarget.Global);
    restores.push(() => void vscode.workspace.getConfiguration('pruna').update('syncMode', undefined, vscode.ConfigurationTarget.Global));
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', {
      prompt: 'recipe please',
      aspectRatio: '3:2',
      seed: 99,
      promptUpsampling: true,
      disableSafetyChecker: true,
      outputFolder: OUT,
    });
    const recipe = (await recipes())[rel(uri)];
    assert.ok(recipe, 'the saved file has a recipe in .pruna/recipes.json');
    assert.equal(recipe.model, 'p-image');
    assert.equal(recipe.prompt, 'recipe please');
    assert.equal(recipe.seed, 99);
    assert.deepEqual(
      { ...recipe.input },
      { prompt: 'recipe please', aspect_ratio: '3:2', seed: 99, prompt_upsampling: true, disable_safety_checker: true },
    );
    const predictionId = (recipe as { predictionId?: string }).predictionId;
    assert.ok(predictionId && sim().prediction(predictionId), 'the prediction id is kept and is the one the server made');
  });

  it('regenerates a file from its recipe with the same seed into a new file with the same pixels', async () => {
    const original = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'regenerate me', aspectRatio: '2:3', seed: 5, outputFolder: OUT });
    const again = await vscode.commands.executeCommand<vscode.Uri>('pruna.regenerate', { file: original, seed: 'same' });
    assert.notEqual(again.toString(), original.toString());
    assert.deepEqual(await readBytes(rel(again)), await readBytes(rel(original)), 'same recipe and seed give the same image');
    assert.equal(rel(again).startsWith(`${OUT}/`), true, 'saved next to the original');
  });

  it('regenerates with a new seed by default', async () => {
    const original = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'fresh take', aspectRatio: '1:1', seed: 11, outputFolder: OUT });
    const again = await vscode.commands.executeCommand<vscode.Uri>('pruna.regenerate', { file: original });
    const recipe = (await recipes())[rel(again)];
    assert.notEqual(recipe?.seed, 11);
    assert.equal(recipe?.input.aspect_ratio, '1:1', 'the other parameters are reused');
  });

  it('refuses to regenerate a file it did not make, saying why', async () => {
    await vscode.workspace.fs.writeFile(workspaceUri(`${OUT}/hand-made.png`), new Uint8Array([1, 2, 3]));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.regenerate', { file: `${OUT}/hand-made.png` })),
      /No recipe is recorded for .*hand-made\.png/,
    );
  });

  it('makes N variations with different seeds and resolves to all files', async () => {
    const uris = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateVariations', { prompt: 'three takes', count: 3, aspectRatio: '1:1', outputFolder: OUT });
    assert.equal(uris.length, 3);
    const seeds = new Set(Object.entries(await recipes()).filter(([path]) => uris.some((u) => rel(u) === path)).map(([, r]) => r.seed));
    assert.equal(seeds.size, 3, 'each variation has its own seed');
    for (const uri of uris) assert.deepEqual(await sizeOf(uri), { width: 1024, height: 1024 });
  });

  it('runs interactively: prompt, then aspect ratio, then the file is saved into pruna.outputFolder', async () => {
    await vscode.workspace.getConfiguration('pruna').update('outputFolder', OUT, vscode.ConfigurationTarget.Workspace);
    restores.push(() => void vscode.workspace.getConfiguration('pruna').update('outputFolder', undefined, vscode.ConfigurationTarget.Workspace));
    const asked: string[] = [];
    restores.push(
      stub(vscode.window, 'showInputBox', async (options?: vscode.InputBoxOptions) => {
        asked.push(`input:${options?.title}`);
        return 'an interactive lighthouse';
      }),
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
        const list = await items;
        asked.push(`pick:${list.map((i) => i.label).join('|')}`);
        return list.find((i) => i.label === '9:16');
      }) as unknown as typeof vscode.window.showQuickPick),
      stub(vscode.window, 'showInformationMessage', (async () => undefined) as unknown as typeof vscode.window.showInformationMessage),
    );
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage');
    assert.ok(uri, 'the interactive command resolves to the saved file');
    assert.equal(rel(uri).startsWith(`${OUT}/an-interactive-lighthouse-`), true, rel(uri));
    assert.deepEqual(await sizeOf(uri), { width: 768, height: 1344 });
    assert.equal(asked[0], 'input:Pruna: Generate Image');
    assert.match(asked[1] ?? '', /^pick:16:9\|/, 'the preferred ratio is offered first');
    assert.match(asked[1] ?? '', /Custom size…/);
    assert.match(asked[1] ?? '', /Fixed seed…/);
  });

  it('fixes the seed from the quick pick button and shows it in the result message', async () => {
    const messages: string[] = [];
    let picks = 0;
    restores.push(
      stub(vscode.window, 'showInputBox', async (options?: vscode.InputBoxOptions) => (options?.title === 'Seed' ? '1234' : 'seeded by hand')),
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
        const list = await items;
        picks++;
        return picks === 1 ? list.find((i) => i.label.includes('Fixed seed')) : list.find((i) => i.label === '1:1');
      }) as unknown as typeof vscode.window.showQuickPick),
      stub(vscode.window, 'showInformationMessage', (async (message: string) => {
        messages.push(message);
        return undefined;
      }) as unknown as typeof vscode.window.showInformationMessage),
    );
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage');
    assert.match(rel(uri), /seeded-by-hand-1234\.png$/);
    assert.ok(messages.some((m) => m.includes('(seed 1234)')), `the seed is shown: ${messages.join(' / ')}`);
  });

  it('makes variations interactively: prompt, how many, ratio', async () => {
    restores.push(
      stub(vscode.window, 'showInputBox', async () => 'two interactive takes'),
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
        const list = await items;
        return list.find((i) => i.label === '2') ?? list.find((i) => i.label === '3:2');
      }) as unknown as typeof vscode.window.showQuickPick),
      stub(vscode.window, 'showInformationMessage', (async () => undefined) as unknown as typeof vscode.window.showInformationMessage),
    );
    await vscode.workspace.getConfiguration('pruna').update('outputFolder', OUT, vscode.ConfigurationTarget.Workspace);
    restores.push(() => void vscode.workspace.getConfiguration('pruna').update('outputFolder', undefined, vscode.ConfigurationTarget.Workspace));
    const uris = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateVariations');
    assert.equal(uris?.length, 2);
    for (const uri of uris) assert.deepEqual(await sizeOf(uri), { width: 1216, height: 832 });
  });

  it('stops quietly when the prompt box is dismissed, sending nothing', async () => {
    const before = sim().requests.length;
    restores.push(stub(vscode.window, 'showInputBox', async () => undefined));
    const result = await vscode.commands.executeCommand('pruna.generateImage');
    assert.equal(result, undefined);
    assert.equal(sim().requests.length, before);
  });

  describe('opening the result (pruna.openAfterSave on)', () => {
    const tabsOf = (uri: vscode.Uri) =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs.filter((t) => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.toString() === uri.toString()));
    async function openedTab(uri: vscode.Uri): Promise<vscode.Tab> {
      for (let i = 0; i < 100 && tabsOf(uri).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      const tab = tabsOf(uri)[0];
      assert.ok(tab, 'a tab shows the saved image');
      return tab;
    }

    beforeEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('workbench.action.closeAllGroups');
      await vscode.workspace.getConfiguration('pruna').update('openAfterSave', true, vscode.ConfigurationTarget.Global);
    });
    afterEach(async () => {
      // Close the previews before the output folder is deleted, so no editor looks for a file that is gone.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('workbench.action.closeAllGroups');
      await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    });

    it('opens it beside the document being edited, which stays visible and keeps focus', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Notes\n' });
      const editor = await vscode.window.showTextDocument(doc);
      const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'open me beside', seed: 8, aspectRatio: '1:1', outputFolder: OUT });
      const tab = await openedTab(uri);
      assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the image opens in another group');
      assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === doc), 'the document is still on screen');
      assert.equal(vscode.window.activeTextEditor?.document, doc, 'focus stays in the document');
    });

    it('opens it in the active group when no editor is open, leaving no empty group', async () => {
      assert.equal(vscode.window.tabGroups.all.length, 1);
      const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'open me alone', seed: 9, aspectRatio: '1:1', outputFolder: OUT });
      await openedTab(uri);
      assert.equal(vscode.window.tabGroups.all.length, 1, 'no second (empty) editor group');
      assert.ok(vscode.window.tabGroups.all.every((g) => g.tabs.length > 0));
      assert.ok(await exists(rel(uri)));
    });
  });
});

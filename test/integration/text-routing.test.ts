// Text in images: a prompt that asks for words is offered p-image-ideogram, and the billed model is the one the user
// picks (never switched silently).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useSimulator } from './support/simulator';
import { deletePath, stub } from './support/workspace';

const OUT = 'text-routing-test';

describe('routing text-in-image prompts to p-image-ideogram', function () {
  const sim = useSimulator({ timeScale: 0.02 });
  const restores: (() => void)[] = [];

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('pruna').update('outputFolder', OUT, vscode.ConfigurationTarget.Workspace);
  });
  afterEach(() => restores.splice(0).forEach((restore) => restore()));
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('pruna').update('outputFolder', undefined, vscode.ConfigurationTarget.Workspace);
    await deletePath(OUT);
  });

  function answer(prompt: string, pickText: boolean): string[] {
    const titles: string[] = [];
    restores.push(
      stub(vscode.window, 'showInputBox', async () => prompt),
      stub(vscode.window, 'showQuickPick', (async (items: readonly (vscode.QuickPickItem & { model?: string })[], options?: vscode.QuickPickOptions) => {
        titles.push(options?.title ?? '');
        const list = [...items];
        if (list.some((i) => i.model)) return list.find((i) => (pickText ? i.model === 'p-image-ideogram' : i.model === 'p-image'));
        return list[0];
      }) as unknown as typeof vscode.window.showQuickPick),
    );
    return titles;
  }

  async function lastModel(): Promise<string | undefined> {
    const post = sim().requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').at(-1);
    return post?.headers['model'];
  }

  it('asks, and runs p-image-ideogram when the user picks it', async () => {
    const titles = answer('a bakery banner that says "FRESH BREAD"', true);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('pruna.generateImage');
    assert.ok(uri, 'saved');
    assert.match(titles[0]!, /asks for words in the image/);
    assert.equal(await lastModel(), 'p-image-ideogram');
  });

  it('keeps p-image when the user says so, and does not ask for prompts without words', async () => {
    answer('a bakery banner that says "FRESH BREAD"', false);
    await vscode.commands.executeCommand('pruna.generateImage');
    assert.equal(await lastModel(), 'p-image');
    restores.splice(0).forEach((restore) => restore());
    const titles = answer('a loaf of bread on a table', true);
    await vscode.commands.executeCommand('pruna.generateImage');
    assert.equal(await lastModel(), 'p-image');
    assert.ok(!titles.some((t) => /words/.test(t)), 'no question without words');
  });
});

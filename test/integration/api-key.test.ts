// The key flow: SecretStorage first, PRUNA_API_KEY as fallback, no key -> an offer to set one before anything is
// sent, a rejected key (401) -> a message with "Set API Key". The key itself never shows up in a message.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SIMULATOR_KEY, useSimulator } from './support/simulator';
import { deletePath, stub } from './support/workspace';

const OUT = 'key-test-out';

function postCount(requests: { method: string; path: string }[]): number {
  return requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').length;
}

describe('the API key', function () {
  const sim = useSimulator({ timeScale: 0.05 });
  const restores: (() => void)[] = [];
  const generate = (prompt = 'key test') =>
    Promise.resolve(vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt, seed: 1, aspectRatio: '1:1', outputFolder: OUT }));

  before(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });
  beforeEach(async () => {
    restores.push(stub(vscode.window, 'showInformationMessage', (async () => undefined) as unknown as typeof vscode.window.showInformationMessage));
    await vscode.commands.executeCommand('pruna.clearApiKey');
  });
  afterEach(async () => {
    restores.splice(0).forEach((restore) => restore());
    process.env.PRUNA_API_KEY = SIMULATOR_KEY;
    await vscode.commands.executeCommand('pruna.clearApiKey');
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(OUT);
  });

  it('falls back to the PRUNA_API_KEY environment variable when none is stored', async () => {
    const uri = await generate('env key');
    assert.ok(uri);
    assert.equal(sim().requests.at(-1)?.headers['apikey'] !== undefined, true);
    assert.ok(sim().requests.every((r) => r.headers['apikey'] === undefined || r.headers['apikey'] === SIMULATOR_KEY));
  });

  it('uses the stored key over the environment variable', async () => {
    process.env.PRUNA_API_KEY = 'environment-key-that-is-wrong';
    await vscode.commands.executeCommand('pruna.setApiKey', { key: `  ${SIMULATOR_KEY}  ` });
    const uri = await generate('stored key');
    assert.ok(uri, 'the trimmed stored key is accepted by the simulator');
  });

  it('stores a key typed into a password box', async () => {
    delete process.env.PRUNA_API_KEY;
    let options: vscode.InputBoxOptions | undefined;
    restores.push(
      stub(vscode.window, 'showInputBox', async (o?: vscode.InputBoxOptions) => {
        options = o;
        return SIMULATOR_KEY;
      }),
    );
    await vscode.commands.executeCommand('pruna.setApiKey');
    assert.equal(options?.password, true, 'the key is typed into a password box');
    assert.equal(options?.validateInput?.('has a space'), 'The API key may not contain spaces or special characters: paste only the key itself.');
    assert.ok(await generate('typed key'));
  });

  it('rejects a malformed key given as argument and keeps the previous one', async () => {
    await vscode.commands.executeCommand('pruna.setApiKey', { key: SIMULATOR_KEY });
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.setApiKey', { key: 'short' })), /too short/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.setApiKey', { token: 'abc' })), /unknown argument "token"/);
    delete process.env.PRUNA_API_KEY;
    assert.ok(await generate('kept key'), 'the earlier key still works');
  });

  it('with no key at all, rejects before sending anything, says how to set one and offers to', async () => {
    delete process.env.PRUNA_API_KEY;
    const offered: string[][] = [];
    restores.push(stub(vscode.window, 'showErrorMessage', (async (_m: string, ...items: string[]) => {
      offered.push(items);
      return undefined;
    }) as unknown as typeof vscode.window.showErrorMessage));
    const before = sim().requests.length;
    await assert.rejects(generate('no key'), (e: Error & { kind?: string }) => {
      assert.equal(e.kind, 'no-api-key');
      assert.match(e.message, /Pruna: Set API Key/);
      assert.match(e.message, /PRUNA_API_KEY/);
      return true;
    });
    assert.equal(sim().requests.length, before, 'no request without a key');
    assert.ok(offered.some((items) => items.includes('Set API Key')), 'a keybinding or task user gets the action too');
  });

  it('offers "Set API Key" when an interactive command needs a key, and continues once it is set', async () => {
    delete process.env.PRUNA_API_KEY;
    const offered: string[][] = [];
    restores.push(
      stub(vscode.window, 'showWarningMessage', (async (_message: string, ...items: string[]) => {
        offered.push(items);
        return 'Set API Key';
      }) as unknown as typeof vscode.window.showWarningMessage),
      stub(vscode.window, 'showInputBox', async (o?: vscode.InputBoxOptions) => (o?.password ? SIMULATOR_KEY : 'after the key')),
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) =>
        (await items).find((i) => i.label === '1:1')) as unknown as typeof vscode.window.showQuickPick),
    );
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage');
    assert.deepEqual(offered, [['Set API Key']]);
    assert.ok(uri, 'the command went on after the key was set');
  });

  it('turns a 401 into a message with a "Set API Key" action, never showing the key', async () => {
    const badKey = 'revoked-key-123456';
    await vscode.commands.executeCommand('pruna.setApiKey', { key: badKey });
    await assert.rejects(generate('revoked'), (e: Error & { kind?: string }) => {
      assert.equal(e.kind, 'auth');
      assert.ok(!e.message.includes(badKey), 'the key is not in the error');
      return true;
    });
    const shown: { message: string; items: string[] }[] = [];
    restores.push(
      stub(vscode.window, 'showErrorMessage', (async (message: string, ...items: string[]) => {
        shown.push({ message, items });
        return undefined;
      }) as unknown as typeof vscode.window.showErrorMessage),
      stub(vscode.window, 'showInputBox', async () => 'revoked interactive'),
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) =>
        (await items).find((i) => i.label === '1:1')) as unknown as typeof vscode.window.showQuickPick),
    );
    const result = await vscode.commands.executeCommand('pruna.generateImage');
    assert.equal(result, undefined, 'the interactive command resolves quietly; the message tells the story');
    for (let i = 0; i < 40 && shown.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(shown.length, 1);
    assert.match(shown[0]!.message, /401|API key/);
    assert.ok(shown[0]!.items.includes('Set API Key'), `actions: ${shown[0]!.items.join(', ')}`);
    assert.ok(!shown[0]!.message.includes(badKey));
  });

  it('clearing the key makes requests use the environment again', async () => {
    await vscode.commands.executeCommand('pruna.setApiKey', { key: 'another-wrong-key-1' });
    await vscode.commands.executeCommand('pruna.clearApiKey');
    assert.ok(await generate('after clear'));
    assert.equal(postCount(sim().requests) > 0, true);
  });
});

// The two placeholder settings the manifest declares for the placeholders feature, and the explorer entry of
// "Generate Missing Images": declared with the defaults the feature reads, and confirmPrompt=false really skips the
// input box (the prompt proposed from the code is used as is).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeActionsOnly } from './support/codeActions';
import { useSimulator } from './support/simulator';
import { deletePath, exists, stub, writeFile } from './support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';
const ROOT = 'placeholder-settings-test';

interface ManifestSetting {
  type: string;
  default: unknown;
}

function manifest(): { contributes: { configuration: { properties: Record<string, ManifestSetting> }; menus: Record<string, { command: string; when?: string }[]> } } {
  return vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
}

describe('placeholder settings', function () {
  this.timeout(30_000);
  const sim = useSimulator({ timeScale: 0 });
  const restores: (() => void)[] = [];

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('pruna.clearApiKey');
  });
  afterEach(async () => {
    restores.splice(0).forEach((restore) => restore());
    await vscode.workspace.getConfiguration('pruna.placeholders').update('confirmPrompt', undefined, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await deletePath(ROOT);
  });

  it('declares confirmPrompt (on) and exactSize (off) with the defaults the feature reads', () => {
    const properties = manifest().contributes.configuration.properties;
    assert.deepEqual(
      ['pruna.placeholders.confirmPrompt', 'pruna.placeholders.exactSize'].map((id) => [id, properties[id]?.type, properties[id]?.default]),
      [
        ['pruna.placeholders.confirmPrompt', 'boolean', true],
        ['pruna.placeholders.exactSize', 'boolean', false],
      ],
    );
    assert.equal(vscode.workspace.getConfiguration('pruna.placeholders').get('confirmPrompt'), true);
    assert.equal(vscode.workspace.getConfiguration('pruna.placeholders').get('exactSize'), false);
  });

  it('offers "Generate Missing Images" in the explorer on folders and on documents that can refer to images', () => {
    const entry = manifest().contributes.menus['explorer/context']?.find((item) => item.command === 'pruna.generateMissingImages');
    assert.ok(entry?.when, 'pruna.generateMissingImages has an explorer/context entry with a when clause');
    assert.match(entry.when, /^explorerResourceIsFolder \|\| resourceExtname =~ \//);
    const pattern = entry.when.slice(entry.when.indexOf('/') + 1, entry.when.lastIndexOf('/'));
    const matches = (name: string) => new RegExp(pattern, 'i').test(name);
    assert.deepEqual(
      ['.md', '.markdown', '.html', '.htm', '.vue', '.svelte', '.jsx', '.tsx', '.css', '.scss', '.less'].filter((ext) => !matches(ext)),
      [],
    );
    assert.deepEqual(['.png', '.ts', '.js', '.json', '.txt'].filter(matches), []);
  });

  it('generates without showing an input box when confirmPrompt is off', async () => {
    await vscode.workspace.getConfiguration('pruna.placeholders').update('confirmPrompt', false, vscode.ConfigurationTarget.Workspace);
    const text = '# Team\n\n![a red fox in the snow](img/fox.png)\n';
    const page = await writeFile(`${ROOT}/page.md`, text);
    const inputBoxes: string[] = [];
    restores.push(
      stub(vscode.window, 'showInputBox', (async (options?: vscode.InputBoxOptions) => {
        inputBoxes.push(options?.title ?? '');
        return options?.value;
      }) as typeof vscode.window.showInputBox),
    );
    const actions = await codeActionsOnly(page, text.indexOf('img/fox.png') + 1);
    const action = actions.find((a) => a.title === 'Generate placeholder with Pruna');
    assert.ok(action?.command, 'the lightbulb offers the placeholder');
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    assert.deepEqual(inputBoxes, [], 'no input box with confirmPrompt off');
    assert.ok(await exists(`${ROOT}/img/fox.png`), 'the file is written at the referenced path');
    const posted = sim().requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions');
    assert.equal((posted.at(-1)?.body as { input?: { prompt?: string } })?.input?.prompt, 'a red fox in the snow');
  });
});

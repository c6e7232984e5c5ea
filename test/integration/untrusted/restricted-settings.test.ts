// A freshly cloned repository opens in Restricted Mode (workspace trust on, not granted). Its `.vscode/settings.json`
// must not turn the safety checker or the prompt confirmation off, raise concurrency or the request rate, or choose
// where files are written: those come from the user's settings only. The run's user settings turn trust on
// (test/tools/lib/code-server.mjs UNTRUSTED_SETTINGS).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Config, readSetting } from '../../../src/extension/config';
import type { PrunaServices } from '../../../src/extension/services';
import { useSimulator } from '../support/simulator';
import { deletePath, waitFor, writeFile } from '../support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';

const REPOSITORY_SETTINGS = {
  'pruna.disableSafetyChecker': true,
  'pruna.placeholders.confirmPrompt': false,
  'pruna.maxConcurrentJobs': 1000,
  'pruna.requestsPerMinute': 1_000_000,
  'pruna.outputFolder': 'repository-chose-this',
  // Not restricted: proves the file was read at all.
  'pruna.defaultAspectRatio': '4:3',
};

describe('an untrusted workspace', function () {
  const sim = useSimulator({ timeScale: 0.05 });
  const config = new Config();

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this run opens its folder in Restricted Mode');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    await writeFile('.vscode/settings.json', JSON.stringify(REPOSITORY_SETTINGS, null, 2));
    await waitFor(() => vscode.workspace.getConfiguration('pruna').get('defaultAspectRatio') === '4:3', 'the workspace settings to be loaded');
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath('.vscode');
    await deletePath('assets');
    config.dispose();
  });

  it('reads the restricted settings from user settings only', () => {
    assert.equal(readSetting('disableSafetyChecker'), false);
    assert.equal(readSetting('placeholders.confirmPrompt'), true);
    assert.equal(config.disableSafetyChecker(), false);
    assert.equal(config.confirmPrompt(), true);
    assert.equal(config.maxConcurrentJobs(), 4);
    assert.equal(config.requestsPerMinute(), 150);
    assert.equal(config.outputFolder(vscode.workspace.workspaceFolders![0]!.uri), 'assets/generated');
    assert.equal(config.defaultAspectRatio(), '4:3', 'an unrestricted workspace setting still applies');
  });

  it('still honours the user\'s own value of a restricted setting, clamped to its range', async () => {
    const section = vscode.workspace.getConfiguration('pruna');
    await section.update('maxConcurrentJobs', 1000, vscode.ConfigurationTarget.Global);
    await section.update('outputFolder', 'user-chose-this', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(config.maxConcurrentJobs(), 16, 'clamped to the declared maximum');
      assert.equal(config.outputFolder(vscode.workspace.workspaceFolders![0]!.uri), 'user-chose-this');
    } finally {
      await section.update('maxConcurrentJobs', undefined, vscode.ConfigurationTarget.Global);
      await section.update('outputFolder', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('generates with the safety checker on and saves where the user said', async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as PrunaServices;
    assert.equal(api.defaults().disableSafetyChecker, false, 'the panel form starts with the checker on');
    const before = sim().requests.length;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'restricted mode', seed: 8, aspectRatio: '1:1' });
    assert.equal(vscode.workspace.asRelativePath(uri, false), 'assets/generated/restricted-mode-8.png');
    const post = sim().requests.slice(before).find((r) => r.method === 'POST' && r.path === '/v1/predictions');
    const input = (post?.body as { input: Record<string, unknown> }).input;
    assert.notEqual(input.disable_safety_checker, true, 'the repository did not turn the safety checker off');
  });
});

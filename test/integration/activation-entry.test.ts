// The activation entry (dist/extension.js) registers stand-ins from the manifest and loads dist/main.js on first use;
// whatever the full extension registers must have had a stand-in, or it would be missing until something else loaded
// the rest (a keybinding to an unlisted command, an agent tool, would do nothing in a fresh window).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { standInCommandIds } from '../../src/extension/activation/standIns';
import type { PrunaApi } from '../../src/extension/main';

const EXTENSION_ID = 'pruna-community.pruna-vscode';

describe('activation entry: a stand-in for everything the full extension registers', () => {
  let api: PrunaApi;
  let manifest: Parameters<typeof standInCommandIds>[0] & { contributes?: { languageModelTools?: { name: string }[] } };

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    api = (await ext.activate()) as PrunaApi;
    manifest = ext.packageJSON;
    // Reading the API loads dist/main.js, which registers the real commands and tools.
    assert.ok(Array.isArray(api.jobs.list()));
  });

  it('has a stand-in command for every pruna.* command registered once the rest is loaded', async () => {
    const standIns = new Set(standInCommandIds(manifest));
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('pruna.'));
    assert.ok(registered.length >= standIns.size, `${registered.length} pruna.* commands registered`);
    const missing = registered.filter((id) => !standIns.has(id));
    assert.deepEqual(missing, [], `registered by dist/main.js without a stand-in at activation: ${missing.join(', ')}`);
  });

  it('has a stand-in tool for every agent tool the rest registers (the manifest lists them all)', () => {
    const listed = new Set((manifest.contributes?.languageModelTools ?? []).map((t) => t.name));
    const missing = [...api.agentTools.tools.keys()].filter((name) => !listed.has(name));
    assert.deepEqual(missing, []);
    if (vscode.lm?.tools) {
      const offered = new Set(vscode.lm.tools.map((t) => t.name));
      assert.deepEqual([...listed].filter((name) => !offered.has(name)), [], 'a contributed tool is not registered');
    }
  });

  it('hands the API through: members read from the exports are the real, working ones', () => {
    assert.equal(typeof api.defaults().disableSafetyChecker, 'boolean');
    assert.ok(Array.isArray(api.outputRoots()));
    assert.equal(typeof api.jobs.onDidChange, 'function');
  });
});

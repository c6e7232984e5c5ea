// The helpers other integration suites rely on, checked in the real host: if one of these breaks, every suite that
// uses it would fail for the wrong reason.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SIMULATOR_KEY, useSimulator } from './simulator';
import { deletePath, exists, listFiles, readText, stub, writeFile } from './workspace';

const envBefore = { base: process.env.PRUNA_API_BASE_URL, key: process.env.PRUNA_API_KEY };

describe('integration support: useSimulator', () => {
  const simulator = useSimulator({ timeScale: 0 });

  it('points the extension host environment at a running simulator that accepts the test key', async () => {
    assert.equal(process.env.PRUNA_API_BASE_URL, simulator().url);
    assert.equal(process.env.PRUNA_API_KEY, SIMULATOR_KEY);
    const withKey = await fetch(`${simulator().url}/v1/predictions/status/does-not-exist`,
      { headers: { apikey: SIMULATOR_KEY } });
    const withoutKey = await fetch(`${simulator().url}/v1/predictions/status/does-not-exist`);
    assert.notEqual(withKey.status, 401);
    assert.equal(withoutKey.status, 401);
  });
});

describe('integration support: after useSimulator', () => {
  it('restores PRUNA_API_BASE_URL and PRUNA_API_KEY to what they were', () => {
    assert.equal(process.env.PRUNA_API_BASE_URL, envBefore.base);
    assert.equal(process.env.PRUNA_API_KEY, envBefore.key);
  });
});

describe('integration support: stub', () => {
  it('replaces a vscode.window function until restored', async () => {
    const original = vscode.window.showInputBox;
    const restore = stub(vscode.window, 'showInputBox', async () => 'typed by the test');
    try {
      assert.equal(await vscode.window.showInputBox({ prompt: 'anything' }), 'typed by the test');
    } finally {
      restore();
    }
    assert.equal(vscode.window.showInputBox, original);
  });
});

describe('integration support: workspace files', () => {
  after(() => deletePath('support-probe'));

  it('writes, lists, reads and deletes files in the workspace folder', async () => {
    await writeFile('support-probe/nested/a.txt', 'hello');
    await writeFile('support-probe/nested/b.bin', new Uint8Array([1, 2, 3]));
    assert.deepEqual(await listFiles('support-probe/nested'), ['support-probe/nested/a.txt', 'support-probe/nested/b.bin']);
    assert.equal(await readText('support-probe/nested/a.txt'), 'hello');
    await deletePath('support-probe/nested/a.txt');
    assert.equal(await exists('support-probe/nested/a.txt'), false);
    assert.equal(await exists('support-probe/nested/b.bin'), true);
  });

  it('treats deleting a missing path as done', async () => {
    await deletePath('support-probe/never-created.txt');
  });
});

// Loading and using the extension changes nothing process-wide in the extension host it shares with every other
// extension: undici's global dispatcher symbols, global fetch and the https/http global agents are recorded when this
// file loads (mocha loads every suite before running any, so before the first Pruna command activates the extension)
// and must be the very same after activation and after a finished job.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as nodeHttp from 'node:http';
import * as nodeHttps from 'node:https';
import { join } from 'node:path';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { useSimulator } from './support/simulator';
import { deletePath } from './support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';
const DISPATCHER_1 = Symbol.for('undici.globalDispatcher.1');
const DISPATCHER_2 = Symbol.for('undici.globalDispatcher.2');

interface GlobalState {
  dispatcher1: PropertyDescriptor | undefined;
  dispatcher2: PropertyDescriptor | undefined;
  fetch: unknown;
  httpsAgent: unknown;
  httpAgent: unknown;
}

function record(): GlobalState {
  return {
    dispatcher1: Object.getOwnPropertyDescriptor(globalThis, DISPATCHER_1),
    dispatcher2: Object.getOwnPropertyDescriptor(globalThis, DISPATCHER_2),
    fetch: globalThis.fetch,
    httpsAgent: nodeHttps.globalAgent,
    httpAgent: nodeHttp.globalAgent,
  };
}

function assertUnchanged(before: GlobalState, when: string): void {
  const now = record();
  // Same descriptor: a dispatcher that was absent stays absent, one that was there is the same object.
  assert.deepEqual(now.dispatcher1, before.dispatcher1, `globalThis[Symbol.for('undici.globalDispatcher.1')] changed ${when}`);
  assert.deepEqual(now.dispatcher2, before.dispatcher2, `globalThis[Symbol.for('undici.globalDispatcher.2')] changed ${when}`);
  assert.equal(now.fetch, before.fetch, `globalThis.fetch changed ${when}`);
  assert.equal(now.httpsAgent, before.httpsAgent, `https.globalAgent changed ${when}`);
  assert.equal(now.httpAgent, before.httpAgent, `http.globalAgent changed ${when}`);
}

const atLoad = record();
const activeAtLoad = vscode.extensions.getExtension(EXTENSION_ID)?.isActive;

describe('nothing global: the shared extension host is left as it was', function () {
  this.timeout(30_000);
  useSimulator({ timeScale: 0 });
  const OUT = 'globals-test-out';

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(OUT);
  });

  it('was recorded before the extension was loaded', () => {
    assert.equal(activeAtLoad, false, 'the extension was already active when the suites loaded: the record proves nothing');
    console.log(`  (undici global dispatcher at load: ${atLoad.dispatcher1 ? 'defined by the host' : 'absent'})`);
  });

  // Both bundles: the activation entry, and the rest of the extension that it requires on first use.
  for (const bundle of ['extension.js', 'main.js']) {
    it(`defines no undici global even where none exists yet: dist/${bundle}, loaded in a fresh realm, leaves that realm alone`, () => {
      // This host already has a global dispatcher (VS Code's own fetch set it), and undici only defines one when there
      // is none; a fresh realm shows what loading the bundle would do in a host that has none yet.
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      const file = join(extension.extensionPath, 'dist', bundle);
      // The host's globals (process, timers, web streams...) without its symbol-keyed ones; the realm's own intrinsics.
      const realm = vm.createContext({});
      const own = vm.runInContext('globalThis', realm) as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(globalThis)) {
        if (!(name in own)) own[name] = (globalThis as Record<string, unknown>)[name];
      }
      const load = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, realm, { filename: file });
      const requireFromBundle = createRequire(file);
      const module = { exports: {} as Record<string, unknown> };
      load(module.exports, (id: string) => (id === 'vscode' ? vscode : requireFromBundle(id)), module, file, join(file, '..'));
      assert.equal(typeof module.exports[bundle === 'main.js' ? 'start' : 'activate'], 'function', 'the bundle loaded');
      const globals = vm.runInContext('globalThis', realm) as object;
      assert.equal(Object.getOwnPropertyDescriptor(globals, DISPATCHER_1), undefined, `loading dist/${bundle} defined undici.globalDispatcher.1`);
      assert.equal(Object.getOwnPropertyDescriptor(globals, DISPATCHER_2), undefined, `loading dist/${bundle} defined undici.globalDispatcher.2`);
    });
  }

  it('leaves the dispatcher symbols, fetch and the global agents as they were after activation', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    assertUnchanged(atLoad, 'by loading and activating the extension');
  });

  it('leaves them as they were after a finished job', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'globals', seed: 5, aspectRatio: '1:1', outputFolder: OUT });
    assert.ok((await vscode.workspace.fs.stat(uri)).size > 0);
    assertUnchanged(atLoad, 'by a finished job');
  });
});

// The Hugging Face token for private LoRA weights, in the real host against the simulator (whose `private-…` repos
// need its token): "Pruna: Set Hugging Face Token" keeps it in SecretStorage; a style on huggingface.co sends it in
// the POST body (to the P-API only); Regenerate sends it again from the store; without it the failure says to set it;
// and the token is in no job record, recipe, log line or message to the Studio.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ApiKeyStore } from '../../src/extension/apiKey';
import { Config } from '../../src/extension/config';
import { assertReadableInput } from '../../src/extension/fileSystem';
import { LastTextEditor } from '../../src/extension/insert/insertReference';
import { JobManager } from '../../src/extension/jobs/jobManager';
import { JobStore } from '../../src/extension/jobs/jobStore';
import { createServices } from '../../src/extension/prunaServices';
import { RecipeStore } from '../../src/extension/recipes/recipeStore';
import { Runtime } from '../../src/extension/runtime';
import { Saver } from '../../src/extension/saving/saver';
import { createStudioCatalog } from '../../src/extension/studio/catalog';
import { StudioController } from '../../src/extension/studio/controller';
import type { Simulator } from '../simulator/index';
import { useSimulator } from './support/simulator';
import { deletePath, exists, readText, stub, waitFor, workspaceUri, writeFile } from './support/workspace';

const DIR = 'hf-token-test';
const TOKEN = 'hf_sim_token';
const PRIVATE = 'huggingface.co/someone/private-ink';

function posts(sim: Simulator): Record<string, unknown>[] {
  return sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').map((r) => (r.body as { input: Record<string, unknown> }).input);
}

/** SecretStorage in memory, per key (the real one is the extension's; this stack is the test's own). */
function memorySecrets(values: Record<string, string>): vscode.SecretStorage {
  return {
    get: async (key: string) => values[key],
    store: async (key: string, value: string) => void (values[key] = value),
    delete: async (key: string) => void delete values[key],
    keys: async () => Object.keys(values),
    onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
  } as unknown as vscode.SecretStorage;
}

class MemoryState implements vscode.Memento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

/** Every line the "Pruna" log channel would get. */
function captureLog(lines: string[]): vscode.LogOutputChannel {
  const record = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { info: record('info'), warn: record('warn'), error: record('error'), debug: record('debug'), trace: record('trace') } as unknown as vscode.LogOutputChannel;
}

/** Records what the host posts to the panel, as JSON. */
class RecordingWebview {
  readonly posted: string[] = [];
  private readonly receive = new vscode.EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.receive.event;
  readonly cspSource = 'https://webview.test';
  private nextId = 1;
  private waiting = new Map<number, (body: unknown) => void>();
  async postMessage(message: unknown): Promise<boolean> {
    this.posted.push(JSON.stringify(message));
    const envelope = message as { replyTo?: number; body: unknown };
    if (envelope.replyTo !== undefined) this.waiting.get(envelope.replyTo)?.(envelope.body);
    return true;
  }
  asWebviewUri(uri: vscode.Uri): vscode.Uri {
    return vscode.Uri.parse(`https://webview.test${uri.path}`);
  }
  ask(body: unknown): Promise<unknown> {
    const id = this.nextId++;
    const reply = new Promise<unknown>((resolve) => this.waiting.set(id, resolve));
    this.receive.fire({ id, body });
    return reply;
  }
}

describe('Hugging Face token for private LoRA weights', function () {
  const sim = useSimulator({ timeScale: 0.02, pollIntervalHeader: 0.1 });
  let stylesBefore: string | undefined;

  before(async () => {
    // A key stored by an earlier suite would win over the simulator's (PRUNA_API_KEY).
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    stylesBefore = (await exists('.pruna/styles.json')) ? await readText('.pruna/styles.json') : undefined;
    await writeFile('.pruna/styles.json', JSON.stringify({ styles: [
      { name: 'Private Ink', weights: PRIVATE, scale: 0.7, trigger: 'inkwash style', private: true },
      // The same weights, not marked private: only the model finds out (401) that they need the token.
      { name: 'Unmarked Ink', weights: PRIVATE, scale: 0.7 },
    ] }));
  });
  after(async () => {
    await vscode.commands.executeCommand('pruna.clearHuggingFaceToken');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(DIR);
    if (stylesBefore === undefined) await deletePath('.pruna/styles.json');
    else await writeFile('.pruna/styles.json', stylesBefore);
  });

  it('sends the token set by the command with a private style, again on Regenerate, and nowhere else', async function () {
    this.timeout(60_000);
    assert.equal(await vscode.commands.executeCommand('pruna.setHuggingFaceToken', { token: ` ${TOKEN} ` }), true);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.run', { model: 'p-image', style: 'Private Ink', input: { prompt: 'a heron' }, outputFolder: `${DIR}/out` });
    assert.ok(uri instanceof vscode.Uri, 'the private weights were read: the run saved its image');
    const first = posts(sim()).at(-1)!;
    assert.equal(first.lora_weights, PRIVATE);
    assert.equal(first.hf_api_token, TOKEN, 'the token is a field of the POST body');
    // Only the P-API got it: every request went to the simulator, none carried it in a header or a path.
    for (const r of sim().requests) {
      assert.ok(!r.path.includes(TOKEN) && !JSON.stringify(r.headers).includes(TOKEN), `${r.method} ${r.path}`);
    }

    const recipes = await readText('.pruna/recipes.json');
    assert.ok(recipes.includes(PRIVATE), 'the recipe names the weights');
    assert.ok(!recipes.includes(TOKEN), 'but not the token');
    const api = vscode.extensions.getExtension('pruna-community.pruna-vscode')?.exports as { jobs: { list(): unknown[] } } | undefined;
    assert.ok(api, 'the extension is active and returns its services');
    assert.ok(api.jobs.list().length > 0);
    assert.ok(!JSON.stringify(api.jobs.list()).includes(TOKEN), 'the job list (what the Studio shows) has no token');
    if (await exists('.pruna/jobs-in-flight')) assert.ok(!(await readText('.pruna/jobs-in-flight')).includes(TOKEN));

    const before = posts(sim()).length;
    const again = await vscode.commands.executeCommand<vscode.Uri>('pruna.regenerate', { file: uri, seed: 'same' });
    assert.ok(again instanceof vscode.Uri);
    const replay = posts(sim()).slice(before);
    assert.equal(replay.length, 1);
    assert.equal(replay[0]!.hf_api_token, TOKEN, 'Regenerate reads the token from SecretStorage again');
    assert.ok(!(await readText('.pruna/recipes.json')).includes(TOKEN));
  });

  it('without a token, a private style is refused before anything is sent; unmarked private weights fail with the hint', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('pruna.clearHuggingFaceToken');
    const requestsBefore = sim().requests.length;
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-image', style: 'Private Ink', input: { prompt: 'a heron' }, outputFolder: `${DIR}/out` })),
      /Style "Private Ink" uses private weights.*Pruna: Set Hugging Face Token/s,
    );
    assert.equal(sim().requests.length, requestsBefore, 'refused before any request');
    const before = posts(sim()).length;
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-image', style: 'Unmarked Ink', input: { prompt: 'a heron' }, outputFolder: `${DIR}/out` })),
      /401 Client Error.*Pruna: Set Hugging Face Token/s,
    );
    const sent = posts(sim()).slice(before);
    assert.equal(sent.length, 1, 'one POST, not retried');
    assert.equal(sent[0]!.hf_api_token, undefined);
  });

  it('asks for the token in a password box, refuses a malformed one without repeating it, and uses the one typed', async function () {
    this.timeout(60_000);
    let options: vscode.InputBoxOptions | undefined;
    const restore = stub(vscode.window, 'showInputBox', (async (o?: vscode.InputBoxOptions) => {
      options = o;
      return TOKEN;
    }) as typeof vscode.window.showInputBox);
    try {
      assert.equal(await vscode.commands.executeCommand('pruna.setHuggingFaceToken'), true);
    } finally {
      restore();
    }
    assert.equal(options?.password, true, 'typed into a password box');
    const validate = options?.validateInput as (v: string) => string | undefined;
    assert.equal(validate(TOKEN), undefined);
    for (const bad of ['', 'hf_x', 'hf_has spaces_1234567']) assert.ok(validate(bad), JSON.stringify(bad));
    assert.ok(!String(validate('hf_has spaces_1234567')).includes('spaces_1234567'), 'the message never repeats the value');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.setHuggingFaceToken', { token: 'hf_has spaces_1234567' })), (e: Error) => !e.message.includes('spaces_1234567'));
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.setHuggingFaceToken', { tokn: TOKEN })), /tokn/);
    const before = posts(sim()).length;
    await vscode.commands.executeCommand('pruna.run', { model: 'p-image', style: 'Private Ink', input: { prompt: 'an egret' }, outputFolder: `${DIR}/out` });
    assert.equal(posts(sim()).slice(before)[0]?.hf_api_token, TOKEN, 'the typed token, read at the POST');
    // Cleared: the next private-style run is refused before any request.
    await vscode.commands.executeCommand('pruna.clearHuggingFaceToken');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-image', style: 'Private Ink', input: { prompt: 'x' } })), /Set Hugging Face Token/);
  });

  it('keeps the token out of the job store, the log and the Studio’s messages (the activate() stack, its own state)', async function () {
    this.timeout(60_000);
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'pruna-hf-'));
    const lines: string[] = [];
    const log = captureLog(lines);
    const workspaceState = new MemoryState();
    const globalState = new MemoryState();
    const config = new Config();
    const keys = new ApiKeyStore(memorySecrets({ 'pruna.apiKey': 'test-key' }));
    await keys.setHfToken(TOKEN);
    const runtime = new Runtime(config, keys, log, vscode.Uri.file(storage), globalState);
    const recipes = new RecipeStore({ globalState, warn: (m) => lines.push(`warn ${m}`) });
    const jobs = new JobManager({ store: new JobStore(workspaceState, (m) => log.warn(m)), engine: () => runtime.engine(), saver: new Saver(), recipes, log });
    const editors = new LastTextEditor();
    const services = createServices({ config, keys, jobs, recipes, editors, log, checkFile: (p) => assertReadableInput(p).then(() => runtime.client.checkFile(p)) });
    const webview = new RecordingWebview();
    const controller = new StudioController(webview as unknown as vscode.Webview, services, createStudioCatalog(), { warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) }, () => [workspaceUri(DIR)], workspaceUri(`${DIR}/drops`));
    try {
      await webview.ask({ type: 'ready', inputs: [] });
      const reply = (await webview.ask({ type: 'run', form: { model: 'p-image-lora', prompt: 'inkwash style, a crane', params: { lora_weights: PRIVATE, lora_scale: 0.7 }, images: [], count: 1 } })) as { ok?: boolean };
      assert.equal(reply.ok, true, JSON.stringify(reply));
      const job = await waitFor(() => services.jobs.list().find((j) => j.state === 'saved' || j.state === 'failed'), 'the Studio’s run to end', 30_000);
      assert.equal(job.state, 'saved', JSON.stringify(job));
      await jobs.flush();
      assert.equal(posts(sim()).at(-1)!.hf_api_token, TOKEN, 'the Studio’s run sent the token');
      // Let the panel get its last job and gallery updates.
      await new Promise((r) => setTimeout(r, 500));
      const stored = JSON.stringify([...workspaceState.values.entries()]);
      assert.ok(stored.includes(PRIVATE) && !stored.includes(TOKEN), 'the job store keeps the weights, not the token');
      assert.ok(!JSON.stringify([...globalState.values.entries()]).includes(TOKEN));
      assert.ok(lines.some((l) => l.includes('POST /v1/predictions')), lines.join('\n'));
      assert.ok(lines.every((l) => !l.includes(TOKEN)), 'no log line has the token');
      assert.ok(webview.posted.length > 2 && webview.posted.every((m) => !m.includes(TOKEN)), 'no message to the Studio has the token');
      assert.ok(!(await readText('.pruna/recipes.json')).includes(TOKEN));
    } finally {
      controller.dispose();
      jobs.dispose();
      recipes.dispose();
      editors.dispose();
      runtime.dispose();
      keys.dispose();
      config.dispose();
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });
});

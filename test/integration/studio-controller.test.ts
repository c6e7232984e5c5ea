// The Studio's host side inside a real extension host, talking to a fake webview and a fake PrunaServices: every
// message from the (untrusted) panel is checked before it reaches the shell, and the panel gets answers it can show.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createStudioCatalog } from '../../src/extension/studio/catalog';
import { StudioController } from '../../src/extension/studio/controller';
import type { JobView, PrunaServices, RunRequest, SavedItem } from '../../src/extension/services';
import { parseToWebview, type Envelope, type ToWebview } from '../../src/shared/protocol';
import { encodePng } from '../simulator/png';
import { deletePath, workspaceUri, writeFile } from './support/workspace';

const DIR = 'studio-controller-test';

class FakeWebview {
  readonly posted: Envelope<ToWebview>[] = [];
  private readonly receive = new vscode.EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.receive.event;
  readonly cspSource = 'https://webview.test';
  private waiters: { match: (e: Envelope<ToWebview>) => boolean; resolve: (e: Envelope<ToWebview>) => void }[] = [];

  async postMessage(message: unknown): Promise<boolean> {
    // Everything the host posts must be something the webview's types describe.
    const parsed = parseToWebview(JSON.parse(JSON.stringify(message)));
    if (!parsed.ok) throw new Error(`host posted an invalid message: ${parsed.error}`);
    this.posted.push(parsed.envelope);
    this.waiters = this.waiters.filter((w) => (w.match(parsed.envelope) ? (w.resolve(parsed.envelope), false) : true));
    return true;
  }

  asWebviewUri(uri: vscode.Uri): vscode.Uri {
    return vscode.Uri.parse(`https://webview.test${uri.path}`);
  }

  private nextId = 100;
  /** Sends a raw message as the panel would and resolves with the host's reply to it. */
  async ask(body: unknown): Promise<ToWebview> {
    const id = this.nextId++;
    const reply = new Promise<Envelope<ToWebview>>((resolve) => this.waiters.push({ match: (e) => e.replyTo === id, resolve }));
    this.receive.fire({ id, body });
    return (await reply).body;
  }

  sendRaw(raw: unknown): void {
    this.receive.fire(raw);
  }
}

function fakeServices(gallery: SavedItem[]) {
  const changed = new vscode.EventEmitter<void>();
  const jobs: JobView[] = [];
  const runs: RunRequest[] = [];
  const inserted: vscode.Uri[] = [];
  let refuse: Error | undefined;
  const services: PrunaServices = {
    jobs: {
      onDidChange: changed.event,
      list: () => jobs,
      run: async (request) => {
        runs.push(request);
        if (refuse) throw refuse;
        jobs.push({ id: `job-${runs.length}`, model: request.model, kind: 'edit', prompt: request.prompt, state: 'queued', startedAt: 1, outputs: [] });
        changed.fire();
        return [];
      },
      cancel: () => undefined,
      retry: async (id) => {
        throw new Error(`Job ${id} is no longer in the list; start it again from its command.`);
      },
      resume: async (id) => {
        throw new Error(`Job ${id} is no longer in the list; start it again from its command.`);
      },
    },
    gallery: { onDidChange: new vscode.EventEmitter<void>().event, list: async () => gallery },
    insertReference: async (file) => {
      inserted.push(file);
    },
    referenceFor: async (_document, file) => file.path,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    outputRoots: () => [workspaceUri(`${DIR}/out`)],
    defaults: () => ({ disableSafetyChecker: false, defaultAspectRatio: '16:9', seed: 'random' }),
  };
  return { services, runs, inserted, refuseWith: (e: Error) => (refuse = e) };
}

describe('Studio host: messages from the panel', () => {
  let png: vscode.Uri;
  let fakePng: vscode.Uri;
  let generated: SavedItem;
  let webview: FakeWebview;
  let fake: ReturnType<typeof fakeServices>;
  let controller: StudioController;
  const warnings: string[] = [];

  before(async () => {
    const row = Buffer.alloc(30 * 3, 200);
    png = await writeFile(`${DIR}/in/photo.png`, encodePng(30, 20, () => row));
    fakePng = await writeFile(`${DIR}/in/notes.png`, 'this is text, not an image');
    const output = await writeFile(`${DIR}/out/fox.png`, encodePng(30, 20, () => row));
    generated = {
      uri: output,
      recipe: {
        model: 'p-image-edit',
        prompt: 'a fox',
        seed: 77,
        input: { prompt: 'a fox', seed: 77, images: ['https://api.test/v1/files/expired'], turbo: false },
        sources: [png.toString()],
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      // Written by this installation: replayed without a confirmation (a foreign recipe asks first).
      writtenHere: true,
    };
  });
  after(() => deletePath(DIR));

  beforeEach(async () => {
    webview = new FakeWebview();
    fake = fakeServices([generated]);
    warnings.length = 0;
    controller = new StudioController(
      webview as unknown as vscode.Webview,
      fake.services,
      createStudioCatalog(),
      { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
      () => fake.services.outputRoots(),
      workspaceUri(`${DIR}/drops`),
    );
  });
  afterEach(() => controller.dispose());

  it('answers ready with the model catalog, the defaults, the gallery and the restored inputs', async () => {
    const init = await webview.ask({ type: 'ready', inputs: [png.toString(), 'file:///nowhere/gone.png'] });
    assert.equal(init.type, 'init');
    if (init.type !== 'init') return;
    assert.deepEqual(init.models.map((m) => m.id).slice(0, 3), ['p-image', 'p-image-edit', 'p-video']);
    assert.equal(init.models.find((m) => m.id === 'p-image-edit')?.images.max, 5);
    assert.equal(init.defaults.defaultAspectRatio, '16:9');
    assert.equal(init.gallery[0]?.thumbnail, `https://webview.test${generated.uri.path}`, 'outputs load through the webview URI');
    assert.deepEqual(init.inputs.map((i) => i.name), ['photo.png'], 'a restored input that no longer exists is dropped');
  });

  it('answers a malformed message with an error and touches nothing', async () => {
    const reply = await webview.ask({ type: 'run', form: { model: 'p-image', prompt: 'x', params: {}, images: [], count: 99 } });
    assert.equal(reply.type, 'error');
    assert.match(reply.type === 'error' ? reply.message : '', /form\.count/);
    assert.equal(fake.runs.length, 0);
    webview.sendRaw('not even an envelope');
    assert.ok(warnings.some((w) => /Malformed message envelope/.test(w)), 'an envelope without an id is logged');
  });

  it('describes a dropped image with its pixel size and refuses text named .png', async () => {
    const reply = await webview.ask({ type: 'addInputs', values: [png.toString(), fakePng.fsPath] });
    assert.equal(reply.type, 'inputsAdded');
    if (reply.type !== 'inputsAdded') return;
    assert.deepEqual(reply.inputs.map((i) => [i.name, i.width, i.height]), [['photo.png', 30, 20]]);
    assert.match(reply.inputs[0]!.thumbnail ?? '', /^data:image\/png;base64,/, 'outside the resource roots: an inline thumbnail');
    assert.equal(reply.rejected.length, 1);
    assert.match(reply.rejected[0]!.reason, /does not contain a PNG, JPEG or WebP image/);
  });

  it('keeps an image dropped from the OS as a private copy and checks it like any file', async () => {
    const row = Buffer.alloc(8 * 3, 90);
    const reply = await webview.ask({ type: 'addFileData', name: 'from desktop.png', data: encodePng(8, 6, () => row).toString('base64') });
    assert.ok(reply.type === 'inputsAdded');
    assert.deepEqual(reply.inputs.map((i) => [i.name, i.width, i.height]), [['from desktop.png', 8, 6]]);
    assert.ok(reply.inputs[0]!.source.startsWith(workspaceUri(`${DIR}/drops`).toString()), reply.inputs[0]!.source);
    const refused = await webview.ask({ type: 'addFileData', name: 'evil.png', data: Buffer.from('MZ not an image').toString('base64') });
    assert.ok(refused.type === 'inputsAdded' && refused.inputs.length === 0 && refused.rejected.length === 1);
  });

  it('refuses an input that is a symbolic link out of the workspace, before reading it for a preview', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pruna-outside-'));
    const secret = path.join(outside, 'private.png');
    fs.writeFileSync(secret, encodePng(4, 4, () => Buffer.alloc(12, 9)));
    const link = path.join(workspaceUri(`${DIR}/in`).fsPath, 'linked.png');
    fs.symlinkSync(secret, link, 'file');
    try {
      const reply = await webview.ask({ type: 'addInputs', values: [vscode.Uri.file(link).toString(), png.toString()] });
      assert.ok(reply.type === 'inputsAdded');
      assert.deepEqual(reply.inputs.map((i) => i.name), ['photo.png'], 'the real image in the workspace is listed');
      assert.equal(reply.rejected.length, 1);
      assert.match(reply.rejected[0]!.reason, /^Not read: .*linked\.png.*symbolic link/s);
    } finally {
      fs.rmSync(link, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses plain http URLs as inputs', async () => {
    const reply = await webview.ask({ type: 'addUrl', url: 'http://example.com/a.png' });
    assert.ok(reply.type === 'inputsAdded' && reply.rejected[0]?.reason.includes('https'));
  });

  it('puts a field error beside the width instead of sending an impossible size', async () => {
    const reply = await webview.ask({
      type: 'run',
      form: { model: 'p-image', prompt: 'a fox', params: { aspect_ratio: 'custom', width: 1000, height: 512 }, images: [], count: 1 },
    });
    assert.equal(reply.type, 'runResult');
    if (reply.type !== 'runResult') return;
    assert.equal(reply.ok, false);
    assert.deepEqual(Object.keys(reply.fields ?? {}), ['width']);
    assert.equal(fake.runs.length, 0);
  });

  it('hands a valid run to the shell with the images in their order', async () => {
    const reply = await webview.ask({
      type: 'run',
      form: { model: 'p-image-edit', prompt: 'night', params: { turbo: false, seed: 5 }, images: [png.toString(), 'https://example.com/b.png'], count: 2 },
    });
    assert.deepEqual(reply, { type: 'runResult', ok: true });
    assert.deepEqual(fake.runs, [
      { model: 'p-image-edit', prompt: 'night', params: { turbo: false, seed: 5 }, images: [png.toString(), 'https://example.com/b.png'], count: 2 },
    ]);
  });

  it('says why the shell refused a run that never became a job', async () => {
    fake.refuseWith(new Error('No Pruna API key is set.'));
    const reply = await webview.ask({ type: 'run', form: { model: 'p-image', prompt: 'a fox', params: {}, images: [], count: 1 } });
    assert.deepEqual(reply, { type: 'runResult', ok: false, message: 'No Pruna API key is set.' });
  });

  it('says why a retry could not start', async () => {
    const reply = await webview.ask({ type: 'retryJob', jobId: 'gone' });
    assert.deepEqual(reply, { type: 'runResult', ok: false, message: 'Job gone is no longer in the list; start it again from its command.' });
  });

  it('only acts on files the gallery listed', async () => {
    await webview.ask({ type: 'ready', inputs: [] });
    const refused = await webview.ask({ type: 'galleryAction', action: 'insert', uri: png.toString() });
    assert.equal(refused.type, 'error');
    assert.equal(fake.inserted.length, 0);
    const done = await webview.ask({ type: 'galleryAction', action: 'insert', uri: generated.uri.toString() });
    assert.equal(done.type, 'ack');
    assert.deepEqual(fake.inserted.map(String), [generated.uri.toString()]);
  });

  it('regenerates from the recipe with the same seed, re-uploading the original sources', async () => {
    await webview.ask({ type: 'ready', inputs: [] });
    const reply = await webview.ask({ type: 'regenerate', uri: generated.uri.toString(), seed: 'same' });
    assert.deepEqual(reply, { type: 'runResult', ok: true });
    assert.deepEqual(fake.runs[0], { model: 'p-image-edit', prompt: 'a fox', params: { turbo: false, seed: 77 }, images: [png.toString()] });
  });
});

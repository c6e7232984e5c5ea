// The Studio with a model that takes a video (p-video-animate), in the real extension host with the real services
// against the simulator: the catalog the panel receives describes the model's file inputs, "Choose…" checks the picked
// file is a video, the panel's own form logic builds the run, and the run saves an mp4.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PrunaServices } from '../../src/extension/services';
import { createStudioCatalog } from '../../src/extension/studio/catalog';
import { StudioController } from '../../src/extension/studio/controller';
import { parseToWebview, type Envelope, type ModelInfo, type ToWebview } from '../../src/shared/protocol';
import { buildRun, initialForm } from '../../src/webview/form';
import { renderVideo } from '../simulator/outputs';
import { encodePng } from '../simulator/png';
import { useSimulator } from './support/simulator';
import { deletePath, readBytes, stub, waitFor, workspaceUri, writeFile } from './support/workspace';

const DIR = 'studio-any-model-test';

class FakeWebview {
  private readonly receive = new vscode.EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.receive.event;
  readonly cspSource = 'https://webview.test';
  private waiters: { id: number; resolve: (e: Envelope<ToWebview>) => void }[] = [];
  private nextId = 1;

  async postMessage(message: unknown): Promise<boolean> {
    const parsed = parseToWebview(JSON.parse(JSON.stringify(message)));
    if (!parsed.ok) throw new Error(`host posted an invalid message: ${parsed.error}`);
    const envelope = parsed.envelope;
    this.waiters = this.waiters.filter((w) => (w.id === envelope.replyTo ? (w.resolve(envelope), false) : true));
    return true;
  }

  asWebviewUri(uri: vscode.Uri): vscode.Uri {
    return vscode.Uri.parse(`https://webview.test${uri.path}`);
  }

  async ask(body: unknown): Promise<ToWebview> {
    const id = this.nextId++;
    const reply = new Promise<Envelope<ToWebview>>((resolve) => this.waiters.push({ id, resolve }));
    this.receive.fire({ id, body });
    return (await reply).body;
  }
}

describe('Studio with any model (a video input)', function () {
  useSimulator({ timeScale: 0.01, pollIntervalHeader: 0.1 });
  const restores: (() => void)[] = [];
  let services: PrunaServices;
  let controller: StudioController;
  let webview: FakeWebview;
  let video: vscode.Uri;
  let photo: vscode.Uri;

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    const ext = vscode.extensions.getExtension('pruna-community.pruna-vscode')!;
    services = (await ext.activate()) as PrunaServices;
    video = await writeFile(`${DIR}/in/dance.mp4`, renderVideo('dance', 4, 2));
    photo = await writeFile(`${DIR}/in/subject.png`, encodePng(48, 64, () => Buffer.alloc(48 * 3, 140)));
  });
  beforeEach(() => {
    webview = new FakeWebview();
    controller = new StudioController(webview as unknown as vscode.Webview, services, createStudioCatalog(), { warn: () => undefined, error: () => undefined }, () => [], workspaceUri(`${DIR}/drops`));
  });
  afterEach(() => {
    controller.dispose();
    restores.splice(0).forEach((restore) => restore());
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(DIR);
  });

  async function animateModel(): Promise<ModelInfo> {
    const init = await webview.ask({ type: 'ready', inputs: [] });
    assert.equal(init.type, 'init');
    if (init.type !== 'init') throw new Error('no init');
    assert.equal(init.models.length, 28, 'the panel offers every model');
    return init.models.find((m) => m.id === 'p-video-animate')!;
  }

  it('describes the model’s file inputs and checks that the picked file is a video', async () => {
    const model = await animateModel();
    assert.equal(model.imagesField, 'image', 'the input list fills the subject image');
    assert.deepEqual(model.files?.map((f) => [f.field, f.media, f.required]), [['video', ['video'], true]]);
    assert.equal(model.prompt, 'none');
    assert.ok(model.options.some((o) => o.field === 'target_fps' && o.type === 'enum' && o.values?.includes('original')), 'enums are selects');
    restores.push(stub(vscode.window, 'showOpenDialog', async () => [photo]));
    const refused = await webview.ask({ type: 'pickFile', model: 'p-video-animate', field: 'video' });
    assert.ok(refused.type === 'filesPicked' && refused.files.length === 0 && /not a video/.test(refused.rejected[0]!.reason), JSON.stringify(refused));
  });

  it('builds the run with the panel’s form logic and saves an mp4', async function () {
    this.timeout(60_000);
    const model = await animateModel();
    let filters: Record<string, string[]> | undefined;
    restores.push(stub(vscode.window, 'showOpenDialog', async (options?: vscode.OpenDialogOptions) => {
      filters = options?.filters;
      return [video];
    }));
    const picked = await webview.ask({ type: 'pickFile', model: 'p-video-animate', field: 'video' });
    assert.ok(picked.type === 'filesPicked' && picked.files.length === 1);
    assert.deepEqual(filters, { Video: ['mp4', 'mov'] });
    if (picked.type !== 'filesPicked') return;

    const defaults = { disableSafetyChecker: false, defaultAspectRatio: '16:9', seed: 'random' as const };
    const form = { ...initialForm([model], defaults), model: model.id };
    const missing = buildRun(model, form, [photo.toString()], defaults);
    assert.ok(!missing.ok && /Choose video/.test(missing.errors.video ?? ''), 'the required video is asked for beside its field');
    form.files = { [model.id]: { video: picked.files } };
    form.values = { [model.id]: { target_fps: '24' } };
    const built = buildRun(model, form, [photo.toString()], defaults);
    assert.ok(built.ok, JSON.stringify(!built.ok && built.errors));
    if (!built.ok) return;
    assert.deepEqual(built.form.files, { video: [video.toString()] });
    assert.equal(built.form.params.target_fps, '24');

    // Other suites ran p-video-animate through the same services: look for this run's job only.
    const earlier = new Set(services.jobs.list().map((j) => j.id));
    const result = await webview.ask({ type: 'run', form: built.form });
    assert.ok(result.type === 'runResult' && result.ok, JSON.stringify(result));
    const job = await waitFor(() => services.jobs.list().find((j) => !earlier.has(j.id) && j.model === 'p-video-animate' && j.state === 'saved'), 'the job is saved', 30_000);
    const saved = vscode.Uri.parse(job.outputs[0]!);
    assert.ok(saved.path.endsWith('.mp4'), saved.path);
    const bytes = Buffer.from(await readBytes(vscode.workspace.asRelativePath(saved, false)));
    assert.equal(bytes.subarray(4, 8).toString('ascii'), 'ftyp');
    await vscode.workspace.fs.delete(saved);
  });
});

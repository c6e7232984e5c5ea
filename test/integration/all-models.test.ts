// pruna.run with every model of the catalog (the spec's 24 and the overlay's 4) against the simulator, whose input
// schemas come from the spec's data: one minimal valid run each, local files uploaded into each model's own file
// fields, and each result saved as the right kind of file (PNG image, MP4 video, zip of trainer weights).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { listModels, type ModelSpec } from '../../src/core';
import { renderVideo, storedZip } from '../simulator/outputs';
import { encodePng } from '../simulator/png';
import { useSimulator } from './support/simulator';
import { deletePath, readBytes, readText, waitFor, writeFile } from './support/workspace';

const DIR = 'all-models-test';

/** A short mono 8 kHz WAV: the RIFF/WAVE header the client's type check looks for, and some silence. */
function wav(): Buffer {
  const data = Buffer.alloc(800);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8, 'ascii');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(8000, 24);
  head.writeUInt32LE(8000, 28);
  head.writeUInt16LE(1, 32);
  head.writeUInt16LE(8, 34);
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

const FIXTURES = {
  image: `${DIR}/in/person.png`,
  video: `${DIR}/in/clip.mp4`,
  audio: `${DIR}/in/voice.wav`,
  zip: `${DIR}/in/training.zip`,
} as const;

/** The smallest input the model takes: its required fields, local files for its required file inputs. */
function minimalInput(model: ModelSpec): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (model.prompt === 'required') input.prompt = `a ${model.id} test`;
  for (const slot of model.files.filter((f) => f.required)) {
    const file = FIXTURES[slot.media[0]!];
    input[slot.field] = slot.multiple ? Array.from({ length: slot.min }, () => file) : file;
  }
  if (model.id === 'p-video-avatar') input.voice_script = 'Hello from the test.';
  return input;
}

function kindOf(bytes: Uint8Array): 'image' | 'video' | 'zip' | 'unknown' {
  const b = Buffer.from(bytes);
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image';
  if (b.subarray(4, 8).toString('ascii') === 'ftyp') return 'video';
  if (b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'zip';
  return 'unknown';
}

const EXTENSION = { image: '.png', video: '.mp4', zip: '.zip' } as const;

describe('pruna.run with every model', function () {
  // X-Poll-Interval keeps the video and trainer polls (3 s / 10 s by default) short.
  const sim = useSimulator({ timeScale: 0.01, pollIntervalHeader: 0.1 });

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    await writeFile(FIXTURES.image, encodePng(96, 128, () => Buffer.alloc(96 * 3, 120)));
    await writeFile(FIXTURES.video, renderVideo('source clip', 1, 3));
    await writeFile(FIXTURES.audio, wav());
    await writeFile(FIXTURES.zip, storedZip('style-01.png', encodePng(16, 16, () => Buffer.alloc(48, 9))));
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(DIR);
    // The recipe index drops the 30 deleted files in a rewrite of .pruna/recipes.json: let it finish before the next
    // suite reads that file.
    await waitFor(async () => !(await readText('.pruna/recipes.json').catch(() => '')).includes(`${DIR}/`), 'recipes of the deleted files are dropped', 10_000).catch(() => undefined);
  });

  it('runs one minimal valid input of each of the 28 models and saves the right kind of file', async function () {
    this.timeout(180_000);
    const models = listModels();
    assert.equal(models.length, 28);
    const results = await Promise.all(
      models.map(async (model) => {
        const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.run', { model: model.id, input: minimalInput(model), outputFolder: `${DIR}/out/${model.id}` });
        assert.ok(uri instanceof vscode.Uri, `${model.id}: pruna.run resolves to the saved file`);
        const path = vscode.workspace.asRelativePath(uri, false);
        return { model, path, kind: kindOf(await readBytes(path)) };
      }),
    );
    for (const { model, path, kind } of results) {
      assert.equal(kind, model.output, `${model.id} saved ${path} as ${kind}`);
      assert.ok(path.startsWith(`${DIR}/out/${model.id}/`) && path.endsWith(EXTENSION[model.output]), `${model.id}: ${path}`);
    }
    const posted = sim()
      .requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions' && r.status === 201)
      .map((r) => r.headers['model']);
    assert.deepEqual([...new Set(posted)].sort(), models.map((m) => m.id).sort(), 'every model was posted (and accepted) once');
  });

  it('uploads a local file into a model’s own file field (p-video-animate: video and image)', async () => {
    // New files (the ones above were uploaded already and would be reused from the upload cache).
    await writeFile(`${DIR}/in/motion.mp4`, renderVideo('motion source', 2, 2));
    const subject = await writeFile(`${DIR}/in/subject.png`, encodePng(64, 64, () => Buffer.alloc(64 * 3, 200)));
    const before = sim().requests.length;
    await vscode.commands.executeCommand('pruna.run', {
      model: 'p-video-animate',
      input: { video: `${DIR}/in/motion.mp4`, image: subject, resolution: '1080p' },
      outputFolder: `${DIR}/out/animate`,
    });
    const sent = sim().requests.slice(before);
    assert.equal(sent.filter((r) => r.method === 'POST' && r.path === '/v1/files').length, 2);
    const input = (sent.find((r) => r.method === 'POST' && r.path === '/v1/predictions')!.body as { input: Record<string, unknown> }).input;
    assert.match(String(input.video), /^http/);
    assert.match(String(input.image), /^http/);
    assert.equal(input.resolution, '1080p');
    assert.equal(input.seed === undefined || typeof input.seed === 'number', true);
  });

  it('refuses a file of the wrong kind and an unknown field before sending anything', async () => {
    const before = sim().requests.length;
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-video-animate', input: { video: FIXTURES.image, image: FIXTURES.image }, outputFolder: `${DIR}/out/x` })),
      /video/,
    );
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-image-upscale', input: { image: FIXTURES.image, colour: 'red' } })), /colour/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-image-trainer', input: {} })), /image_data/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-image-4000', input: {} })), /Unknown model "p-image-4000"/);
    assert.equal(sim().requests.slice(before).filter((r) => r.method === 'POST').length, 0, 'nothing was uploaded or submitted');
  });
});

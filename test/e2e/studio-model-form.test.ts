// The Studio's form for a model it knows only from the spec, in a real workbench against the simulator: wan-i2v has
// enums (a select), ranges (number fields with min/max), an image input and booleans. The fields show the spec's
// titles, defaults and ranges; an out-of-range number is refused in the panel beside its field with no request; a
// valid run from the form reaches the simulator with the values the user chose (and nothing they left at the default).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { getModel } from '../../src/core/catalog';
import { startSimulator, type Simulator } from '../simulator/index';
import { encodePng } from '../simulator/png';
import { launchWorkbench, STUDIO_TEXT, type Workbench } from './harness';

const MODEL = 'wan-i2v';

function inputPng(): Buffer {
  const row = Buffer.alloc(64 * 3, 120);
  return encodePng(64, 48, () => row);
}

/** The spec's facts for one option of the model (what the form must show). */
function specOption(field: string) {
  const option = getModel(MODEL).options.find((o) => o.field === field);
  if (!option) throw new Error(`${MODEL} has no option ${field}`);
  return option;
}

describe('Studio form generated from the spec (wan-i2v)', function () {
  this.timeout(300_000);
  let sim: Simulator;
  let workbench: Workbench;
  let studio: Frame;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    workbench = await launchWorkbench({
      name: 'e2e-model-form',
      env: { PRUNA_API_BASE_URL: sim.url, PRUNA_API_KEY: 'test-key' },
      viewport: { width: 1400, height: 900 },
      settings: { 'pruna.openAfterSave': false },
      files: { 'photos/start.png': inputPng() },
    });
    await workbench.runCommand('Pruna: Open Studio');
    studio = await workbench.webviewFrame(STUDIO_TEXT, 30_000);
    await studio.getByLabel('Model', { exact: true }).selectOption(MODEL);
  });

  after(async () => {
    await workbench?.close();
    await sim?.close();
  });

  it('renders the select, number, boolean and file fields with the spec’s labels, defaults and ranges', async () => {
    const resolution = specOption('resolution');
    const select = studio.getByLabel(resolution.label, { exact: true });
    assert.equal(await select.evaluate((el) => el.tagName), 'SELECT');
    assert.deepEqual(await select.locator('option').allInnerTexts(), (resolution.values ?? []).map(String));
    assert.equal(await select.inputValue(), String(resolution.default));

    const frames = specOption('num_frames');
    const number = studio.getByLabel(frames.label, { exact: true });
    assert.equal(await number.getAttribute('type'), 'number');
    assert.equal(await number.getAttribute('min'), String(frames.min));
    assert.equal(await number.getAttribute('max'), String(frames.max));
    assert.equal(await number.inputValue(), String(frames.default));
    // The range is said in words beside the field too.
    assert.match(await studio.locator('.field', { has: number }).innerText(), new RegExp(`${frames.min}–${frames.max}`));

    // The rest sit under "Advanced options".
    await studio.locator('details.advanced > summary').click();
    const shift = specOption('sample_shift');
    const shiftField = studio.getByLabel(shift.label, { exact: true });
    assert.deepEqual(
      [await shiftField.getAttribute('min'), await shiftField.getAttribute('max'), await shiftField.inputValue()],
      [String(shift.min), String(shift.max), String(shift.default)],
    );
    for (const field of ['go_fast', 'interpolate_output']) {
      const option = specOption(field);
      const box = studio.getByLabel(option.label, { exact: true });
      assert.equal(await box.getAttribute('type'), 'checkbox', field);
      assert.equal(await box.isChecked(), option.default === true, `${field} starts at the API default`);
    }

    // The image inputs: the main one is the input list (wan-i2v needs one); last_image is a file field of its own.
    const last = getModel(MODEL).files.find((f) => f.field === 'last_image')!;
    const label = studio.locator('label[for="file-last_image"]');
    assert.equal(await label.innerText(), `${last.label} (image)`);
    assert.equal(await studio.locator('#file-last_image').innerText(), 'Choose…');
    assert.equal(await studio.locator('#file-last_image-names').innerText(), 'None');
  });

  it('refuses an out-of-range number beside its field and sends nothing', async () => {
    await studio.locator('.dropzone').waitFor();
    await studio.evaluate((uri) => {
      const zone = document.querySelector('.dropzone')!;
      const data = new DataTransfer();
      data.setData('text/uri-list', uri);
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, `file://${join(workbench.workspaceDir!, 'photos', 'start.png')}`);
    await studio.locator('.input-item', { hasText: 'start.png' }).waitFor();
    await studio.getByLabel('Prompt', { exact: true }).fill('The camera slowly pulls back');
    const frames = specOption('num_frames');
    const number = studio.getByLabel(frames.label, { exact: true });
    await number.fill(String(frames.max! + 79));
    await studio.getByRole('button', { name: 'Generate video', exact: true }).click();
    const error = studio.locator('#num_frames-error');
    await error.waitFor({ state: 'visible' });
    assert.equal(await error.innerText(), `Must be at most ${frames.max}.`);
    assert.equal(await number.getAttribute('aria-invalid'), 'true');
    await workbench.page.waitForTimeout(1_000); // anything sent would have reached the simulator by now
    assert.deepEqual(sim.requests.map((r) => `${r.method} ${r.path}`), [], 'no upload and no prediction');
  });

  it('runs a valid form: the simulator gets the chosen values, the image and nothing left at its default', async () => {
    const frames = specOption('num_frames');
    await studio.getByLabel(frames.label, { exact: true }).fill('97');
    await studio.getByLabel(specOption('resolution').label, { exact: true }).selectOption('720p');
    await studio.getByLabel(specOption('go_fast').label, { exact: true }).uncheck();
    await studio.getByLabel(specOption('sample_shift').label, { exact: true }).fill('7.5');
    assert.equal(await studio.locator('#num_frames-error').innerText(), '', 'the error went with the change');
    await studio.getByRole('button', { name: 'Generate video', exact: true }).click();
    await studio.locator('.job[data-state="saved"]').first().waitFor({ timeout: 120_000 });

    const uploads = sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files');
    assert.equal(uploads.length, 1, 'the input image was uploaded once');
    const posts = sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions');
    assert.equal(posts.length, 1, 'exactly one prediction');
    assert.equal(posts[0]!.headers['model'], MODEL);
    const input = (posts[0]!.body as { input: Record<string, unknown> }).input;
    const { image, seed, ...rest } = input;
    assert.match(String(image), /^http:\/\/127\.0\.0\.1:\d+\/v1\/files\//, 'the uploaded image’s URL');
    assert.ok(seed === undefined || Number.isInteger(seed));
    assert.deepEqual(rest, { prompt: 'The camera slowly pulls back', num_frames: 97, resolution: '720p', go_fast: false, sample_shift: 7.5 });
  });
});

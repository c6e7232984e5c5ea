// The panel's request form: what it sends for each model, and the messages it shows beside fields before sending.
import * as assert from 'node:assert/strict';
import type { Defaults, ModelInfo } from '../../../src/shared/protocol';
import { aspectRatioOf, buildRun, initialForm, restoreForm, safetyDisabled, type FormState } from '../../../src/webview/form';
import { runLabel } from '../../../src/webview/format';

const pImage: ModelInfo = {
  id: 'p-image',
  label: 'P-Image',
  kind: 'image',
  // As the core lists them: "custom" is implied by customSize, not listed.
  aspectRatios: ['1:1', '16:9'],
  defaultAspectRatio: '16:9',
  customSize: { min: 256, max: 1440, multiple: 16 },
  options: [{ field: 'prompt_upsampling', label: 'Prompt upsampling', type: 'boolean', default: false }],
  images: { min: 0, max: 0 },
  seedMax: 2147483647,
  safety: { field: 'disable_safety_checker', defaultDisabled: false },
};
const edit: ModelInfo = {
  id: 'p-image-edit',
  label: 'P-Image Edit',
  kind: 'edit',
  aspectRatios: ['match_input_image', '1:1'],
  defaultAspectRatio: 'match_input_image',
  options: [{ field: 'turbo', label: 'Turbo', type: 'boolean', default: true }],
  images: { min: 1, max: 5 },
  seedMax: 2147483647,
  safety: { field: 'disable_safety_checker', defaultDisabled: false },
};
const video: ModelInfo = {
  id: 'p-video',
  label: 'P-Video',
  kind: 'video',
  aspectRatios: ['16:9', '9:16'],
  defaultAspectRatio: '16:9',
  options: [
    { field: 'duration', label: 'Duration (s)', type: 'integer', default: 5, min: 1, max: 20 },
    { field: 'fps', label: 'Frames per second', type: 'enum', default: 24, values: [24, 48] },
  ],
  images: { min: 0, max: 2 },
  seedMax: 2147483647,
  safety: { field: 'disable_safety_filter', defaultDisabled: true, checks: 'inputs' },
};
const defaults: Defaults = { disableSafetyChecker: false, defaultAspectRatio: '1:1', seed: 'random' };

function form(patch: Partial<FormState> = {}): FormState {
  return { ...initialForm([pImage], defaults), prompt: 'a red fox', ...patch };
}

describe('studio form', () => {
  it('sends the settings aspect ratio and no defaults the user did not change (not even the safety switch)', () => {
    const result = buildRun(pImage, form(), [], defaults);
    assert.ok(result.ok);
    assert.deepEqual(result.form, {
      model: 'p-image',
      prompt: 'a red fox',
      params: { aspect_ratio: '1:1' },
      images: [],
      count: 1,
    });
  });

  it('uses the model default ratio when the settings ratio is not one of its values, and for edits', () => {
    assert.equal(aspectRatioOf(edit, form({ model: edit.id }), defaults), 'match_input_image');
    assert.equal(aspectRatioOf(video, form({ model: video.id }), { ...defaults, defaultAspectRatio: '4:3' }), '16:9');
  });

  it('keeps the type of enum values (fps is a number for the API)', () => {
    const result = buildRun(video, form({ model: video.id, values: { 'p-video': { fps: '48', duration: '8' } } }), [], defaults);
    assert.ok(result.ok);
    assert.equal(result.form.params.fps, 48);
    assert.equal(result.form.params.duration, 8);
  });

  it('leaves p-video’s filter at its API default (off) even when the image-checker setting says on', () => {
    // The bug this guards: one global "NSFW filter" switch sent disable_safety_filter: false to p-video.
    for (const d of [defaults, { ...defaults, disableSafetyChecker: true }]) {
      const result = buildRun(video, form({ model: video.id }), [], d);
      assert.ok(result.ok);
      assert.equal(result.form.params.disable_safety_filter, undefined);
      assert.equal(result.form.params.disable_safety_checker, undefined);
    }
  });

  it('sends the model’s own safety field only when the user’s choice differs from its API default', () => {
    const on = buildRun(video, form({ model: video.id, values: { 'p-video': { disable_safety_filter: false } } }), [], defaults);
    assert.ok(on.ok);
    assert.equal(on.form.params.disable_safety_filter, false);
    const viaSetting = buildRun(pImage, form(), [], { ...defaults, disableSafetyChecker: true });
    assert.ok(viaSetting.ok);
    assert.equal(viaSetting.form.params.disable_safety_checker, true);
    const off = buildRun(pImage, form({ values: { 'p-image': { disable_safety_checker: true } } }), [], defaults);
    assert.ok(off.ok);
    assert.equal(off.form.params.disable_safety_checker, true);
    assert.equal(safetyDisabled(video, form({ model: video.id }), { ...defaults, disableSafetyChecker: false }), true);
    assert.equal(safetyDisabled(pImage, form(), defaults), false);
  });

  it('sends a custom size only within the model limits', () => {
    const values = { 'p-image': { aspect_ratio: 'custom', width: '1000', height: '2000' } };
    const result = buildRun(pImage, form({ values }), [], defaults);
    assert.ok(!result.ok);
    assert.equal(result.errors.width, 'Must be a multiple of 16.');
    assert.equal(result.errors.height, 'Must be at most 1440.');
    const fixed = buildRun(pImage, form({ values: { 'p-image': { aspect_ratio: 'custom', width: '1024', height: '576' } } }), [], defaults);
    assert.ok(fixed.ok);
    assert.deepEqual([fixed.form.params.width, fixed.form.params.height], [1024, 576]);
  });

  it('explains an empty prompt, a bad seed and a wrong image count beside their fields', () => {
    const result = buildRun(edit, form({ model: edit.id, prompt: '  ', seed: '12.5', count: 0 }), [], defaults);
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors).sort(), ['count', 'images', 'prompt', 'seed']);
    assert.match(result.errors.images!, /at least 1 input image/);
    assert.equal(result.errors.seed, 'Enter a whole number.');
  });

  it('refuses input images for a text-to-image model', () => {
    const result = buildRun(pImage, form(), ['file:///w/a.png'], defaults);
    assert.ok(!result.ok);
    assert.match(result.errors.images!, /takes no input images/);
  });

  it('sends the seed the user typed and the images in their order', () => {
    const result = buildRun(edit, form({ model: edit.id, seed: '42' }), ['file:///w/b.png', 'https://x.test/a.png'], defaults);
    assert.ok(result.ok);
    assert.equal(result.form.params.seed, 42);
    assert.deepEqual(result.form.images, ['file:///w/b.png', 'https://x.test/a.png']);
  });

  it('starts locked on the settings seed when one is configured', () => {
    const state = initialForm([pImage], { ...defaults, seed: 1234, disableSafetyChecker: true });
    assert.equal(state.seed, '1234');
    assert.equal(state.keepSeed, true);
    assert.equal(state.filterOn, false);
  });
});

describe('studio form restored from webview state', () => {
  const fallback = initialForm([pImage], defaults);

  it('brings back what the user had', () => {
    const saved = form({ prompt: 'kept', seed: '9', keepSeed: true, count: 3, values: { 'p-image': { aspect_ratio: 'custom', width: '512' } } });
    assert.deepEqual(restoreForm(JSON.parse(JSON.stringify(saved)), fallback), saved);
  });

  it('falls back per field when the saved state has the wrong shape', () => {
    const restored = restoreForm({ model: 42, prompt: 'kept', values: { 'p-image': { width: { evil: true }, turbo: false } }, count: 'many' }, fallback);
    assert.equal(restored.model, fallback.model);
    assert.equal(restored.prompt, 'kept');
    assert.deepEqual(restored.values, { 'p-image': { turbo: false } });
    assert.equal(restored.count, 1);
    assert.deepEqual(restoreForm('garbage', fallback), fallback);
  });
});

describe('studio run button label', () => {
  it('says what will happen', () => {
    assert.equal(runLabel('image', 0, 1), 'Generate');
    assert.equal(runLabel('image', 0, 3), 'Generate 3 images');
    assert.equal(runLabel('edit', 2, 1), 'Edit 2 images');
    assert.equal(runLabel('edit', 1, 2), 'Edit 1 image (2 variations)');
    assert.equal(runLabel('video', 0, 1), 'Generate video');
  });
});

import * as assert from 'node:assert/strict';
import { getModel, isModelId, MODEL_IDS, outputSize, PrunaError, randomSeed, SEED_MAX, validateInput, type ModelId } from '../../../src/core';

function rejects(model: ModelId, input: unknown): PrunaError {
  try {
    validateInput(model, input);
  } catch (e) {
    assert.ok(e instanceof PrunaError, 'throws a PrunaError');
    assert.equal(e.kind, 'invalid-input');
    return e;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('model catalog', () => {
  it('catalogs the five models with their kind, sync suitability and poll interval', () => {
    assert.deepEqual([...MODEL_IDS], ['p-image', 'p-image-edit', 'p-video', 'wan-t2v', 'wan-i2v']);
    const facts = MODEL_IDS.map((id) => {
      const m = getModel(id);
      return [id, m.kind, m.syncSuitable, m.pollIntervalMs >= 2000];
    });
    assert.deepEqual(facts, [
      ['p-image', 'image', true, false],
      ['p-image-edit', 'edit', true, false],
      ['p-video', 'video', false, true],
      ['wan-t2v', 'video', false, true],
      ['wan-i2v', 'video', false, true],
    ]);
  });

  it('names the NSFW switch per model with the spec default (p-video filter off by default)', () => {
    assert.deepEqual(getModel('p-image').safety, { field: 'disable_safety_checker', defaultDisabled: false });
    assert.deepEqual(getModel('p-video').safety, { field: 'disable_safety_filter', defaultDisabled: true });
    assert.deepEqual(getModel('wan-i2v').safety, { field: 'disable_safety_checker', defaultDisabled: false });
  });

  it('uses the spec per-model rate limits as ceilings', () => {
    assert.deepEqual(
      MODEL_IDS.map((id) => getModel(id).rateLimitPerMinute),
      [500, 500, 250, 30, 30],
    );
  });

  it('lists which inputs take image URLs and how many', () => {
    assert.deepEqual(getModel('p-image-edit').imageInputs, [{ field: 'images', multiple: true, min: 1, max: 5, required: true }]);
    assert.deepEqual(getModel('wan-i2v').imageInputs.map((i) => [i.field, i.required]), [['image', true], ['last_image', false]]);
    assert.deepEqual(getModel('p-video').audioInputs.map((i) => i.field), ['audio']);
    assert.deepEqual(getModel('p-image').imageInputs, []);
  });

  it('throws invalid-input for an unknown model id and recognises known ones', () => {
    const err = (() => {
      try {
        getModel('flux-9');
      } catch (e) {
        return e as PrunaError;
      }
      throw new Error('no throw');
    })();
    assert.equal(err.kind, 'invalid-input');
    assert.match(err.message, /Unknown model "flux-9"/);
    assert.equal(isModelId('p-video'), true);
    assert.equal(isModelId('p-image-pro'), false);
  });

  it('returns the input unchanged, without injecting spec defaults', () => {
    const out = validateInput('p-image', { prompt: 'a fox' });
    assert.deepEqual(out, { prompt: 'a fox' });
    assert.equal(getModel('p-image').defaults.aspect_ratio, '16:9');
  });

  it('accepts a full valid input for every model', () => {
    validateInput('p-image', { prompt: 'x', aspect_ratio: 'custom', width: 512, height: 1440, seed: 0, prompt_upsampling: true, disable_safety_checker: true });
    validateInput('p-image-edit', { prompt: 'x', images: ['https://a.example/1.png', 'https://a.example/2.png'], aspect_ratio: 'match_input_image', turbo: false });
    validateInput('p-video', { prompt: 'x', duration: 20, fps: 48, resolution: '1080p', aspect_ratio: '1:1', disable_safety_filter: false });
    validateInput('wan-t2v', { prompt: 'x', num_frames: 121, frames_per_second: 5, aspect_ratio: '9:16', sample_shift: 1.5 });
    validateInput('wan-i2v', { prompt: 'x', image: 'https://a.example/1.png', last_image: 'https://a.example/2.png' });
  });
});

describe('local input validation', () => {
  it('rejects an empty or whitespace-only prompt', () => {
    assert.deepEqual(rejects('p-image', { prompt: '' }).fields, ['prompt']);
    const err = rejects('p-image', { prompt: '  \n\t ' });
    assert.deepEqual(err.fields, ['prompt']);
    assert.match(err.message, /prompt: must not be empty/);
  });

  it('rejects a missing prompt as required', () => {
    assert.match(rejects('p-video', {}).message, /prompt: is required/);
  });

  it('rejects negative, fractional, too large and string seeds', () => {
    for (const seed of [-1, 1.5, SEED_MAX + 1, '42']) {
      assert.deepEqual(rejects('p-image', { prompt: 'x', seed }).fields, ['seed'], `seed ${String(seed)}`);
    }
  });

  it('rejects custom sizes outside 256..1440 or not a multiple of 16', () => {
    assert.deepEqual(rejects('p-image', { prompt: 'x', aspect_ratio: 'custom', width: 1000, height: 512 }).fields, ['width']);
    assert.match(rejects('p-image', { prompt: 'x', aspect_ratio: 'custom', width: 1000, height: 512 }).message, /multiple of 16/);
    assert.deepEqual(rejects('p-image', { prompt: 'x', aspect_ratio: 'custom', width: 240, height: 1456 }).fields, ['width', 'height']);
  });

  it('requires width and height with a custom ratio and refuses them without it', () => {
    assert.deepEqual(rejects('p-image', { prompt: 'x', aspect_ratio: 'custom', width: 512 }).fields, ['height']);
    assert.deepEqual(rejects('p-image', { prompt: 'x', width: 512, height: 512 }).fields, ['width', 'height']);
  });

  it('rejects an aspect ratio the model does not offer', () => {
    const err = rejects('wan-t2v', { prompt: 'x', aspect_ratio: '1:1' });
    assert.deepEqual(err.fields, ['aspect_ratio']);
    assert.match(err.message, /must be one of "16:9", "9:16"/);
    assert.deepEqual(rejects('p-image', { prompt: 'x', aspect_ratio: 'match_input_image' }).fields, ['aspect_ratio']);
  });

  it('rejects zero or more than five images for p-image-edit', () => {
    assert.deepEqual(rejects('p-image-edit', { prompt: 'x', images: [] }).fields, ['images']);
    const six = Array.from({ length: 6 }, (_, i) => `https://a.example/${i}.png`);
    assert.match(rejects('p-image-edit', { prompt: 'x', images: six }).message, /images: takes at most 5/);
    assert.deepEqual(rejects('p-image-edit', { prompt: 'x' }).fields, ['images']);
  });

  it('rejects data: and non-URL image references', () => {
    assert.deepEqual(rejects('p-image-edit', { prompt: 'x', images: ['data:image/png;base64,AAAA'] }).fields, ['images']);
    assert.deepEqual(rejects('wan-i2v', { prompt: 'x', image: '/home/me/cat.png' }).fields, ['image']);
  });

  it('rejects out-of-range numbers and wrong enum values on video models', () => {
    assert.deepEqual(rejects('p-video', { prompt: 'x', duration: 21 }).fields, ['duration']);
    assert.deepEqual(rejects('p-video', { prompt: 'x', fps: 30 }).fields, ['fps']);
    assert.deepEqual(rejects('wan-t2v', { prompt: 'x', num_frames: 80 }).fields, ['num_frames']);
    assert.deepEqual(rejects('wan-i2v', { prompt: 'x', image: 'https://a.example/a.png', resolution: '1080p' }).fields, ['resolution']);
  });

  it('names every unknown field, such as a safety switch from another model', () => {
    const err = rejects('p-video', { prompt: 'x', disable_safety_checker: true, colour: 'red' });
    assert.deepEqual(err.fields, ['disable_safety_checker', 'colour']);
    assert.match(err.message, /colour: is not an input of p-video/);
  });

  it('names several bad fields in one message', () => {
    const err = rejects('p-image', { prompt: ' ', seed: -5 });
    assert.deepEqual(err.fields, ['prompt', 'seed']);
    assert.match(err.message, /^Invalid input for p-image: prompt: .*; seed: .*\.$/);
  });

  it('rejects a non-object input', () => {
    assert.equal(rejects('p-image', 'a fox').kind, 'invalid-input');
    assert.equal(rejects('p-image', null).kind, 'invalid-input');
  });
});

describe('output size and seeds', () => {
  it('maps p-image ratios to documented pixel sizes, custom to width x height', () => {
    assert.deepEqual(outputSize('p-image', {}), { width: 1344, height: 768 });
    assert.deepEqual(outputSize('p-image', { aspect_ratio: '2:3' }), { width: 832, height: 1216 });
    assert.deepEqual(outputSize('p-image', { aspect_ratio: 'custom', width: 512, height: 256 }), { width: 512, height: 256 });
    assert.deepEqual(outputSize('wan-t2v', { aspect_ratio: '9:16' }), { width: 480, height: 832 });
    assert.equal(outputSize('p-image-edit', {}), undefined);
  });

  it('draws seeds over the whole 0..2147483647 range', () => {
    assert.equal(randomSeed(() => 0), 0);
    assert.equal(randomSeed(() => 0.999999999999), SEED_MAX);
    assert.equal(randomSeed(() => 0.5), 1073741824);
  });
});

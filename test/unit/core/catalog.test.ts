import * as assert from 'node:assert/strict';
import { fileInputs, getModel, isModelId, MODEL_IDS, outputSize, PrunaError, randomSeed, redactSecrets, secretFields, SEED_MAX, validateInput, type ModelId } from '../../../src/core';

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
  it('catalogs every model of the spec and the overlay with its kind, output, sync suitability and poll interval', () => {
    assert.equal(MODEL_IDS.length, 28);
    const facts = (['p-image', 'p-image-edit', 'p-video', 'wan-t2v', 'wan-i2v', 'p-image-upscale', 'p-image-trainer', 'p-image-ideogram', 'p-video-edit'] as const).map((id) => {
      const m = getModel(id);
      return [id, m.kind, m.output, m.syncSuitable, m.pollIntervalMs >= 2000];
    });
    assert.deepEqual(facts, [
      ['p-image', 'image', 'image', true, false],
      ['p-image-edit', 'edit', 'image', true, false],
      ['p-video', 'video', 'video', false, true],
      ['wan-t2v', 'video', 'video', false, true],
      ['wan-i2v', 'video', 'video', false, true],
      ['p-image-upscale', 'edit', 'image', true, false],
      ['p-image-trainer', 'video', 'zip', false, true],
      ['p-image-ideogram', 'image', 'image', true, false],
      ['p-video-edit', 'video', 'video', false, true],
    ]);
  });

  it('names the safety switch per model with the spec default and what it checks', () => {
    const safety = (id: ModelId) => {
      const s = getModel(id).safety;
      return s && { field: s.field, defaultDisabled: s.defaultDisabled, checks: s.checks };
    };
    assert.deepEqual(safety('p-image'), { field: 'disable_safety_checker', defaultDisabled: false, checks: 'output' });
    // p-video's filter is off unless asked, and it checks the prompt and input image before generation.
    assert.deepEqual(safety('p-video'), { field: 'disable_safety_filter', defaultDisabled: true, checks: 'inputs' });
    assert.match(getModel('p-video').safety!.description, /prompts \(and input image\)/);
    assert.deepEqual(safety('p-video-avatar'), { field: 'disable_safety_filter', defaultDisabled: true, checks: 'inputs' });
    assert.deepEqual(safety('wan-i2v'), { field: 'disable_safety_checker', defaultDisabled: false, checks: 'output' });
    for (const id of ['vace', 'flux-dev', 'z-image-turbo', 'p-image-try-on', 'p-image-trainer'] as const) assert.equal(getModel(id).safety, null, id);
  });

  it('uses the per-model rate limits of the spec (and the overlay) as ceilings', () => {
    assert.deepEqual(
      (['p-image', 'p-image-edit', 'p-video', 'wan-t2v', 'wan-i2v', 'flux-dev', 'p-video-avatar', 'p-image-trainer', 'p-video-2', 'p-video-edit'] as const).map((id) => getModel(id).rateLimitPerMinute),
      [500, 500, 250, 30, 30, 150, 50, 5, 250, 50],
    );
  });

  it('lists which inputs take files, of which media kind, and how many', () => {
    assert.deepEqual(getModel('p-image-edit').imageInputs, [{ field: 'images', multiple: true, min: 1, max: 5, required: true }]);
    assert.deepEqual(getModel('wan-i2v').imageInputs.map((i) => [i.field, i.required]), [['image', true], ['last_image', false]]);
    assert.deepEqual(getModel('p-video').audioInputs.map((i) => i.field), ['audio']);
    assert.deepEqual(getModel('p-image').imageInputs, []);
    const media = (id: ModelId) => fileInputs(getModel(id)).map((f) => [f.spec.field, f.accepts.join('|'), f.spec.min, f.spec.max]);
    assert.deepEqual(media('p-video-replace'), [['video', 'video', 1, 1], ['images', 'image', 1, 3]]);
    assert.deepEqual(media('vace'), [['src_mask', 'video|image', 0, 1], ['src_video', 'video', 0, 1], ['src_ref_images', 'image', 0, 16]]);
    assert.deepEqual(media('p-image-trainer'), [['image_data', 'zip', 1, 1]]);
    assert.deepEqual(media('p-image-try-on').map((f) => f[0]), ['person_image', 'garment_images', 'reference_pose']);
  });

  it('marks writeOnly fields as secrets and redacts them', () => {
    assert.deepEqual(secretFields('p-image-lora'), ['hf_api_token']);
    assert.deepEqual(secretFields('p-video'), []);
    assert.deepEqual(redactSecrets('p-image-lora', { prompt: 'x', hf_api_token: 'hf_secret' }), { prompt: 'x' });
    assert.deepEqual(redactSecrets('not-a-model', { hf_api_token: 'hf_secret', a: 1 }), { a: 1 });
    assert.ok(!getModel('p-image-lora').options.some((o) => o.field === 'hf_api_token'), 'never a form option');
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

describe('model prices through the catalog', () => {
  it('asks the pricing module (no second price table): known where published, undefined elsewhere', async () => {
    const { modelPrice } = await import('../../../src/core');
    assert.equal(modelPrice('p-image')?.usd, 0.005);
    assert.equal(modelPrice('p-image-ideogram', { image_size: '2K', thinking: 'very high' })?.usd, 0.066);
    assert.equal(modelPrice('flux-dev'), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { submit, useSimulator, type JsonResponse } from './support';

/** Asserts the spec's ValidationError shape and returns the invalid field for `field`. */
function invalidField(res: JsonResponse, field: string): { type: string; field: string; description: string } {
  assert.equal(res.status, 422, JSON.stringify(res.body));
  assert.equal(res.body.status, 422);
  assert.equal(res.body.title, 'Input validation failed');
  assert.ok(Array.isArray(res.body.invalid_fields));
  const found = res.body.invalid_fields.find((f: { field: string }) => f.field === field);
  assert.ok(found, `no invalid field ${field} in ${JSON.stringify(res.body.invalid_fields)}`);
  assert.ok(res.body.detail.includes(`- ${field}: ${found.description}\n`), 'detail lists the field line');
  return found;
}

describe('simulator: 422 input validation per model', () => {
  const sim = useSimulator();

  it('reports a missing prompt exactly like the spec example', async () => {
    const res = await submit(sim(), 'p-image', { aspect_ratio: '1:1' });
    assert.deepEqual(res.body, {
      detail: '- input.prompt: Field required\n',
      status: 422,
      title: 'Input validation failed',
      invalid_fields: [{ type: 'missing', field: 'input.prompt', description: 'Field required' }],
    });
  });

  it('reports a wrong type with expected and given JSON types', async () => {
    const f = invalidField(await submit(sim(), 'p-image', { prompt: 'x', seed: '42' }), 'input.seed');
    assert.equal(f.type, 'invalid_type');
    assert.equal(f.description, 'Invalid type. Expected: integer, given: string');
  });

  it('rejects a value outside the enum and lists the allowed values', async () => {
    const f = invalidField(await submit(sim(), 'p-image', { prompt: 'x', aspect_ratio: '21:9' }), 'input.aspect_ratio');
    assert.equal(f.type, 'enum');
    assert.match(f.description, /"16:9"/);
  });

  it('rejects out-of-range numbers on both ends', async () => {
    const low = invalidField(await submit(sim(), 'p-video', { prompt: 'x', duration: 0 }), 'input.duration');
    assert.equal(low.type, 'number_gte');
    const high = invalidField(await submit(sim(), 'wan-t2v', { prompt: 'x', num_frames: 122 }), 'input.num_frames');
    assert.equal(high.type, 'number_lte');
    const size = invalidField(
      await submit(sim(), 'p-image', { prompt: 'x', aspect_ratio: 'custom', width: 1456, height: 512 }),
      'input.width',
    );
    assert.equal(size.type, 'number_lte');
  });

  it('rejects a custom size that is not a multiple of 16', async () => {
    const f = invalidField(
      await submit(sim(), 'p-image', { prompt: 'x', aspect_ratio: 'custom', width: 512, height: 500 }),
      'input.height',
    );
    assert.equal(f.type, 'multiple_of');
  });

  it('requires width and height when aspect_ratio is custom', async () => {
    const f = invalidField(await submit(sim(), 'p-image', { prompt: 'x', aspect_ratio: 'custom', width: 512 }), 'input.height');
    assert.equal(f.type, 'missing');
  });

  it('accepts a custom size within 256-1440 in steps of 16', async () => {
    const res = await submit(sim(), 'p-image', { prompt: 'x', aspect_ratio: 'custom', width: 256, height: 1440 });
    assert.equal(res.status, 201);
  });

  it('rejects zero and six edit images', async () => {
    const none = invalidField(await submit(sim(), 'p-image-edit', { prompt: 'x', images: [] }), 'input.images');
    assert.equal(none.type, 'array_min_items');
    const url = 'https://example.com/a.png';
    const six = invalidField(await submit(sim(), 'p-image-edit', { prompt: 'x', images: Array(6).fill(url) }), 'input.images');
    assert.equal(six.type, 'array_max_items');
    const five = await submit(sim(), 'p-image-edit', { prompt: 'x', images: Array(5).fill(url) });
    assert.equal(five.status, 201);
  });

  it('rejects a base64 data URI in an image field, naming the array item', async () => {
    const res = await submit(sim(), 'p-image-edit', {
      prompt: 'x',
      images: ['https://example.com/a.png', 'data:image/png;base64,iVBORw0KGgo='],
    });
    const f = invalidField(res, 'input.images.1');
    assert.equal(f.type, 'format');
    assert.match(f.description, /not supported/);
  });

  it('rejects non-http URIs in video image fields', async () => {
    const f = invalidField(await submit(sim(), 'wan-i2v', { prompt: 'x', image: 'file:///tmp/a.png' }), 'input.image');
    assert.equal(f.type, 'format');
  });

  it('requires image on wan-i2v', async () => {
    const f = invalidField(await submit(sim(), 'wan-i2v', { prompt: 'x' }), 'input.image');
    assert.equal(f.type, 'missing');
  });

  it('rejects an extra property, naming it', async () => {
    const f = invalidField(await submit(sim(), 'p-image', { prompt: 'x', num_outputs: 2 }), 'input.num_outputs');
    assert.equal(f.type, 'additional_property_not_allowed');
  });

  it('knows the field sets differ per model (safety flag names, p-video fps)', async () => {
    const wrongFlag = await submit(sim(), 'p-video', { prompt: 'x', disable_safety_checker: true });
    invalidField(wrongFlag, 'input.disable_safety_checker');
    const fps = invalidField(await submit(sim(), 'p-video', { prompt: 'x', fps: 30 }), 'input.fps');
    assert.equal(fps.type, 'enum');
    const ok = await submit(sim(), 'p-video', { prompt: 'x', fps: 48, disable_safety_filter: false, resolution: '1080p' });
    assert.equal(ok.status, 201);
  });

  it('lists every violation of one request', async () => {
    const res = await submit(sim(), 'p-image', { seed: 1.5, aspect_ratio: 'wide', extra: true });
    const fields = res.body.invalid_fields.map((f: { field: string }) => f.field).sort();
    assert.deepEqual(fields, ['input.aspect_ratio', 'input.extra', 'input.prompt', 'input.seed']);
  });

  it('echoes only the submitted fields in the async body', async () => {
    const input = { prompt: 'A majestic lion', aspect_ratio: '16:9', seed: 42 };
    const res = await submit(sim(), 'p-image', input);
    assert.deepEqual(res.body.input, input);
  });
});

import * as assert from 'node:assert/strict';
import { decodePng, decodePngSize, startSimulator, type Simulator } from '../../simulator/index';
import { download, generate, getStatus, submit, useSimulator, sleep } from './support';

describe('simulator: delivery and outputs', () => {
  const sim = useSimulator();

  it('serves the bytes with the documented headers', async () => {
    const res = await download(sim(), await generate(sim(), 'p-image', { prompt: 'x' }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.equal(res.headers.get('content-length'), String(res.bytes.length));
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="output.png"');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=3600');
  });

  const sizes: Array<[string, number, number]> = [
    ['1:1', 1024, 1024],
    ['16:9', 1344, 768],
    ['9:16', 768, 1344],
    ['4:3', 1152, 896],
    ['3:4', 896, 1152],
    ['3:2', 1216, 832],
    ['2:3', 832, 1216],
  ];
  for (const [ratio, width, height] of sizes) {
    it(`renders a decodable ${width}x${height} PNG for p-image ${ratio}`, async () => {
      const res = await download(sim(), await generate(sim(), 'p-image', { prompt: 'size', aspect_ratio: ratio, seed: 1 }));
      const png = decodePng(res.bytes);
      assert.deepEqual([png.width, png.height], [width, height]);
    });
  }

  it('renders p-image at 16:9 when no ratio is given and at width x height for custom', async () => {
    const plain = await download(sim(), await generate(sim(), 'p-image', { prompt: 'x' }));
    assert.deepEqual(decodePngSize(plain.bytes), { width: 1344, height: 768 });
    const custom = await download(
      sim(),
      await generate(sim(), 'p-image', { prompt: 'x', aspect_ratio: 'custom', width: 320, height: 480 }),
    );
    assert.deepEqual(decodePngSize(custom.bytes), { width: 320, height: 480 });
  });

  it('renders p-image-edit match_input_image at 1024x1024 for a foreign image', async () => {
    const res = await download(sim(), await generate(sim(), 'p-image-edit', { prompt: 'x', images: ['https://example.com/a.jpg'] }));
    assert.deepEqual(decodePngSize(res.bytes), { width: 1024, height: 1024 });
  });

  it('is deterministic per prompt and seed, and differs with the seed or the prompt', async () => {
    const get = async (prompt: string, seed: number) =>
      (await download(sim(), await generate(sim(), 'p-image', { prompt, seed, aspect_ratio: '1:1' }))).bytes;
    const a = await get('a red fox', 1);
    assert.ok(a.equals(await get('a red fox', 1)));
    assert.ok(!a.equals(await get('a red fox', 2)));
    assert.ok(!a.equals(await get('a grey fox', 1)));
  });

  it('serves a small MP4 for video models', async () => {
    const res = await download(sim(), await generate(sim(), 'p-video', { prompt: 'x', duration: 3 }));
    assert.equal(res.headers.get('content-type'), 'video/mp4');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="output.mp4"');
    assert.equal(res.bytes.toString('ascii', 4, 8), 'ftyp');
    assert.ok(res.bytes.includes(Buffer.from('moov')));
  });

  it('answers 404 for an unknown delivery path', async () => {
    const res = await download(sim(), '/v1/predictions/delivery/abcd/nope/output.png');
    assert.equal(res.status, 404);
    assert.equal(JSON.parse(res.bytes.toString()).error.code, 'NOT_FOUND');
  });

  it('answers 410 CONTENT_EXPIRED once the output is older than outputTtlMs', async () => {
    const url = await generate(sim(), 'p-image', { prompt: 'x' });
    sim().setOptions({ outputTtlMs: 5 });
    try {
      await sleep(20);
      const res = await download(sim(), url);
      assert.equal(res.status, 410);
      assert.equal(JSON.parse(res.bytes.toString()).error.code, 'CONTENT_EXPIRED');
    } finally {
      sim().setOptions({ outputTtlMs: undefined });
    }
  });
});

describe('simulator: generation_url styles', () => {
  let sim: Simulator;
  let foreign: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
    await foreign?.close();
    foreign = undefined;
  });

  it('emits absolute URLs on its own origin with style absolute', async () => {
    sim = await startSimulator({ timeScale: 0, generationUrlStyle: 'absolute' });
    for (let i = 0; i < 3; i++) {
      assert.ok((await generate(sim, 'p-image', { prompt: 'x' })).startsWith(`${sim.url}/v1/predictions/delivery/`));
    }
  });

  it('emits relative URLs with style relative, and they resolve against the base URL', async () => {
    sim = await startSimulator({ timeScale: 0, generationUrlStyle: 'relative' });
    const url = await generate(sim, 'p-image', { prompt: 'x' });
    assert.match(url, /^\/v1\/predictions\/delivery\//);
    assert.equal((await download(sim, url)).status, 200);
  });

  it('alternates absolute and relative URLs by default', async () => {
    sim = await startSimulator({ timeScale: 0 });
    const urls = [];
    for (let i = 0; i < 4; i++) urls.push(await generate(sim, 'p-image', { prompt: 'x' }));
    assert.equal(urls.filter((u) => u.startsWith('/')).length, 2);
    assert.equal(urls.filter((u) => u.startsWith('http://')).length, 2);
  });

  it('keeps the same generation_url between the status and later polls', async () => {
    sim = await startSimulator({ timeScale: 0 });
    const { body } = await submit(sim, 'p-image', { prompt: 'x' });
    const a = await getStatus(sim, body.id);
    const b = await getStatus(sim, body.id);
    assert.equal(a.body.generation_url, b.body.generation_url);
  });

  it('emits URLs on deliveryBaseUrl, which a second simulator in the process can serve', async () => {
    foreign = await startSimulator({ timeScale: 0 });
    sim = await startSimulator({ timeScale: 0, deliveryBaseUrl: foreign.url });
    const url = await generate(sim, 'p-image', { prompt: 'x' });
    assert.ok(url.startsWith(`${foreign.url}/v1/predictions/delivery/`));
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(foreign.requests.length, 1);
    assert.equal(foreign.requests[0]?.headers['apikey'], undefined);
  });
});

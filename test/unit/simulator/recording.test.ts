import * as assert from 'node:assert/strict';
import { startSimulator } from '../../simulator/index';
import { download, generate, getStatus, KEY, submit, upload, useSimulator } from './support';

describe('simulator: request recording and options', () => {
  const sim = useSimulator();
  beforeEach(() => sim().reset());

  it('records method, path, lower-cased headers with the apikey as received, status, model and body', async () => {
    const input = { prompt: 'recorded', seed: 3 };
    const res = await submit(sim(), 'p-image', input, { 'X-Custom': 'Yes' });
    const [record] = sim().requests;
    assert.ok(record);
    assert.equal(record.method, 'POST');
    assert.equal(record.path, '/v1/predictions');
    assert.equal(record.headers['apikey'], KEY);
    assert.equal(record.headers['model'], 'p-image');
    assert.equal(record.headers['x-custom'], 'Yes');
    assert.equal(record.status, 201);
    assert.equal(record.model, 'p-image');
    assert.equal(record.predictionId, res.body.id);
    assert.deepEqual(record.body, { input });
    assert.equal(record.bodyBytes, Buffer.byteLength(JSON.stringify({ input })));
    assert.ok(record.at <= Date.now());
  });

  it('records status and delivery requests with their prediction id, and the path without the query', async () => {
    const url = await generate(sim(), 'p-image', { prompt: 'x' });
    const id = sim().requests[0]?.predictionId ?? '';
    await getStatus(sim(), `${id}?x=1`);
    await download(sim(), url);
    const [, status, delivery] = sim().requests;
    assert.deepEqual([status?.path, status?.predictionId, status?.status], [`/v1/predictions/status/${id}`, id, 200]);
    assert.equal(delivery?.predictionId, id);
    assert.equal(delivery?.headers['apikey'], undefined, 'the delivery went out without a key');
  });

  it('records upload sizes without a parsed body', async () => {
    await upload(sim(), Buffer.alloc(1000, 1));
    const [record] = sim().requests;
    assert.ok(record && record.bodyBytes > 1000);
    assert.equal(record.body, undefined);
  });

  it('records rejected requests too, with the status they got', async () => {
    await submit(sim(), 'p-image', { prompt: 'x' }, { apikey: 'leaked-elsewhere' });
    assert.equal(sim().requests[0]?.status, 401);
    assert.equal(sim().requests[0]?.headers['apikey'], 'leaked-elsewhere');
  });

  it("emits 'request' with the record once answered", async () => {
    const seen = new Promise<number>((resolve) => sim().events.once('request', (r: { status: number }) => resolve(r.status)));
    await submit(sim(), 'p-image', { prompt: 'x' });
    assert.equal(await seen, 201);
  });

  it('empties the same requests array on reset()', async () => {
    const requests = sim().requests;
    await submit(sim(), 'p-image', { prompt: 'x' });
    sim().reset();
    assert.equal(requests.length, 0);
    assert.equal(sim().requests, requests);
  });

  it('refuses unknown or invalid options with a message naming them', async () => {
    await assert.rejects(startSimulator({ timeScal: 1 } as never), /Invalid simulator options: .*timeScal/);
    await assert.rejects(startSimulator({ successStatus: 202 } as never), /successStatus/);
    assert.throws(() => sim().setOptions({ timeScale: -1 }), /timeScale/);
    assert.throws(() => sim().setOptions({ deliveryBaseUrl: 'ftp://x' }), /deliveryBaseUrl/);
    assert.throws(() => sim().setOptions({ latencyMs: { 'p-imag': { starting: 0, processing: 0 } } }), /latencyMs\.p-imag: unknown model/);
  });

  it('accepts any of several configured keys', async () => {
    const multi = await startSimulator({ apiKeys: ['a', 'b'], timeScale: 0 });
    try {
      assert.equal((await submit(multi, 'p-image', { prompt: 'x' }, { apikey: 'b' })).status, 201);
      assert.equal((await submit(multi, 'p-image', { prompt: 'x' }, { apikey: KEY })).status, 401);
    } finally {
      await multi.close();
    }
  });
});

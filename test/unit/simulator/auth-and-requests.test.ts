import * as assert from 'node:assert/strict';
import { asJson, generate, getStatus, submit, useSimulator, KEY, download, upload } from './support';

describe('simulator: authentication and request shape', () => {
  const sim = useSimulator();

  const authFailed = (body: any) => {
    assert.equal(body.error.code, 'AUTHENTICATION_FAILED');
    assert.equal(body.error.message, 'Invalid or missing API key');
    assert.match(body.request_id, /^req_/);
  };

  it('answers 401 with the documented envelope when the apikey header is missing', async () => {
    const res = await submit(sim(), 'p-image', { prompt: 'x' }, { apikey: '' });
    assert.equal(res.status, 401);
    authFailed(res.body);
  });

  it('answers 401 for an unknown key, also on status and upload', async () => {
    const created = await submit(sim(), 'p-image', { prompt: 'x' });
    const status = await getStatus(sim(), created.body.id, { apikey: 'wrong' });
    assert.equal(status.status, 401);
    authFailed(status.body);
    const uploaded = await upload(sim(), Buffer.from('abc'), 'a.txt', 'text/plain', 'content', { apikey: 'wrong' });
    assert.equal(uploaded.status, 401);
    authFailed(uploaded.body);
  });

  it('does not accept the key as a Bearer token', async () => {
    const res = await fetch(`${sim().url}/v1/predictions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, model: 'p-image' },
      body: JSON.stringify({ input: { prompt: 'x' } }),
    });
    assert.equal(res.status, 401);
  });

  it('serves delivery with or without the key by default', async () => {
    const url = await generate(sim(), 'p-image', { prompt: 'x' });
    assert.equal((await download(sim(), url)).status, 200);
    assert.equal((await download(sim(), url, { apikey: KEY })).status, 200);
  });

  it('requires the key on delivery and file reads when deliveryRequiresKey is set', async () => {
    const url = await generate(sim(), 'p-image', { prompt: 'x' });
    const file = (await upload(sim(), Buffer.from('abc'), 'a.txt', 'text/plain')).body.urls.get as string;
    sim().setOptions({ deliveryRequiresKey: true });
    try {
      const res = await download(sim(), url);
      assert.equal(res.status, 401);
      assert.equal((await download(sim(), url, { apikey: KEY })).status, 200);
      assert.equal((await download(sim(), file)).status, 401);
      assert.equal((await download(sim(), file, { apikey: KEY })).status, 200);
    } finally {
      sim().setOptions({ deliveryRequiresKey: false });
    }
  });

  it('answers 400 VALIDATION_ERROR when the Model header is missing', async () => {
    const res = await submit(sim(), undefined, { prompt: 'x' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'VALIDATION_ERROR');
    assert.match(res.body.error.details, /model/i);
  });

  it('answers 400 naming the model when it is not in the spec enum', async () => {
    const res = await submit(sim(), 'p-image-pro', { prompt: 'x' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'VALIDATION_ERROR');
    assert.match(res.body.error.details, /p-image-pro/);
  });

  it('answers 400 when the body is not JSON or has no input object', async () => {
    for (const body of ['not json', JSON.stringify({ prompt: 'x' }), JSON.stringify({ input: 'x' }), JSON.stringify([1])]) {
      const res = await submit(sim(), 'p-image', body);
      assert.equal(res.status, 400, body);
      assert.equal(res.body.error.code, 'VALIDATION_ERROR', body);
    }
  });

  it('answers 400 when Try-Sync is neither true nor false', async () => {
    const res = await submit(sim(), 'p-image', { prompt: 'x' }, { 'try-sync': 'maybe' });
    assert.equal(res.status, 400);
    assert.match(res.body.error.details, /Try-Sync/);
  });

  it('checks every model of the spec against its schema (flux-dev takes its own fields, not any object)', async () => {
    const res = await submit(sim(), 'flux-dev', { prompt: 'x', guidance: 2.5 });
    assert.equal(res.status, 201);
    assert.equal(res.body.model, 'flux-dev');
    const bad = await submit(sim(), 'flux-dev', { prompt: 'x', anything: [1, 2] });
    assert.equal(bad.status, 422);
  });

  it('answers 404 for a path the gateway does not route', async () => {
    const res = await asJson(await fetch(`${sim().url}/v1/models`, { headers: { apikey: KEY } }));
    assert.equal(res.status, 404);
    assert.equal(res.body.message, 'no Route matched with those values');
  });
});

import * as assert from 'node:assert/strict';
import { getStatus, submit, useSimulator, KEY } from './support';

describe('simulator: injected faults', () => {
  const sim = useSimulator();
  beforeEach(() => sim().reset());

  const post = () => submit(sim(), 'p-image', { prompt: 'x' });

  it("answers a 'status' fault with the documented envelope by default, once", async () => {
    sim().inject({ path: '/v1/predictions', fault: { kind: 'status', code: 500 } });
    const failed = await post();
    assert.equal(failed.status, 500);
    assert.equal(failed.body.error.code, 'INTERNAL_ERROR');
    assert.equal((await post()).status, 201, 'times defaults to 1');
  });

  it("answers Kong, text and empty bodies, with the rule's headers", async () => {
    sim().inject({ path: '/v1/predictions', fault: { kind: 'status', code: 429, body: 'kong', headers: { 'Retry-After': '3' } } });
    sim().inject({ path: '/v1/predictions', fault: { kind: 'status', code: 502, body: 'text' } });
    sim().inject({ path: '/v1/predictions', fault: { kind: 'status', code: 503, body: 'empty' } });
    const kong = await post();
    assert.deepEqual([kong.status, kong.body, kong.headers.get('retry-after')], [429, { message: 'API rate limit exceeded' }, '3']);
    const text = await post();
    assert.equal(text.status, 502);
    assert.match(text.headers.get('content-type') ?? '', /text\/html/);
    assert.match(text.body, /<html>/);
    const empty = await post();
    assert.deepEqual([empty.status, empty.body], [503, '']);
  });

  it("applies a fault before authentication (it stands for the gateway or the network)", async () => {
    sim().inject({ path: '/v1/predictions', fault: { kind: 'status', code: 503 } });
    const res = await submit(sim(), 'p-image', { prompt: 'x' }, { apikey: 'wrong' });
    assert.equal(res.status, 503);
  });

  it("drops the connection on 'reset' without creating a prediction", async () => {
    sim().inject({ path: '/v1/predictions', fault: { kind: 'reset' } });
    await assert.rejects(post());
    const record = sim().requests.at(-1);
    assert.equal(record?.status, 0);
    assert.equal(record?.predictionId, undefined);
  });

  it("creates the prediction and then drops the connection on 'reset-after-accept'", async () => {
    sim().inject({ method: 'POST', path: '/v1/predictions', fault: { kind: 'reset-after-accept' } });
    await assert.rejects(post());
    const id = sim().requests.at(-1)?.predictionId;
    assert.ok(id, 'the POST created a prediction');
    assert.ok(sim().prediction(id));
    assert.equal((await getStatus(sim(), id)).status, 200);
  });

  it("creates the prediction and answers a Kong 504 on 'gateway-timeout-after-accept'", async () => {
    sim().inject({ path: '/v1/predictions', fault: { kind: 'gateway-timeout-after-accept' } });
    const res = await post();
    assert.deepEqual([res.status, res.body], [504, { message: 'The upstream server is timing out' }]);
    assert.ok(sim().prediction(sim().requests.at(-1)?.predictionId ?? ''));
  });

  it("answers 200 with truncated JSON on 'malformed-json'", async () => {
    const { body } = await post();
    sim().inject({ path: '/v1/predictions/status/', fault: { kind: 'malformed-json' } });
    const res = await fetch(`${sim().url}/v1/predictions/status/${body.id}`, { headers: { apikey: KEY } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const text = await res.text();
    assert.throws(() => JSON.parse(text));
  });

  it("answers normally after a 'delay', letting other requests overtake", async () => {
    sim().inject({ path: '/v1/predictions', fault: { kind: 'delay', ms: 300 } });
    const order: string[] = [];
    const delayed = post().then((r) => order.push(`delayed:${r.status}`));
    while (!sim().requests.some((r) => r.path === '/v1/predictions')) await new Promise((resolve) => setTimeout(resolve, 5));
    await post().then((r) => order.push(`normal:${r.status}`));
    await delayed;
    assert.deepEqual(order, ['normal:201', 'delayed:201']);
  });

  it('matches rules in order, by method, path prefix, RegExp and model, for the given number of times', async () => {
    sim().inject({ method: 'GET', path: '/v1/predictions', fault: { kind: 'status', code: 418 } }); // wrong method
    sim().inject({ path: '/v1/predictions', model: 'p-video', fault: { kind: 'status', code: 502 } }); // other model
    sim().inject({ path: /^\/v1\/predictions$/, model: 'p-image', times: 2, fault: { kind: 'status', code: 503 } });
    sim().inject({ path: '/v1/predictions', times: Infinity, fault: { kind: 'status', code: 500 } });
    assert.equal((await post()).status, 503);
    assert.equal((await post()).status, 503);
    assert.equal((await post()).status, 500);
    assert.equal((await post()).status, 500);
    assert.equal((await submit(sim(), 'p-video', { prompt: 'x' })).status, 502);
  });

  it("matches a status path by the prediction's model", async () => {
    const image = await post();
    const video = await submit(sim(), 'p-video', { prompt: 'x' });
    sim().inject({ path: '/v1/predictions/status/', model: 'p-video', times: Infinity, fault: { kind: 'status', code: 500 } });
    assert.equal((await getStatus(sim(), image.body.id)).status, 200);
    assert.equal((await getStatus(sim(), video.body.id)).status, 500);
  });

  it('forgets faults on reset()', async () => {
    sim().inject({ path: '/v1/predictions', times: Infinity, fault: { kind: 'status', code: 500 } });
    sim().reset();
    assert.equal((await post()).status, 201);
  });

  it('forgets a pending failNext on reset()', async () => {
    sim().failNext('p-image', 'boom');
    sim().reset();
    const res = await submit(sim(), 'p-image', { prompt: 'x' }, { 'try-sync': 'true' });
    assert.equal(res.body.status, 'succeeded');
  });

  it('refuses a malformed rule with a message naming the problem', () => {
    assert.throws(() => sim().inject({ path: 'v1/predictions', fault: { kind: 'reset' } }), /Invalid fault rule: path/);
    assert.throws(
      () => sim().inject({ path: '/v1/files', fault: { kind: 'explode' } as never }),
      /Invalid fault rule: fault/,
    );
    assert.throws(() => sim().inject({ path: '/v1/files', times: 0, fault: { kind: 'reset' } }), /times/);
  });
});

// The Hugging Face token for private LoRA weights: added to a POST's body at that moment, only for models that take
// `hf_api_token` and only when an input points at huggingface.co; never in a job record; a refused weights fetch says
// to set the token. Runs the engine against the simulator, whose `private-…` repos need one of its tokens.
import * as assert from 'node:assert/strict';
import { getModel, type JobRecord } from '../../../src/core';
import { hfTokenSource, isHuggingFaceRef, redactInput, wantsHfToken, weightsAccessHint, withSecretInputs } from '../../../src/core/jobs/secrets';
import { weightsAccessError } from '../../simulator/hf-weights';
import { caught, makeClient, makeEngine, predictionPosts, useSimulator, useTempDir } from './support';

const TOKEN = 'hf_sim_token';
const PRIVATE = 'huggingface.co/someone/private-ink';

function postedInputs(sim: ReturnType<ReturnType<typeof useSimulator>>): Record<string, unknown>[] {
  return sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').map((r) => (r.body as { input: Record<string, unknown> }).input);
}

describe('Hugging Face token (secret input) for private LoRA weights', () => {
  const sim = useSimulator();
  const tmp = useTempDir();

  it('recognises Hugging Face references with or without https://, in lists too, and nothing else', () => {
    for (const v of [PRIVATE, 'https://huggingface.co/a/b/resolve/main/w.safetensors', 'HF.co/a/b', [' x', 'https://www.huggingface.co/a/b']]) assert.ok(isHuggingFaceRef(v), JSON.stringify(v));
    for (const v of ['huggingface.co', 'huggingface.co/', 'https://huggingface.co.evil.example/a/b', 'https://example.com/huggingface.co/a', 'a lighthouse', 3, undefined, ['https://example.com/w.zip']]) {
      assert.ok(!isHuggingFaceRef(v), JSON.stringify(v));
    }
  });

  it('wants the token only for models with hf_api_token and an input on huggingface.co, and never over a given one', () => {
    const lora = getModel('p-image-lora');
    assert.equal(wantsHfToken(lora, { prompt: 'x', lora_weights: PRIVATE }), true);
    assert.equal(wantsHfToken(getModel('p-image'), { prompt: 'x', lora_weights: PRIVATE }), true, 'p-image takes LoRA weights and the token too');
    assert.equal(wantsHfToken(lora, { prompt: 'x', lora_weights: 'https://example.com/w.safetensors' }), false, 'weights elsewhere never get it');
    assert.equal(wantsHfToken(lora, { prompt: 'huggingface.co/a/b' , lora_weights: undefined }), true, 'any field pointing there counts');
    assert.equal(wantsHfToken(lora, { prompt: 'x', lora_weights: PRIVATE, hf_api_token: 'hf_own' }), false);
    // Models whose spec has no hf_api_token (qwen-image, z-image-turbo-lora, flux-dev-lora) never get a field they would refuse.
    for (const id of ['qwen-image', 'z-image-turbo-lora', 'flux-dev-lora', 'p-video'] as const) {
      assert.equal(wantsHfToken(getModel(id), { prompt: 'x', lora_weights: PRIVATE }), false, id);
    }
  });

  it('adds only the model’s own secret fields, to a copy; the redacted input has none', async () => {
    const lora = getModel('p-image-lora');
    const input = { prompt: 'x', lora_weights: PRIVATE };
    const body = await withSecretInputs(lora, input, async () => ({ hf_api_token: TOKEN, lora_scale: '9' }));
    assert.deepEqual(body, { ...input, hf_api_token: TOKEN });
    assert.deepEqual(input, { prompt: 'x', lora_weights: PRIVATE }, 'the job’s own input is untouched');
    assert.deepEqual(redactInput(body), input);
    assert.deepEqual(await withSecretInputs(lora, input, hfTokenSource(async () => undefined)), input, 'no token stored: nothing added');
    assert.deepEqual(await withSecretInputs(lora, input, hfTokenSource(async () => '  ')), input);
  });

  it('words a refused weights fetch as a hint to set the token, and leaves other failures alone', () => {
    assert.match(weightsAccessHint('Could not load LoRA weights from huggingface.co/a/b: 401 Client Error: Unauthorized')!, /Pruna: Set Hugging Face Token/);
    assert.ok(weightsAccessHint('403 Forbidden: gated repo a/b on Hugging Face'));
    assert.equal(weightsAccessHint('CUDA out of memory'), undefined);
    assert.equal(weightsAccessHint('401 Unauthorized'), undefined, 'the API key’s 401 is not about weights');
    assert.equal(weightsAccessHint(undefined), undefined);
  });

  it('the simulator refuses private weights without a token (401), with a wrong one (403), and reads them with its token', () => {
    assert.match(weightsAccessError({ lora_weights: PRIVATE }, [TOKEN])!, /401/);
    assert.match(weightsAccessError({ lora_weights: `https://${PRIVATE}/resolve/main/w.safetensors`, hf_api_token: 'hf_wrong' }, [TOKEN])!, /403/);
    assert.equal(weightsAccessError({ lora_weights: PRIVATE, hf_api_token: TOKEN }, [TOKEN]), undefined);
    assert.equal(weightsAccessError({ lora_weights: 'huggingface.co/someone/ink' }, [TOKEN]), undefined, 'public weights need no token');
  });

  it('posts the stored token with private weights, keeps it out of every record, and the run succeeds', async () => {
    const updates: JobRecord[] = [];
    let reads = 0;
    const engine = makeEngine(makeClient(sim()), tmp(), { secretInputs: hfTokenSource(async () => (reads++, TOKEN)) });
    const record = await engine.run({ model: 'p-image-lora', input: { prompt: 'a heron', lora_weights: PRIVATE } }, { onUpdate: (r) => updates.push(r) });
    assert.equal(record.state, 'downloaded');
    assert.equal(reads, 1, 'read once, at the POST');
    assert.equal(postedInputs(sim())[0]?.hf_api_token, TOKEN);
    for (const r of [record, ...updates]) assert.ok(!JSON.stringify(r).includes(TOKEN), 'the token is in no record');
  });

  it('sends no token with weights elsewhere, even when one is stored', async () => {
    const engine = makeEngine(makeClient(sim()), tmp(), { secretInputs: hfTokenSource(async () => TOKEN) });
    await engine.run({ model: 'p-image-lora', input: { prompt: 'a heron', lora_weights: 'https://example.com/ink.safetensors' } });
    assert.equal(postedInputs(sim())[0]?.hf_api_token, undefined);
  });

  it('without a stored token, a private-weights run fails with the hint to set it (one POST, nothing retried)', async () => {
    const engine = makeEngine(makeClient(sim()), tmp(), { secretInputs: hfTokenSource(async () => undefined) });
    const err = await caught(engine.run({ model: 'p-image-lora', input: { prompt: 'a heron', lora_weights: PRIVATE } }));
    assert.equal(err.kind, 'generation-failed');
    assert.match(err.message, /401 Client Error/);
    assert.match(err.message, /set or check your token with "Pruna: Set Hugging Face Token"/);
    assert.equal(predictionPosts(sim()), 1);
  });

  it('a resumed job that never sent its POST gets the token again from the store', async () => {
    const engine = makeEngine(makeClient(sim()), tmp(), { secretInputs: hfTokenSource(async () => TOKEN) });
    const queued: JobRecord = { id: 'j-resume', model: 'p-image-lora', input: { prompt: 'a heron', lora_weights: PRIVATE }, state: 'queued', createdAt: 1, updatedAt: 1 };
    const updates: JobRecord[] = [];
    const record = await engine.resume(queued, { onUpdate: (r) => updates.push(r) });
    assert.equal(record.state, 'downloaded');
    assert.equal(postedInputs(sim())[0]?.hf_api_token, TOKEN);
    for (const r of [record, ...updates]) assert.ok(!JSON.stringify(r).includes(TOKEN));
  });
});

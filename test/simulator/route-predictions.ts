// POST /v1/predictions and GET /v1/predictions/status/{id}.
import { checkAuth, checkRate, type SimContext } from './context';
import { envelope, kongBody } from './errors';
import { answerJson, hangUp, type Exchange } from './http';
import { isKnownModel, MODEL_NAMES, MODELS, ENDPOINT_RPM } from './models';
import { isTerminal, type Prediction } from './predictions';
import { validateInput, validationErrorBody, type InvalidField } from './validation';
import type { Fault } from './types';
import { weightsAccessError } from './hf-weights';

const STATUS_MESSAGES: Record<string, string> = {
  starting: 'Generation in progress',
  processing: 'Generation in progress',
  canceled: 'Prediction was canceled',
};

function badRequest(ex: Exchange, details: string): void {
  answerJson(ex, 400, envelope(400, details));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings and string arrays of an input, with their field names (input.images.0). */
function stringFields(input: Record<string, unknown>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string') out.push([`input.${key}`, value]);
    if (Array.isArray(value)) value.forEach((v, i) => typeof v === 'string' && out.push([`input.${key}.${i}`, v]));
  }
  return out;
}

/** The id in a URL of this simulator's own /v1/files/<id>, else undefined. */
function ownFileId(ctx: SimContext, value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const own = new URL(ctx.url);
  const sameServer = url.port === own.port && (url.hostname === own.hostname || url.hostname === 'localhost');
  const match = /^\/v1\/files\/([^/]+)$/.exec(url.pathname);
  return sameServer && match ? match[1] : undefined;
}

/** A file URL of ours that no longer exists is a 422 naming the field, as the model could not fetch it. */
function expiredUploads(ctx: SimContext, input: Record<string, unknown>): InvalidField[] {
  return stringFields(input).flatMap(([field, value]): InvalidField[] => {
    const id = ownFileId(ctx, value);
    if (id === undefined || ctx.files.live(id)) return [];
    return [{ type: 'file_expired', field, description: `File ${id} does not exist or has expired; upload it again` }];
  });
}

/** Size of the first input image when it is one of our uploads (for match_input_image). */
export function firstInputImageSize(ctx: SimContext, input: Record<string, unknown>): { width: number; height: number } | undefined {
  const first = Array.isArray(input['images']) ? input['images'][0] : input['image'];
  if (typeof first !== 'string') return undefined;
  const id = ownFileId(ctx, first);
  const file = id === undefined ? undefined : ctx.files.live(id);
  return file?.width !== undefined && file.height !== undefined ? { width: file.width, height: file.height } : undefined;
}

function parseTrySync(value: string | string[] | undefined): boolean | undefined {
  if (value === undefined) return false;
  const text = (Array.isArray(value) ? value.join(',') : value).trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0' || text === '') return false;
  return undefined;
}

function asyncBody(ctx: SimContext, p: Prediction) {
  return { id: p.id, model: p.model, input: p.input, get_url: `${ctx.url}/v1/predictions/status/${p.id}` };
}

function syncBody(p: Prediction) {
  if (p.status === 'succeeded') return { status: 'succeeded', generation_url: p.generationUrl };
  if (p.status === 'failed') return { status: 'failed', error: p.error };
  return { status: 'canceled', message: STATUS_MESSAGES['canceled'] };
}

/**
 * `body` is the already-read request body (undefined when it was not JSON). `afterAccept` is a fault to apply once
 * the prediction exists.
 */
export async function createPrediction(ctx: SimContext, ex: Exchange, body: unknown, afterAccept?: Fault): Promise<void> {
  if (!checkAuth(ctx, ex)) return;
  const modelHeader = ex.req.headers['model'];
  const model = Array.isArray(modelHeader) ? modelHeader.join(',') : modelHeader?.trim();
  if (!model) return badRequest(ex, "Field 'model' is required (send it in the Model header)");
  if (!isKnownModel(model)) return badRequest(ex, `Unknown model '${model}'. Supported models: ${MODEL_NAMES.join(', ')}`);
  ex.record.model = model;
  if (!checkRate(ctx, ex, `model:${model}`, ctx.options.rateLimitPerMinute[model] ?? MODELS[model]!.rpm)) return;
  const trySync = parseTrySync(ex.req.headers['try-sync']);
  if (trySync === undefined) return badRequest(ex, "Header 'Try-Sync' must be true or false");
  if (body === undefined) return badRequest(ex, 'The request body must be JSON: {"input": {...}}');
  if (!isPlainObject(body) || !('input' in body)) return badRequest(ex, "Field 'input' is required");
  const input = body['input'];
  if (!isPlainObject(input)) return badRequest(ex, "Field 'input' must be an object");
  const invalid = [...validateInput(model, input), ...expiredUploads(ctx, input)];
  if (invalid.length) return answerJson(ex, 422, validationErrorBody(invalid));

  const scale = ctx.options.timeScale;
  const latency = ctx.options.latencyMs[model] ?? MODELS[model]!.latency;
  const prediction = ctx.predictions.create(
    model,
    input,
    { starting: latency.starting * scale, processing: latency.processing * scale },
    weightsAccessError(input, ctx.options.hfTokens),
  );
  ex.record.predictionId = prediction.id;
  if (afterAccept?.kind === 'reset-after-accept') return hangUp(ex);
  if (afterAccept?.kind === 'gateway-timeout-after-accept') {
    // A gateway in front of a held Try-Sync POST gives up first: the prediction exists, its id never arrives.
    if (afterAccept.holdMs) await new Promise((r) => setTimeout(r, afterAccept.holdMs).unref());
    return answerJson(ex, 504, kongBody(504));
  }

  const success = ctx.options.successStatus;
  if (trySync && !isTerminal(prediction.status)) await settledWithin(ctx, ex, prediction, ctx.options.syncWindowMs);
  if (trySync && isTerminal(prediction.status)) return answerJson(ex, success, syncBody(prediction));
  answerJson(ex, success, asyncBody(ctx, prediction));
}

/** Waits until the prediction settles, the window runs out or the client goes away. */
function settledWithin(ctx: SimContext, ex: Exchange, prediction: Prediction, windowMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      ex.res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, windowMs);
    const stop = ctx.predictions.whenSettled(prediction.id, done);
    ex.res.on('close', done);
  });
}

export function predictionStatus(ctx: SimContext, ex: Exchange, id: string): void {
  if (!checkAuth(ctx, ex)) return;
  if (!checkRate(ctx, ex, 'status', ENDPOINT_RPM.status)) return;
  const p = ctx.predictions.get(id);
  if (p) {
    ex.record.predictionId = p.id;
    ex.record.model = p.model;
  }
  if (!p || p.vanished || Date.now() - p.createdAt > ctx.options.predictionTtlMs) {
    return answerJson(ex, 404, envelope(404, 'Prediction ID does not exist or has expired'));
  }
  const headers: Record<string, string> =
    ctx.options.pollIntervalHeader !== undefined ? { 'X-Poll-Interval': String(ctx.options.pollIntervalHeader) } : {};
  if (p.status === 'succeeded') return answerJson(ex, 200, { status: 'succeeded', generation_url: p.generationUrl }, headers);
  if (p.status === 'failed') return answerJson(ex, 200, { status: 'failed', message: 'Prediction failed', error: p.error }, headers);
  answerJson(ex, 200, { status: p.status, message: STATUS_MESSAGES[p.status] }, headers);
}

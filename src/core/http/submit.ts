// POST /v1/predictions: the money-critical call. A generation is billed once the server accepts it, so a POST is
// sent again only after a 429 or when the connection certainly never opened; every other failure after the write
// is 'ambiguous-submit' (it may have been created) and the user decides. Each answer shape is classified here.
import * as l10n from '../l10n';
import { validateInput, type ModelId } from '../catalog';
import { PrunaError, toPrunaError } from '../errors';
import { abortError, retrying, type RetryPolicy } from './retry';
import { asProxyAuthError } from './proxyAuth';
import { failure, type CallContext } from './context';
import { SubmitBodySchema } from './responses';
import { readText, type SendRequest, type SentResponse } from './transport';
import { weightsAccessHint } from '../jobs/secrets';

export type SubmitResult =
  | { kind: 'done'; generationUrl: string; predictionId?: string }
  | { kind: 'pending'; id: string; getUrl: string };

export interface SubmitOptions {
  sync: boolean;
  signal?: AbortSignal;
  /** Called when the request has been written (each attempt): the job is 'sent' and its deadline starts. */
  onSent?: () => void;
}

/** Try-Sync holds the POST open for up to 60 s (the API offers no shorter hold). */
export const SYNC_WAIT_MS = 60_000;
const SUBMIT_ATTEMPTS = 4;

/** Failures where the POST certainly never reached the server, so re-sending cannot create a duplicate. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

function rawCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; typeof cur === 'object' && cur !== null && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export async function submit(ctx: CallContext, apiKey: string, model: ModelId, input: Record<string, unknown>, o: SubmitOptions): Promise<SubmitResult> {
  const valid = validateInput(model, input);
  const body = JSON.stringify({ input: valid });
  const timeoutMs = ctx.timeoutMs + (o.sync ? SYNC_WAIT_MS : 0);
  // Only a 429 or a connection that never opened is re-sent: anything later may have created a billed job.
  const policy: RetryPolicy = { maxAttempts: SUBMIT_ATTEMPTS, maxWaitMs: ctx.maxRetryWaitMs, shouldRetry: (err) => err.kind === 'rate-limited' || err.notSent === true };
  if (o.signal) policy.signal = o.signal;
  return retrying(ctx, policy, async (attempt) => {
    // Read per attempt (the setting may change) and outside the try: a bad base URL is not an ambiguous send.
    // A string, parsed by the transport: caching the URL object measured no gain (issue 9 audit, overhead bench).
    const url = ctx.endpoints.endpoint('/v1/predictions');
    const slot = await ctx.limits.submissions(model).acquire(o.signal);
    let res: SentResponse;
    try {
      const req: SendRequest = {
        method: 'POST',
        url,
        apiKey,
        headers: { 'content-type': 'application/json', model, ...(o.sync ? { 'try-sync': 'true' } : {}) },
        body,
        timeoutMs,
        followRedirects: false,
        attempt,
        onDone: () => slot.done(),
        // The log entry waits for the body, which names the prediction.
        logAfterBody: true,
      };
      // Counted from when it was written (plus the limiter's transit allowance) or its answer, whichever is first:
      // a Try-Sync POST is held open by the server, and a burst's answers trail far behind its sends.
      const onSent = o.onSent;
      req.onSent = onSent
        ? () => {
            slot.sent();
            onSent();
          }
        : () => slot.sent();
      if (o.signal) req.signal = o.signal;
      res = await ctx.transport.send(req);
    } catch (e) {
      if (o.signal?.aborted) throw abortError(o.signal, { mayHaveBeenCreated: true });
      // A proxy refusing to carry the request (407) means it never reached the P-API.
      const proxyAuth = asProxyAuthError(e);
      if (proxyAuth) throw proxyAuth.with({ notSent: true });
      const code = rawCode(e);
      if (code !== undefined && NOT_SENT_CODES.has(code)) throw toPrunaError(e).with({ notSent: true });
      // The dispatcher knows the request never started to be written (e.g. the proxy refused the tunnel).
      if (e instanceof PrunaError && e.mayHaveBeenCreated === false) throw e;
      throw ambiguous(describeRaw(e), { cause: e, sync: o.sync });
    }
    let predictionId: string | undefined;
    try {
      const result = await readSubmit(ctx, res, o.sync);
      predictionId = result.kind === 'done' ? result.predictionId : result.id;
      return result;
    } catch (e) {
      if (e instanceof PrunaError) predictionId = e.predictionId;
      throw e;
    } finally {
      res.logged?.(predictionId);
    }
  });
}

async function readSubmit(ctx: CallContext, res: SentResponse, sync: boolean): Promise<SubmitResult> {
  if (res.status < 200 || res.status >= 300) {
    const err = await failure(ctx, res, 'submit');
    // A 5xx (incl. a gateway 504 while Try-Sync waited) says nothing about whether the job was created.
    if (err.kind === 'server') throw ambiguous(`HTTP ${res.status}`, { status: res.status, sync });
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readText(res.body));
  } catch (e) {
    throw ambiguous(l10n.t('the response could not be read'), { cause: e, status: res.status, sync });
  }
  const parsed = SubmitBodySchema.safeParse(json);
  if (!parsed.success) throw ambiguous(l10n.t('the response was not a prediction'), { status: res.status, sync });
  const b = parsed.data;
  if (b.status === 'failed' || b.status === 'canceled') {
    const details = b.id !== undefined ? { predictionId: b.id } : {};
    if (b.status === 'canceled') throw new PrunaError('canceled', l10n.t('The P-API canceled the generation.'), details);
    throw generationFailed(b.error ?? b.message, details.predictionId);
  }
  if (b.generation_url !== undefined && (b.status === undefined || b.status === 'succeeded')) {
    const done: SubmitResult = { kind: 'done', generationUrl: ctx.endpoints.resolve(b.generation_url) };
    if (b.id !== undefined) done.predictionId = b.id;
    return done;
  }
  if (b.id !== undefined) return { kind: 'pending', id: b.id, getUrl: ctx.endpoints.statusUrlFor(b.id, b.get_url) };
  throw ambiguous(l10n.t('the response had neither a result nor a prediction id'), { status: res.status, sync });
}

/** Whether an ambiguous submit was a held Try-Sync POST given up on by a gateway or by our own timeout. */
export function isHeldSyncLoss(err: PrunaError): boolean {
  return err.kind === 'ambiguous-submit' && err.code === 'SYNC_HOLD_LOST';
}

function ambiguous(reason: string, o: { cause?: unknown; status?: number; sync: boolean }): PrunaError {
  const details: ConstructorParameters<typeof PrunaError>[2] = { mayHaveBeenCreated: true, hint: 'retry', retryable: true };
  if (o.cause !== undefined) details.cause = o.cause;
  if (o.status !== undefined) details.status = o.status;
  const heldLoss = o.sync && (o.status === 504 || o.status === 502 || toPrunaError(o.cause ?? null).kind === 'timeout');
  if (heldLoss) {
    details.code = 'SYNC_HOLD_LOST';
    return new PrunaError(
      'ambiguous-submit',
      l10n.t('A gateway gave up on the request while the P-API was holding it open to answer at once (Try-Sync, {0}). The generation may still have been created and billed, but its id never arrived, so it cannot be fetched. Further jobs of this model poll instead of waiting, so this does not happen again; retrying starts a new, separately billed generation.', reason),
      details,
    );
  }
  return new PrunaError(
    'ambiguous-submit',
    l10n.t('The P-API did not confirm the generation request ({0}). It may still have been created and billed; retrying starts a new, separately billed generation.', reason),
    details,
  );
}

export function generationFailed(serverText: string | undefined, predictionId?: string): PrunaError {
  const text = serverText?.trim();
  const details: ConstructorParameters<typeof PrunaError>[2] = { hint: 'retry' };
  if (predictionId !== undefined) details.predictionId = predictionId;
  const clipped = text && text.length > 500 ? `${text.slice(0, 500)}…` : text;
  const access = weightsAccessHint(text);
  const message = clipped ? l10n.t('The generation failed: {0}', `${clipped}${access ? ` ${access}` : ''}`) : l10n.t('The generation failed (the P-API gave no reason).');
  return new PrunaError('generation-failed', message, details);
}

function describeRaw(e: unknown): string {
  const mapped = toPrunaError(e);
  if (mapped.kind === 'timeout') return l10n.t('no answer in time');
  const code = rawCode(e);
  return code ? l10n.t('connection failed: {0}', code) : l10n.t('connection failed');
}

// Turns a non-2xx P-API response into a PrunaError. The P-API answers in at least four shapes (its documented
// envelope, a 422 problem body, Kong's {message}, and plain text from proxies), so each is read defensively.
import * as l10n from './l10n';
import * as z from 'zod';
import { PrunaError, type PrunaErrorDetails, type PrunaErrorKind } from './errors';

/** Which call failed; it changes the wording (a 404 on status means the prediction expired). */
export type HttpOperation = 'submit' | 'status' | 'download' | 'upload';

const EnvelopeSchema = z.object({
  error: z.object({ code: z.string().optional(), message: z.string().optional(), details: z.unknown().optional() }),
  request_id: z.string().optional(),
});
const ValidationSchema = z.object({
  detail: z.unknown().optional(),
  title: z.string().optional(),
  invalid_fields: z.array(
    z.object({ field: z.string(), description: z.string().optional(), type: z.string().optional() }).loose(),
  ),
});
const FlatMessageSchema = z.object({
  message: z.string().optional(),
  detail: z.string().optional(),
  error: z.string().optional(),
  request_id: z.string().optional(),
});

interface BodyFacts {
  code?: string;
  text?: string;
  fields?: string[];
  requestId?: string;
}

/** Server text is clipped: a hostile or broken server must not fill the UI or the log. */
const MAX_TEXT = 300;

function clip(s: string): string {
  const oneLine = s.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT)}…` : oneLine;
}

/** API field paths come as "input.prompt" or "input.images.0"; the user knows them as "prompt" and "images". */
function fieldName(path: string): string {
  const bare = path.replace(/^body\./, '').replace(/^input\./, '');
  return bare.split(/[.[]/)[0] || bare;
}

export function readErrorBody(body: string): BodyFacts {
  const trimmed = body.trim();
  if (trimmed === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    // Proxies answer with HTML or plain text; an HTML page is noise to the user.
    return /^<(!doctype|html)/i.test(trimmed) ? {} : { text: clip(trimmed) };
  }
  const validation = ValidationSchema.safeParse(json);
  if (validation.success) {
    const fields = [...new Set(validation.data.invalid_fields.map((f) => fieldName(f.field)))];
    const described = validation.data.invalid_fields
      .map((f) => `${fieldName(f.field)}: ${f.description ?? f.type ?? 'invalid'}`)
      .join('; ');
    return { fields, text: clip(described || String(validation.data.detail ?? validation.data.title ?? '')) };
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (envelope.success) {
    const { code, message, details } = envelope.data.error;
    const parts = [message, typeof details === 'string' ? details : undefined].filter(Boolean);
    const facts: BodyFacts = { text: clip(parts.join(': ')) };
    if (code !== undefined) facts.code = code;
    if (envelope.data.request_id !== undefined) facts.requestId = envelope.data.request_id;
    return facts;
  }
  const flat = FlatMessageSchema.safeParse(json);
  if (flat.success) {
    const text = flat.data.error ?? flat.data.message ?? flat.data.detail;
    const facts: BodyFacts = {};
    if (text !== undefined) facts.text = clip(text);
    if (flat.data.request_id !== undefined) facts.requestId = flat.data.request_id;
    return facts;
  }
  return { text: clip(trimmed) };
}

export interface HttpErrorContext {
  op: HttpOperation;
  predictionId?: string;
  /** Milliseconds to wait, already parsed from Retry-After / RateLimit-Reset. */
  retryAfterMs?: number;
}

function sentence(serverText: string | undefined): string {
  return serverText ? l10n.t(' The server said: "{0}".', serverText) : '';
}

/** The user-facing error for an HTTP status the caller did not treat as success. */
export function httpError(status: number, body: string, ctx: HttpErrorContext): PrunaError {
  const facts = readErrorBody(body);
  const said = sentence(facts.text);
  const base: PrunaErrorDetails = { status };
  if (facts.code !== undefined) base.code = facts.code;
  if (facts.requestId !== undefined) base.requestId = facts.requestId;
  if (ctx.predictionId !== undefined) base.predictionId = ctx.predictionId;
  const make = (kind: PrunaErrorKind, message: string, extra: PrunaErrorDetails = {}): PrunaError =>
    new PrunaError(kind, message, { ...base, ...extra });

  if (status === 401) {
    const where = ctx.op === 'download' ? l10n.t(' when downloading the result') : '';
    return make('auth', l10n.t('The P-API rejected the API key (401){0}. Set a valid key with "Pruna: Set API Key".', where), {
      hint: 'set-api-key',
    });
  }
  if (status === 402) {
    return make('quota', l10n.t('The P-API refused the request for billing reasons (402).{0} Check your Pruna credits.', said), {
      hint: 'contact-support',
    });
  }
  if (status === 403 && ctx.op === 'download') {
    // Delivery links are signed and time-limited: a 403 there means the link ran out, not a key problem.
    return make('expired', l10n.t('The download link has expired (403). Resume the job to ask the P-API for a fresh link, or generate again.'), {
      hint: 'retry',
    });
  }
  if (status === 403) {
    return make('forbidden', l10n.t('The P-API refused access (403).{0} Check that your key may use this model.', said), {
      hint: 'contact-support',
    });
  }
  if (status === 404) {
    if (ctx.op === 'status') {
      return make(
        'not-found',
        l10n.t('The P-API no longer knows this prediction (404): it expired or never existed. Start a new generation.'),
        { hint: 'retry', retryable: false },
      );
    }
    const what = ctx.op === 'download' ? l10n.t('The generated file was not found') : l10n.t('The P-API endpoint was not found');
    return make('not-found', l10n.t('{0} (404).{1} Check the pruna.apiBaseUrl setting or generate again.', what, said));
  }
  if (status === 410) {
    return make('expired', l10n.t('The generated file has expired on the P-API (410); outputs are kept about 24 hours. Generate it again.'), {
      hint: 'retry',
    });
  }
  if (status === 413) {
    return make('file-too-large', l10n.t('The P-API rejected the upload as too large (413).{0} Files must be under 100 MB.', said), {
      hint: 'check-input',
    });
  }
  if (status === 422) {
    const fields = facts.fields ?? [];
    const named = fields.length > 0 ? ` (${fields.join(', ')})` : '';
    return make('invalid-input', l10n.t('The P-API rejected the input{0} (422).{1} Fix the input and try again.', named, said), {
      hint: 'check-input',
      fields,
    });
  }
  if (status === 429) {
    const wait = ctx.retryAfterMs !== undefined ? l10n.t(' Try again in {0} s.', Math.ceil(ctx.retryAfterMs / 1000)) : l10n.t(' Wait a moment and try again.');
    const extra: PrunaErrorDetails = { hint: 'wait' };
    if (ctx.retryAfterMs !== undefined) extra.retryAfterMs = ctx.retryAfterMs;
    return make('rate-limited', l10n.t('The P-API rate limit was reached (429).{0}', wait), extra);
  }
  if (status === 400) {
    if (facts.code === 'INVALID_FILE') {
      return make('invalid-file', l10n.t('The P-API rejected the uploaded file (400).{0} Use a PNG, JPEG, WebP or GIF image.', said), {
        hint: 'check-input',
      });
    }
    return make('invalid-input', l10n.t('The P-API rejected the request (400).{0} Check the input.', said), { hint: 'check-input' });
  }
  if (status >= 500) {
    const name = status === 502 || status === 503 || status === 504 ? l10n.t(' (the gateway or service is unavailable)') : '';
    const extra: PrunaErrorDetails = { hint: 'retry' };
    if (ctx.retryAfterMs !== undefined) extra.retryAfterMs = ctx.retryAfterMs;
    return make('server', l10n.t('The P-API had a server error ({0}){1}.{2} Try again later.', status, name, said), extra);
  }
  return make('bad-response', l10n.t('The P-API answered with an unexpected status {0}.{1}', status, said), { retryable: false });
}

// One error type for everything the core can fail with. Every failure the user may see is a PrunaError whose message
// is already user-facing; the extension shows `message` and offers an action from `hint`.
import * as l10n from './l10n';
import * as z from 'zod';

export const PRUNA_ERROR_KINDS = [
  'invalid-input',
  'invalid-file',
  'file-too-large',
  'auth',
  'quota',
  'forbidden',
  'not-found',
  'expired',
  'rate-limited',
  'server',
  'timeout',
  'network',
  'bad-response',
  'generation-failed',
  'canceled',
  'ambiguous-submit',
  'no-api-key',
] as const;
export type PrunaErrorKind = (typeof PRUNA_ERROR_KINDS)[number];

export const PRUNA_ERROR_HINTS = ['set-api-key', 'retry', 'wait', 'check-input', 'reupload', 'contact-support'] as const;
export type PrunaErrorHint = (typeof PRUNA_ERROR_HINTS)[number];

export const SerializedPrunaErrorSchema = z.object({
  kind: z.enum(PRUNA_ERROR_KINDS),
  message: z.string(),
  status: z.number().int().optional(),
  fields: z.array(z.string()).optional(),
  hint: z.enum(PRUNA_ERROR_HINTS).optional(),
  mayHaveBeenCreated: z.boolean().optional(),
  retryable: z.boolean(),
  requestId: z.string().optional(),
  predictionId: z.string().optional(),
  /** Server error code (e.g. RATE_LIMIT_EXCEEDED) when the body carried one. */
  code: z.string().optional(),
});
export type SerializedPrunaError = z.infer<typeof SerializedPrunaErrorSchema>;

export interface PrunaErrorDetails {
  status?: number;
  fields?: string[];
  hint?: PrunaErrorHint;
  mayHaveBeenCreated?: boolean;
  retryable?: boolean;
  requestId?: string;
  predictionId?: string;
  code?: string;
  /** Milliseconds the server asked us to wait (429, 503); used by the retry loop, not persisted. */
  retryAfterMs?: number;
  /**
   * The request certainly never left this machine (connection refused, DNS failure, connect timeout), so sending
   * it again cannot create a second billed prediction. Used by the submit retry; not persisted.
   */
  notSent?: boolean;
  cause?: unknown;
}

/** Whether trying the same thing again can help, when the thrower did not say. */
const RETRYABLE_BY_DEFAULT: Record<PrunaErrorKind, boolean> = {
  'invalid-input': false,
  'invalid-file': false,
  'file-too-large': false,
  auth: false,
  quota: false,
  forbidden: false,
  'not-found': false,
  expired: true,
  'rate-limited': true,
  server: true,
  timeout: true,
  network: true,
  'bad-response': true,
  'generation-failed': true,
  canceled: true,
  'ambiguous-submit': true,
  'no-api-key': false,
};

export class PrunaError extends Error {
  override readonly name = 'PrunaError';
  readonly kind: PrunaErrorKind;
  readonly status?: number;
  readonly fields?: string[];
  readonly hint?: PrunaErrorHint;
  readonly mayHaveBeenCreated?: boolean;
  readonly retryable: boolean;
  readonly requestId?: string;
  readonly predictionId?: string;
  readonly code?: string;
  readonly retryAfterMs?: number;
  readonly notSent?: boolean;

  constructor(kind: PrunaErrorKind, message: string, details: PrunaErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.retryable = details.retryable ?? RETRYABLE_BY_DEFAULT[kind];
    if (details.status !== undefined) this.status = details.status;
    if (details.fields !== undefined) this.fields = details.fields;
    if (details.hint !== undefined) this.hint = details.hint;
    if (details.mayHaveBeenCreated !== undefined) this.mayHaveBeenCreated = details.mayHaveBeenCreated;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.predictionId !== undefined) this.predictionId = details.predictionId;
    if (details.code !== undefined) this.code = details.code;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.notSent !== undefined) this.notSent = details.notSent;
  }

  /** A copy with more details (e.g. the prediction id once known); errors are immutable so records stay consistent. */
  with(details: PrunaErrorDetails & { message?: string; kind?: PrunaErrorKind }): PrunaError {
    const { message, kind, ...rest } = details;
    return new PrunaError(kind ?? this.kind, message ?? this.message, { ...this.details(), ...rest });
  }

  toJSON(): SerializedPrunaError {
    const out: SerializedPrunaError = { kind: this.kind, message: this.message, retryable: this.retryable };
    if (this.status !== undefined) out.status = this.status;
    if (this.fields !== undefined) out.fields = [...this.fields];
    if (this.hint !== undefined) out.hint = this.hint;
    if (this.mayHaveBeenCreated !== undefined) out.mayHaveBeenCreated = this.mayHaveBeenCreated;
    if (this.requestId !== undefined) out.requestId = this.requestId;
    if (this.predictionId !== undefined) out.predictionId = this.predictionId;
    if (this.code !== undefined) out.code = this.code;
    return out;
  }

  static fromJSON(o: SerializedPrunaError): PrunaError {
    const parsed = SerializedPrunaErrorSchema.parse(o);
    const { kind, message, ...details } = parsed;
    return new PrunaError(kind, message, details);
  }

  private details(): PrunaErrorDetails {
    const { kind: _kind, message: _message, ...rest } = this.toJSON();
    void _kind;
    void _message;
    return {
      ...rest,
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(this.notSent !== undefined ? { notSent: this.notSent } : {}),
    };
  }
}

export function isPrunaError(e: unknown): e is PrunaError {
  return e instanceof PrunaError;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const FILE_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ENOSPC', 'EROFS', 'EMFILE', 'EEXIST']);

function codeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // undici wraps socket errors; the interesting code is often on the cause.
  const cause = (e as { cause?: unknown }).cause;
  return cause !== undefined && cause !== e ? codeOf(cause) : undefined;
}

function isAbort(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const name = (e as { name?: unknown }).name;
  const code = (e as { code?: unknown }).code;
  return name === 'AbortError' || code === 'ABORT_ERR' || code === 'UND_ERR_ABORTED' || code === 'UND_ERR_ABORT';
}

/**
 * The one mapper from anything thrown to a PrunaError. HTTP responses are mapped by `httpError` (httpErrors.ts);
 * this handles what is left: aborts, timeouts, socket failures, file-system errors and programming errors.
 */
export function toPrunaError(e: unknown): PrunaError {
  if (e instanceof PrunaError) return e;
  if (isAbort(e)) {
    // A deadline abort carries a PrunaError as its reason; keep it.
    const reason = (e as { cause?: unknown }).cause;
    if (reason instanceof PrunaError) return reason;
    return new PrunaError('canceled', l10n.t('The request was canceled.'), { cause: e });
  }
  const code = codeOf(e);
  const detail = e instanceof Error ? e.message : String(e);
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new PrunaError('timeout', l10n.t('The P-API did not answer in time. Check your connection and try again.'), {
      hint: 'retry',
      code,
      cause: e,
    });
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new PrunaError(
      'network',
      l10n.t('Could not reach the P-API ({0}). Check your connection and the pruna.apiBaseUrl setting.', code),
      { hint: 'retry', code, cause: e },
    );
  }
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new PrunaError('network', l10n.t('The connection to the P-API failed ({0}). Try again.', code), {
      hint: 'retry',
      code,
      cause: e,
    });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new PrunaError('invalid-file', l10n.t('The disk is full ({0}): free some space, then resume the job.', code), { hint: 'retry', retryable: true, code, cause: e });
  }
  if (code !== undefined && FILE_CODES.has(code)) {
    const path = (e as { path?: unknown }).path;
    const where = typeof path === 'string' ? ` ${path}` : '';
    return new PrunaError('invalid-file', l10n.t('Could not access the file{0} ({1}).', where, code), {
      hint: 'check-input',
      code,
      cause: e,
    });
  }
  if (e instanceof SyntaxError) {
    return new PrunaError('bad-response', l10n.t('The P-API sent a response that could not be read: {0}', detail), {
      hint: 'retry',
      cause: e,
    });
  }
  return new PrunaError('network', l10n.t('Unexpected failure while talking to the P-API: {0}', detail), {
    retryable: false,
    cause: e,
  });
}

/** Replaces every occurrence of a secret in a PrunaError's message; defence in depth for echoed server text. */
export function redactError(err: PrunaError, secret: string | undefined): PrunaError {
  if (!secret || secret.length < 4 || !err.message.includes(secret)) return err;
  return err.with({ message: err.message.split(secret).join('***') });
}

import * as assert from 'node:assert/strict';
import { httpError, PrunaError, toPrunaError } from '../../../src/core';

const envelope = (code: string, message: string, details?: string) =>
  JSON.stringify({ error: { code, message, details }, request_id: 'req_1' });

describe('HTTP error mapping', () => {
  it('reads the documented error envelope, keeping code and request id', () => {
    const err = httpError(400, envelope('VALIDATION_ERROR', 'Invalid request parameters', "Field 'model' is required"), { op: 'submit' });
    assert.equal(err.kind, 'invalid-input');
    assert.equal(err.code, 'VALIDATION_ERROR');
    assert.equal(err.requestId, 'req_1');
    assert.match(err.message, /Invalid request parameters: Field 'model' is required/);
  });

  it('names the fields of a 422 invalid_fields body without the input. prefix', () => {
    const body = JSON.stringify({
      detail: '- input.prompt: Field required\n',
      status: 422,
      title: 'Input validation failed',
      invalid_fields: [
        { type: 'missing', field: 'input.prompt', description: 'Field required' },
        { type: 'invalid_type', field: 'input.seed', description: 'Invalid type. Expected: integer, given: string' },
      ],
    });
    const err = httpError(422, body, { op: 'submit' });
    assert.equal(err.kind, 'invalid-input');
    assert.deepEqual(err.fields, ['prompt', 'seed']);
    assert.match(err.message, /\(prompt, seed\) \(422\)/);
    assert.equal(err.hint, 'check-input');
  });

  it("reads Kong's {message} body", () => {
    const err = httpError(429, JSON.stringify({ message: 'API rate limit exceeded' }), { op: 'submit', retryAfterMs: 4200 });
    assert.equal(err.kind, 'rate-limited');
    assert.equal(err.retryAfterMs, 4200);
    assert.match(err.message, /Try again in 5 s/);
    assert.equal(err.hint, 'wait');
  });

  it('quotes a short plain-text body and drops an HTML error page', () => {
    assert.match(httpError(502, 'upstream connect error', { op: 'status' }).message, /"upstream connect error"/);
    const html = httpError(502, '<!DOCTYPE html><html><body>Bad gateway</body></html>', { op: 'status' });
    assert.equal(html.kind, 'server');
    assert.doesNotMatch(html.message, /html/i);
  });

  it('maps an empty body by status alone', () => {
    const err = httpError(503, '', { op: 'download' });
    assert.equal(err.kind, 'server');
    assert.equal(err.retryable, true);
    assert.equal(err.status, 503);
  });

  it('turns 401 into a set-the-key action', () => {
    const err = httpError(401, envelope('AUTHENTICATION_FAILED', 'Invalid or missing API key'), { op: 'submit' });
    assert.equal(err.kind, 'auth');
    assert.equal(err.hint, 'set-api-key');
    assert.equal(err.retryable, false);
    assert.match(err.message, /Pruna: Set API Key/);
  });

  it('maps 402, 403, 410 and 413 to quota, forbidden, expired and file-too-large', () => {
    assert.equal(httpError(402, '', { op: 'submit' }).kind, 'quota');
    assert.equal(httpError(403, '', { op: 'submit' }).kind, 'forbidden');
    const gone = httpError(410, envelope('CONTENT_EXPIRED', 'expired'), { op: 'download' });
    assert.equal(gone.kind, 'expired');
    assert.match(gone.message, /24 hours/);
    assert.equal(httpError(413, '', { op: 'upload' }).kind, 'file-too-large');
  });

  it('says a 404 on status means the prediction expired, and does not retry it', () => {
    const err = httpError(404, envelope('NOT_FOUND', 'not found'), { op: 'status', predictionId: 'abc' });
    assert.equal(err.kind, 'not-found');
    assert.equal(err.predictionId, 'abc');
    assert.equal(err.retryable, false);
    assert.match(err.message, /expired/);
  });

  it('maps an INVALID_FILE upload rejection to invalid-file', () => {
    assert.equal(httpError(400, envelope('INVALID_FILE', 'bad'), { op: 'upload' }).kind, 'invalid-file');
  });
});

describe('toPrunaError', () => {
  it('maps an abort to canceled and keeps a PrunaError abort reason', () => {
    assert.equal(toPrunaError(Object.assign(new Error('x'), { name: 'AbortError' })).kind, 'canceled');
    const reason = new PrunaError('timeout', 'Gave up');
    assert.equal(toPrunaError(Object.assign(new Error('x'), { name: 'AbortError', cause: reason })), reason);
  });

  it('maps undici timeouts, refused and reset connections', () => {
    assert.equal(toPrunaError(Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' })).kind, 'timeout');
    const refused = toPrunaError(Object.assign(new Error('connect'), { cause: { code: 'ECONNREFUSED' } }));
    assert.equal(refused.kind, 'network');
    assert.match(refused.message, /pruna\.apiBaseUrl/);
    assert.equal(toPrunaError(Object.assign(new Error('s'), { code: 'UND_ERR_SOCKET', cause: { code: 'ECONNRESET' } })).kind, 'network');
  });

  it('maps file-system errors to invalid-file with the path', () => {
    const err = toPrunaError(Object.assign(new Error('nope'), { code: 'ENOENT', path: '/x/cat.png' }));
    assert.equal(err.kind, 'invalid-file');
    assert.match(err.message, /\/x\/cat\.png/);
  });

  it('survives a JSON round trip with every field', () => {
    const err = new PrunaError('ambiguous-submit', 'maybe', { status: 504, mayHaveBeenCreated: true, hint: 'retry', predictionId: 'p1', fields: ['a'] });
    const back = PrunaError.fromJSON(JSON.parse(JSON.stringify(err)));
    assert.ok(back instanceof PrunaError);
    assert.deepEqual(back.toJSON(), err.toJSON());
    assert.equal(back.mayHaveBeenCreated, true);
  });
});

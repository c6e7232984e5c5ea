import * as assert from 'node:assert/strict';
import { parseFromWebview, parseToWebview, type FromWebview, type Job, type ToWebview } from '../../../src/shared/protocol';
import { MAX_VARIATIONS } from '../../../src/shared/limits';

const runForm = { model: 'p-image', prompt: 'a red fox', params: { aspect_ratio: '1:1', seed: 7, turbo: true }, images: [], count: 1 };

function envelope(body: unknown, extra: Record<string, unknown> = {}) {
  // A structured-clone round trip, as postMessage does.
  return JSON.parse(JSON.stringify({ id: 3, ...extra, body }));
}

describe('studio protocol: webview -> host', () => {
  const valid: FromWebview[] = [
    { type: 'ready', inputs: ['file:///w/a.png', 'https://example.com/b.jpg'] },
    { type: 'pickImages' },
    { type: 'addInputs', values: ['file:///w/a.png'] },
    { type: 'addUrl', url: 'https://example.com/a.png' },
    { type: 'addFileData', name: 'photo.png', data: 'iVBORw0KGgo=' },
    { type: 'run', form: runForm },
    { type: 'cancelJob', jobId: 'job-1' },
    { type: 'retryJob', jobId: 'job-1' },
    { type: 'galleryAction', action: 'insert', uri: 'file:///w/pruna/a.png' },
    { type: 'useAsInput', uri: 'file:///w/pruna/a.png' },
    { type: 'regenerate', uri: 'file:///w/pruna/a.png', seed: 'same' },
  ];
  for (const body of valid) {
    it(`accepts a well-formed "${body.type}" message unchanged`, () => {
      const parsed = parseFromWebview(envelope(body));
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      assert.deepEqual(parsed.envelope, { id: 3, body });
    });
  }

  it('keeps the reply id of a reply', () => {
    const parsed = parseFromWebview(envelope({ type: 'pickImages' }, { replyTo: 9 }));
    assert.ok(parsed.ok);
    assert.equal(parsed.envelope.replyTo, 9);
  });

  it('rejects an unknown message type and names it', () => {
    const parsed = parseFromWebview(envelope({ type: 'deleteEverything' }));
    assert.ok(!parsed.ok);
    assert.equal(parsed.id, 3, 'the id is kept so the host can answer with an error');
    assert.match(parsed.error, /deleteEverything/);
  });

  it('rejects extra fields instead of silently dropping them', () => {
    const parsed = parseFromWebview(envelope({ type: 'cancelJob', jobId: 'j', force: true }));
    assert.ok(!parsed.ok);
    assert.match(parsed.error, /force/);
  });

  it('rejects a run whose parameters are not plain values', () => {
    const parsed = parseFromWebview(envelope({ type: 'run', form: { ...runForm, params: { seed: { $gt: 1 } } } }));
    assert.ok(!parsed.ok);
    assert.match(parsed.error, /form\.params\.seed/);
  });

  it(`rejects more than ${MAX_VARIATIONS} variations`, () => {
    const parsed = parseFromWebview(envelope({ type: 'run', form: { ...runForm, count: MAX_VARIATIONS + 1 } }));
    assert.ok(!parsed.ok);
    assert.match(parsed.error, /form\.count/);
  });

  it('rejects a gallery action the host does not offer', () => {
    const parsed = parseFromWebview(envelope({ type: 'galleryAction', action: 'delete', uri: 'file:///w/a.png' }));
    assert.ok(!parsed.ok);
  });

  it('rejects dropped file data that is not base64', () => {
    const parsed = parseFromWebview(envelope({ type: 'addFileData', name: 'x.png', data: 'not base64!' }));
    assert.ok(!parsed.ok);
    assert.match(parsed.error, /data/);
  });

  it('rejects a malformed envelope without an id to answer', () => {
    for (const raw of [null, 'ready', { body: { type: 'ready', inputs: [] } }, { id: -1, body: {} }, { id: 1.5, body: {} }]) {
      const parsed = parseFromWebview(raw);
      assert.ok(!parsed.ok, JSON.stringify(raw));
      assert.equal(parsed.id, undefined);
      assert.match(parsed.error, /envelope/);
    }
  });
});

describe('studio protocol: host -> webview', () => {
  const job: Job = { id: 'j', model: 'p-image', kind: 'image', prompt: 'p', state: 'uploading', startedAt: 1, uploadProgress: 0.5, uploadExpiresAt: 2, outputs: [] };
  const valid: ToWebview[] = [
    {
      type: 'init',
      models: [
        {
          id: 'p-video',
          label: 'P-Video',
          kind: 'video',
          aspectRatios: ['16:9'],
          defaultAspectRatio: '16:9',
          options: [{ field: 'fps', label: 'Frames per second', type: 'enum', default: 24, values: [24, 48] }],
          images: { min: 0, max: 2 },
          seedMax: 2147483647,
          safety: { field: 'disable_safety_filter', defaultDisabled: true },
        },
      ],
      defaults: { disableSafetyChecker: false, defaultAspectRatio: '16:9', seed: 'random' },
      jobs: [job],
      gallery: [
        {
          uri: 'file:///w/pruna/a.png',
          name: 'a.png',
          path: 'pruna/a.png',
          media: 'image',
          thumbnail: 'https://file+.vscode-resource.vscode-cdn.net/w/pruna/a.png',
          recipe: { model: 'p-image', prompt: 'p', seed: 1, params: { aspect_ratio: '1:1' }, createdAt: '2026-01-01T00:00:00Z' },
        },
      ],
      inputs: [{ source: 'file:///w/a.png', name: 'a.png', size: 10, width: 4, height: 3, remote: false }],
    },
    { type: 'jobs', jobs: [job] },
    { type: 'inputsAdded', inputs: [], rejected: [{ value: '/w/a.txt', reason: 'not an image' }] },
    { type: 'runResult', ok: false, message: 'Check "width"', fields: { width: 'Must be at most 1440.' } },
    { type: 'error', message: 'nope' },
  ];
  for (const body of valid) {
    it(`round-trips a "${body.type}" message`, () => {
      const parsed = parseToWebview(envelope(body, { replyTo: 1 }));
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      assert.deepEqual(parsed.envelope.body, body);
    });
  }

  it('rejects a job in a state the panel cannot show', () => {
    const parsed = parseToWebview(envelope({ type: 'jobs', jobs: [{ ...job, state: 'exploded' }] }));
    assert.ok(!parsed.ok);
  });
});

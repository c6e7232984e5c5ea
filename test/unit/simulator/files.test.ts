import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { decodePngSize } from '../../simulator/index';
import { encodePng } from '../../simulator/png';
import { asJson, download, generate, KEY, sleep, submit, upload, useSimulator } from './support';

const tinyPng = (width: number, height: number) => encodePng(width, height, () => Buffer.alloc(width * 3, 0x80));

describe('simulator: file uploads', () => {
  const sim = useSimulator({ maxUploadBytes: 64 * 1024 });

  it('stores an upload and answers the documented FileUploadResponse', async () => {
    const bytes = tinyPng(600, 400);
    const res = await upload(sim(), bytes, 'photo.png', 'image/png');
    assert.equal(res.status, 201);
    const body = res.body;
    assert.match(body.id, /^[a-z0-9]{10}$/);
    assert.equal(body.name, 'photo.png');
    assert.equal(body.content_type, 'image/png');
    assert.equal(body.size, bytes.length);
    assert.equal(body.checksums.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.match(body.etag, /^"[0-9a-f]{32}"$/);
    assert.deepEqual(body.metadata, { content_length: bytes.length, width: 600, height: 400 });
    assert.equal(body.urls.get, `${sim().url}/v1/files/${body.id}`);
    const created = Date.parse(body.created_at);
    assert.equal(Date.parse(body.expires_at) - created, 30 * 60 * 1000);
  });

  it('serves the uploaded bytes back at urls.get', async () => {
    const bytes = Buffer.from('GIF89a not really');
    const { body } = await upload(sim(), bytes, 'a.gif', 'image/gif');
    const res = await fetch(body.urls.get);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/gif');
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(bytes));
  });

  it('renders an edit with match_input_image at the ratio of an uploaded first image', async () => {
    const { body } = await upload(sim(), tinyPng(600, 400));
    const url = await generate(sim(), 'p-image-edit', { prompt: 'x', images: [body.urls.get] });
    assert.deepEqual(decodePngSize((await download(sim(), url)).bytes), { width: 1216, height: 832 });
  });

  it('answers 413 FILE_TOO_LARGE when the file exceeds maxUploadBytes, and takes one byte less', async () => {
    const max = 64 * 1024;
    const over = await upload(sim(), Buffer.alloc(max + 1, 7), 'big.bin', 'application/octet-stream');
    assert.equal(over.status, 413);
    assert.equal(over.body.error.code, 'FILE_TOO_LARGE');
    const exact = await upload(sim(), Buffer.alloc(max, 7), 'ok.bin', 'application/octet-stream');
    assert.equal(exact.status, 201);
  });

  it('answers 413 while the oversize upload is still streaming (the client never finishes sending)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${sim().url}/v1/files`, {
        method: 'POST',
        headers: { apikey: KEY, 'content-type': 'multipart/form-data; boundary=xyz' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('--xyz\r\nContent-Disposition: form-data; name="content"; filename="big.bin"\r\n\r\n');
      req.write(Buffer.alloc(64 * 1024 + 100, 1)); // over the limit; the request is deliberately left open
    });
    assert.equal(status, 413);
  });

  it('answers 400 INVALID_FILE when the content part is missing, empty or the body is not multipart', async () => {
    const wrongPart = await upload(sim(), Buffer.from('x'), 'a.txt', 'text/plain', 'file');
    assert.equal(wrongPart.status, 400);
    assert.equal(wrongPart.body.error.code, 'INVALID_FILE');
    assert.equal(wrongPart.body.error.message, 'The uploaded file is invalid or missing');
    const empty = await upload(sim(), Buffer.alloc(0), 'a.txt', 'text/plain');
    assert.equal(empty.body.error.code, 'INVALID_FILE');
    const notMultipart = await asJson(
      await fetch(`${sim().url}/v1/files`, { method: 'POST', headers: { apikey: KEY, 'content-type': 'image/png' }, body: new Uint8Array(tinyPng(2, 2)) }),
    );
    assert.equal(notMultipart.status, 400);
    assert.equal(notMultipart.body.error.code, 'INVALID_FILE');
  });

  it('answers 400 INVALID_FILE for a multipart body that never closes', async () => {
    const body = '--b\r\nContent-Disposition: form-data; name="content"; filename="a"\r\n\r\nabc';
    const res = await asJson(
      await fetch(`${sim().url}/v1/files`, {
        method: 'POST',
        headers: { apikey: KEY, 'content-type': 'multipart/form-data; boundary=b' },
        body,
      }),
    );
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'INVALID_FILE');
  });

  it('rejects an expired upload URL in an input with 422 naming the field, and stops serving it', async () => {
    sim().setOptions({ uploadTtlMs: 10 });
    let url: string;
    try {
      url = (await upload(sim(), tinyPng(8, 8))).body.urls.get;
    } finally {
      sim().setOptions({ uploadTtlMs: undefined });
    }
    await sleep(30);
    const res = await submit(sim(), 'p-image-edit', { prompt: 'x', images: ['https://example.com/a.png', url] });
    assert.equal(res.status, 422);
    assert.equal(res.body.invalid_fields[0].field, 'input.images.1');
    assert.equal(res.body.invalid_fields[0].type, 'file_expired');
    assert.equal((await fetch(url)).status, 404);
  });

  it('accepts a live upload URL in an input', async () => {
    const { body } = await upload(sim(), tinyPng(8, 8));
    const res = await submit(sim(), 'wan-i2v', { prompt: 'x', image: body.urls.get });
    assert.equal(res.status, 201);
  });
});

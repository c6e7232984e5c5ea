// A multipart/form-data body that streams the file from disk with a known Content-Length, so a 100 MB upload never
// sits in memory and the server sees an ordinary, non-chunked request.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';

export interface MultipartFile {
  path: string;
  size: number;
  mime: string;
  field: string;
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

export interface MultipartBody {
  body: Readable;
  contentType: string;
  contentLength: number;
}

/** Header-safe file name: the server only uses it for display. */
function safeName(path: string): string {
  return basename(path).replace(/[^\x20-\x7e]|["\\]/g, '_') || 'upload';
}

export function multipartFileBody(f: MultipartFile): MultipartBody {
  const boundary = `----pruna-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${safeName(f.path)}"\r\n` +
      `Content-Type: ${f.mime}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* parts(): AsyncGenerator<Buffer> {
    yield head;
    let sent = 0;
    const stream = createReadStream(f.path, { highWaterMark: 256 * 1024, ...(f.signal ? { signal: f.signal } : {}) });
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      sent += buf.length;
      f.onProgress?.(sent, f.size);
      yield buf;
    }
    yield tail;
  }
  return {
    body: Readable.from(parts(), { objectMode: false }),
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: head.length + f.size + tail.length,
  };
}

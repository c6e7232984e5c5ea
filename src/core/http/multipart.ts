// A multipart/form-data body that streams the file from disk with a known Content-Length, so a 100 MB upload never
// sits in memory and the server sees an ordinary, non-chunked request.
//
// The file is read through a small ring of reused buffers instead of a fresh buffer per chunk: 100 MB of short-lived
// chunks would otherwise pile up as garbage (tens of MB of RSS) before the GC runs. Reuse is safe because undici pulls
// an async iterable one chunk at a time and waits for the socket to drain whenever a write is not fully taken, and
// every chunk is larger than the socket's high-water mark; so when chunk k+RING is requested, chunk k has been
// handed to the kernel. The server's sha256 is also checked against ours after the upload (see client.ts).
import * as l10n from '../l10n';
// Measured (issue 9 audit, `npm run bench -- --only=upload`, 5 interleaved runs): peak RSS growth for 100 MB is
// 6.3-8.0 MB with the ring, 35-37 MB with a fresh buffer per chunk (over the 30 MB target).
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';

const CHUNK = 256 * 1024;
const RING = 4;

export interface MultipartFile {
  path: string;
  size: number;
  mime: string;
  field: string;
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

export interface MultipartBody {
  body: AsyncIterable<Uint8Array>;
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
  async function* parts(): AsyncGenerator<Uint8Array> {
    yield head;
    const ring = Array.from({ length: RING }, () => Buffer.allocUnsafe(CHUNK));
    const handle = await open(f.path, 'r');
    try {
      let sent = 0;
      for (let i = 0; sent < f.size; i++) {
        f.signal?.throwIfAborted();
        const buf = ring[i % RING] as Buffer;
        const { bytesRead } = await handle.read(buf, 0, Math.min(CHUNK, f.size - sent), sent);
        // A file that shrank since it was checked would make the Content-Length a lie: stop loudly.
        if (bytesRead === 0) throw new Error(l10n.t('"{0}" changed while it was being uploaded.', basename(f.path)));
        sent += bytesRead;
        f.onProgress?.(sent, f.size);
        yield buf.subarray(0, bytesRead);
      }
    } finally {
      await handle.close();
    }
    yield tail;
  }
  return {
    body: parts(),
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: head.length + f.size + tail.length,
  };
}

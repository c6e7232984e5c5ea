// Writes a response body to a file opened while the request was still in flight, so the file system's open
// overlaps the network round trip instead of following it. Plain sequential writes to one descriptor through the
// callback API: the bytes arrive in order anyway, and (measured on Node 20) a FileHandle or a stream pipeline costs
// several times more main-thread time per small image than the three system calls themselves.
// Worth its complexity (issue 9 audit, `npm run bench -- --only=overhead`, 5 interleaved runs each): with it the
// overhead ratio is 1.10 (pair median; 1.13 in CPU time), with a plain createWriteStream + pipeline opened after
// the answer it is 1.22 (1.26 CPU), i.e. ~0.12 of the ~0.10-0.14 budget.
import { close, open, write } from 'node:fs';

export interface OpeningFile {
  /** Writes every chunk of `body` in order; resolves with the number of bytes written. Closes the file either way. */
  write(body: AsyncIterable<Uint8Array>, onChunk?: (received: number) => void): Promise<number>;
  /** Gives up on the file (the request failed): closes it once it is open. The caller removes the path. */
  discard(): Promise<void>;
}

function writeAll(fd: number, chunk: Uint8Array): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const next = (offset: number): void => {
      write(fd, chunk, offset, chunk.length - offset, null, (err, written) => {
        if (err) reject(err);
        else if (offset + written < chunk.length) next(offset + written);
        else resolve();
      });
    };
    next(0);
  });
}

function closeFd(fd: number): Promise<void> {
  return new Promise<void>((resolve, reject) => close(fd, (err) => (err ? reject(err) : resolve())));
}

export function openForDownload(path: string): OpeningFile {
  const opening = new Promise<number>((resolve, reject) => open(path, 'w', (err, fd) => (err ? reject(err) : resolve(fd))));
  // Nobody may await it when the request fails first; its failure then surfaces through discard()/write().
  opening.catch(() => undefined);
  return {
    async write(body, onChunk) {
      const fd = await opening;
      let received = 0;
      try {
        for await (const chunk of body) {
          await writeAll(fd, chunk);
          received += chunk.length;
          onChunk?.(received);
        }
      } finally {
        await closeFd(fd);
      }
      return received;
    },
    async discard() {
      const fd = await opening.catch(() => undefined);
      if (fd !== undefined) await closeFd(fd).catch(() => undefined);
    },
  };
}

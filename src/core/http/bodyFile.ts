// Writes a response body to a file opened while the request was still in flight, so the file system's open
// overlaps the network round trip instead of following it. Plain sequential writes through one FileHandle: the
// bytes arrive in order anyway, and this skips the stream-pipeline machinery a small image does not need.
import { open, type FileHandle } from 'node:fs/promises';

export interface OpeningFile {
  /** Writes every chunk of `body` in order; resolves with the number of bytes written. Closes the file either way. */
  write(body: AsyncIterable<Uint8Array>, onChunk?: (received: number) => void): Promise<number>;
  /** Gives up on the file (the request failed): closes it once it is open. The caller removes the path. */
  discard(): Promise<void>;
}

export function openForDownload(path: string): OpeningFile {
  const opening: Promise<FileHandle> = open(path, 'w');
  // Nobody may await it when the request fails first; its failure then surfaces through discard()/write().
  opening.catch(() => undefined);
  return {
    async write(body, onChunk) {
      const handle = await opening;
      let received = 0;
      try {
        for await (const chunk of body) {
          for (let offset = 0; offset < chunk.length; ) {
            const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
            offset += bytesWritten;
          }
          received += chunk.length;
          onChunk?.(received);
        }
      } finally {
        await handle.close();
      }
      return received;
    },
    async discard() {
      const handle = await opening.catch(() => undefined);
      await handle?.close().catch(() => undefined);
    },
  };
}

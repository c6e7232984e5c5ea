// POST /v1/files (multipart, part `content`, parsed while it streams) and GET /v1/files/{id}.
import { checkAuth, checkRate, type SimContext } from './context';
import { envelope } from './errors';
import { FileStore } from './files';
import { answer, answerJson, type Exchange } from './http';
import { ENDPOINT_RPM } from './models';
import { MultipartParser, multipartBoundary } from './multipart';

/** After refusing an upload the rest of the body is read and dropped up to this much, then the socket is cut. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

class TooLarge extends Error {}

function invalidFile(ex: Exchange, details: string): void {
  answerJson(ex, 400, envelope(400, details, 'INVALID_FILE'));
}

function sizeText(bytes: number): string {
  const mb = 1024 * 1024;
  return bytes % mb === 0 ? `${bytes / mb}MB` : `${bytes} bytes`;
}

interface ContentPart {
  name: string;
  contentType: string;
  chunks: Buffer[];
  size: number;
}

export function uploadFile(ctx: SimContext, ex: Exchange): Promise<void> {
  if (!checkAuth(ctx, ex)) return Promise.resolve();
  if (!checkRate(ctx, ex, 'files', ENDPOINT_RPM.files)) return Promise.resolve();
  const boundary = multipartBoundary(ex.req.headers['content-type']);
  if (!boundary) {
    invalidFile(ex, "Send multipart/form-data with the file in a part named 'content'");
    return Promise.resolve();
  }
  const max = ctx.options.maxUploadBytes;
  let content: ContentPart | undefined;
  let inContent = false;
  const parser = new MultipartParser(boundary, {
    onPartStart(headers) {
      inContent = headers.name === 'content' && content === undefined;
      if (inContent) {
        content = {
          name: headers.filename || 'upload',
          contentType: headers.contentType || 'application/octet-stream',
          chunks: [],
          size: 0,
        };
      }
    },
    onPartData(data) {
      if (!inContent || !content) return;
      content.size += data.length;
      if (content.size > max) throw new TooLarge();
      content.chunks.push(data);
    },
    onPartEnd() {
      inContent = false;
    },
  });

  return new Promise((resolve) => {
    let refused = false;
    let dropped = 0;
    const refuse = (error: unknown) => {
      refused = true;
      content = undefined; // let the partial file go
      if (error instanceof TooLarge) {
        answerJson(ex, 413, envelope(413, `Maximum file size is ${sizeText(max)}`));
      } else {
        invalidFile(ex, `The multipart body is malformed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    ex.req.on('data', (chunk: Buffer) => {
      ex.record.bodyBytes += chunk.length;
      if (refused) {
        dropped += chunk.length;
        if (dropped > DRAIN_LIMIT_BYTES) ex.req.socket.destroy();
        return;
      }
      try {
        parser.write(chunk);
      } catch (error) {
        refuse(error);
      }
    });
    ex.req.on('end', () => {
      if (!refused) {
        try {
          parser.end();
          if (!content) invalidFile(ex, "No file found in the 'content' part; please provide a valid image or video file");
          else if (content.size === 0) invalidFile(ex, "The file in the 'content' part is empty");
          else {
            const file = ctx.files.add(content.name, content.contentType, Buffer.concat(content.chunks), ctx.options.uploadTtlMs);
            answerJson(ex, ctx.options.successStatus, FileStore.describe(file, ctx.url));
          }
        } catch (error) {
          refuse(error);
        }
      }
      resolve();
    });
    ex.req.on('close', () => resolve());
    ex.req.on('error', () => resolve());
  });
}

export function getFile(ctx: SimContext, ex: Exchange, id: string): void {
  if (ctx.options.deliveryRequiresKey && !checkAuth(ctx, ex)) return;
  if (!checkRate(ctx, ex, 'files', ENDPOINT_RPM.files)) return;
  const file = ctx.files.live(id);
  if (!file) return answerJson(ex, 404, envelope(404, 'File does not exist or has expired'));
  answer(ex, 200, { 'Content-Type': file.contentType, 'Cache-Control': 'private, max-age=60' }, file.bytes);
}

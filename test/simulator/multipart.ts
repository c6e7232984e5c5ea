// A streaming multipart/form-data parser: feed it chunks as they arrive; it calls back per part and keeps at most
// one delimiter's worth of bytes (plus part headers) in memory, so an oversize upload can be refused mid-stream.

export interface PartHeaders {
  name: string | undefined;
  filename: string | undefined;
  contentType: string | undefined;
}

export interface MultipartHandlers {
  onPartStart(headers: PartHeaders): void;
  onPartData(data: Buffer): void;
  onPartEnd(): void;
}

const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary from a Content-Type header, or undefined when it is not multipart/form-data with a boundary. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function parseHeaders(block: string): PartHeaders {
  const result: PartHeaders = { name: undefined, filename: undefined, contentType: undefined };
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') {
      result.name = /;\s*name="([^"]*)"/i.exec(value)?.[1] ?? /;\s*name=([^;\s]+)/i.exec(value)?.[1];
      result.filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1] ?? /;\s*filename=([^;\s]+)/i.exec(value)?.[1];
    } else if (key === 'content-type') {
      result.contentType = value;
    }
  }
  return result;
}

type State = 'preamble' | 'headers' | 'body' | 'after-delimiter' | 'done';

export class MultipartParser {
  private readonly first: Buffer;
  private readonly delimiter: Buffer;
  private buffer: Buffer = Buffer.alloc(0);
  private state: State = 'preamble';

  constructor(
    boundary: string,
    private readonly handlers: MultipartHandlers,
  ) {
    this.first = Buffer.from(`--${boundary}`);
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  get finished(): boolean {
    return this.state === 'done';
  }

  /** Throws an Error with a human-readable reason when the body is not valid multipart. */
  write(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.state === 'done') {
        this.buffer = Buffer.alloc(0); // epilogue: ignored
        return;
      }
      if (!this.step()) return;
    }
  }

  /** Call at end of input; throws when the closing delimiter never came. */
  end(): void {
    if (this.state !== 'done') throw new Error('The multipart body ended before its closing boundary');
  }

  /** Advances one state; false when more bytes are needed. */
  private step(): boolean {
    switch (this.state) {
      case 'preamble': {
        const at = this.buffer.indexOf(this.first);
        if (at < 0) {
          if (this.buffer.length > MAX_HEADER_BYTES) throw new Error('No multipart boundary found at the start of the body');
          return false;
        }
        this.buffer = this.buffer.subarray(at + this.first.length);
        this.state = 'after-delimiter';
        return true;
      }
      case 'after-delimiter': {
        if (this.buffer.length < 2) return false;
        const next = this.buffer.toString('latin1', 0, 2);
        if (next === '--') {
          this.state = 'done';
          return true;
        }
        if (next !== '\r\n') throw new Error('Malformed multipart boundary line');
        this.buffer = this.buffer.subarray(2);
        this.state = 'headers';
        return true;
      }
      case 'headers': {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) {
          if (this.buffer.length > MAX_HEADER_BYTES) throw new Error('Multipart part headers are too large');
          return false;
        }
        this.handlers.onPartStart(parseHeaders(this.buffer.toString('utf8', 0, end)));
        this.buffer = this.buffer.subarray(end + 4);
        this.state = 'body';
        return true;
      }
      case 'body': {
        const at = this.buffer.indexOf(this.delimiter);
        if (at >= 0) {
          if (at > 0) this.handlers.onPartData(this.buffer.subarray(0, at));
          this.handlers.onPartEnd();
          this.buffer = this.buffer.subarray(at + this.delimiter.length);
          this.state = 'after-delimiter';
          return true;
        }
        // Everything except a possible partial delimiter at the end is part data already.
        const safe = this.buffer.length - (this.delimiter.length - 1);
        if (safe > 0) {
          this.handlers.onPartData(this.buffer.subarray(0, safe));
          this.buffer = this.buffer.subarray(safe);
        }
        return false;
      }
      default:
        return false;
    }
  }
}

// Uploaded input files (POST /v1/files), kept in memory until they expire.
import { createHash } from 'node:crypto';
import { fileId } from './ids';
import { imageDimensions } from './sniff';

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  bytes: Buffer;
  createdAt: number;
  expiresAt: number;
  width?: number;
  height?: number;
}

/** The documented FileUploadResponse. */
export interface FileUploadResponse {
  id: string;
  name: string;
  content_type: string;
  size: number;
  etag: string;
  checksums: { sha256: string };
  metadata: { content_length: number; width?: number; height?: number };
  created_at: string;
  expires_at: string;
  urls: { get: string };
}

export class FileStore {
  private readonly items = new Map<string, StoredFile>();

  add(name: string, contentType: string, bytes: Buffer, ttlMs: number): StoredFile {
    const createdAt = Date.now();
    const file: StoredFile = { id: fileId(), name, contentType, bytes, createdAt, expiresAt: createdAt + ttlMs, ...imageDimensions(bytes) };
    this.items.set(file.id, file);
    return file;
  }

  /** The file if it exists and has not expired. */
  live(id: string, now = Date.now()): StoredFile | undefined {
    const file = this.items.get(id);
    return file && file.expiresAt > now ? file : undefined;
  }

  static describe(file: StoredFile, baseUrl: string): FileUploadResponse {
    const size = file.bytes.length;
    return {
      id: file.id,
      name: file.name,
      content_type: file.contentType,
      size,
      etag: `"${createHash('md5').update(file.bytes).digest('hex')}"`,
      checksums: { sha256: createHash('sha256').update(file.bytes).digest('hex') },
      metadata: {
        content_length: size,
        ...(file.width !== undefined && file.height !== undefined ? { width: file.width, height: file.height } : {}),
      },
      created_at: new Date(file.createdAt).toISOString(),
      expires_at: new Date(file.expiresAt).toISOString(),
      urls: { get: `${baseUrl}/v1/files/${file.id}` },
    };
  }
}

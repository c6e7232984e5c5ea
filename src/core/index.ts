// The core's public surface: everything the extension and tests may use. Never imports 'vscode'.
export * from './catalog';
export * from './errors';
export { httpError, readErrorBody, type HttpOperation } from './httpErrors';
export * from './client';
export { parseRetryAfter, parsePollInterval } from './http/retryAfter';
export { backoffDelay } from './http/backoff';
export { SlidingWindowLimiter } from './http/rateLimiter';
export { sniffType, extensionForMime, type SniffedType, type MediaCategory } from './http/sniff';
export { MAX_UPLOAD_BYTES } from './http/files';
export { MemoryUploadCache, UploadCacheEntrySchema, type UploadCacheEntry, type UploadCacheStore } from './http/uploadCache';
export { realSleep, type Sleep } from './http/sleep';
export { PREDICTION_STATUSES, type PredictionStatus } from './http/responses';
export * from './jobs/record';
export * from './jobs/engine';
export type { JobFiles } from './jobs/inputs';

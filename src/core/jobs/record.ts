// A job is a plain, serialisable record: the extension persists it on every change and can hand it back to
// JobEngine.resume() after a restart. Everything needed to continue (prediction id, status URL, delivery URL) is here.
import * as z from 'zod';
import { MODEL_IDS } from '../models/types';
import { PrunaError, SerializedPrunaErrorSchema } from '../errors';

export const JobStateSchema = z.enum([
  'uploading',
  'submitting',
  'queued',
  'processing',
  'downloading',
  'downloaded',
  'failed',
  'canceled',
]);
export type JobState = z.infer<typeof JobStateSchema>;

export const JobSourcesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const JobRecordSchema = z.object({
  id: z.string().min(1),
  model: z.enum(MODEL_IDS),
  /** The input as sent (file fields hold URLs once uploaded). */
  input: z.record(z.string(), z.unknown()),
  /** File field -> the original local path(s) or URL(s) the user chose. */
  sources: JobSourcesSchema.optional(),
  state: JobStateSchema,
  predictionId: z.string().optional(),
  getUrl: z.string().optional(),
  generationUrl: z.string().optional(),
  resultPath: z.string().optional(),
  contentType: z.string().optional(),
  resultBytes: z.number().optional(),
  uploadExpiresAt: z.number().optional(),
  error: SerializedPrunaErrorSchema.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  submittedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  label: z.string().optional(),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

export const TERMINAL_STATES: readonly JobState[] = ['downloaded', 'failed', 'canceled'];

/** Parses a persisted record; a damaged one is an input error the caller can show, not a crash. */
export function parseJobRecord(raw: unknown): JobRecord {
  const parsed = JobRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '(record)')))];
    throw new PrunaError('invalid-input', `The saved job record is damaged (${fields.join(', ')}); it cannot be resumed.`, {
      fields,
      retryable: false,
    });
  }
  return parsed.data;
}

/** Copies JSON-like data (what a record holds); much cheaper than structuredClone for these small objects. */
function copyJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyJson((value as Record<string, unknown>)[key]);
  return out;
}

/** A deep copy of a record, so a listener that keeps or changes it cannot touch the running job. */
export function copyRecord(record: JobRecord): JobRecord {
  return copyJson(record) as JobRecord;
}

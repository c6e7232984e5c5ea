// A job is a plain, serialisable record: the extension persists it on every change and can hand it back to
// JobEngine.resume() after a restart. Everything needed to continue (prediction id, status URL, delivery URL) is here.
//
// States say what is true (drawn in src/core/README.md):
//   queued      nothing sent yet (waiting for a slot, the rate limiter or local checks)
//   uploading   input files going to /v1/files (nothing billed yet)
//   sent        the prediction POST was written; no id yet (a reload now is ambiguous: it may have been billed)
//   running     the prediction id is known; polling
//   downloading the result URL is known; fetching it
//   downloaded  the result is in the temp file (the shell then saves it)
//   parked      the prediction exists but we stopped (deadline, outage, the user stopped watching): Resume continues
//               with no new POST
//   failed      failedBy says who: the API (it failed or expired the prediction), the client (before sending), or
//               'unconfirmed' (sent, but no answer said whether it was created)
//   canceled    stopped by the user before anything was sent
import * as l10n from '../l10n';
import * as z from 'zod';
import { MODEL_IDS } from '../models/types';
import { PrunaError, SerializedPrunaErrorSchema } from '../errors';

export const JOB_STATES = ['queued', 'uploading', 'sent', 'running', 'downloading', 'downloaded', 'parked', 'failed', 'canceled'] as const;
export const JobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobStateSchema>;

export const FAILED_BY = ['api', 'client', 'unconfirmed'] as const;
export type FailedBy = (typeof FAILED_BY)[number];

export const JobSourcesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** Records written before the explicit states (0.1.0) used other names; read them as what they meant. */
function legacyState(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const r = raw as Record<string, unknown>;
  const known = typeof r['predictionId'] === 'string';
  if (r['state'] === 'submitting') return { ...r, state: 'sent' };
  if (r['state'] === 'processing' || (r['state'] === 'queued' && known)) return { ...r, state: 'running' };
  return raw;
}

export const JobRecordSchema = z.preprocess(
  legacyState,
  z.object({
    id: z.string().min(1),
    model: z.enum(MODEL_IDS),
    /** The input as sent (file fields hold URLs once uploaded), without secret fields. */
    input: z.record(z.string(), z.unknown()),
    /** File field -> the original local path(s) or URL(s) the user chose. */
    sources: JobSourcesSchema.optional(),
    state: JobStateSchema,
    predictionId: z.string().optional(),
    getUrl: z.string().optional(),
    generationUrl: z.string().optional(),
    /** The last status the P-API reported (its own word, clipped), for the UI. */
    serverStatus: z.string().optional(),
    /** Set while transient trouble is being waited out: "waiting for the P-API (retrying)". */
    retrying: z.object({ since: z.number(), reason: z.string() }).optional(),
    resultPath: z.string().optional(),
    contentType: z.string().optional(),
    resultBytes: z.number().optional(),
    uploadExpiresAt: z.number().optional(),
    error: SerializedPrunaErrorSchema.optional(),
    failedBy: z.enum(FAILED_BY).optional(),
    createdAt: z.number(),
    updatedAt: z.number(),
    /** When the prediction POST was written (the job's deadline counts from here). */
    sentAt: z.number().optional(),
    submittedAt: z.number().optional(),
    finishedAt: z.number().optional(),
    label: z.string().optional(),
  }),
);
export type JobRecord = z.infer<typeof JobRecordSchema>;

export const TERMINAL_STATES: readonly JobState[] = ['downloaded', 'parked', 'failed', 'canceled'];

/** Whether the P-API has (or may have) a prediction for this record that Resume can fetch without a new POST. */
export function isResumable(record: Pick<JobRecord, 'predictionId' | 'generationUrl' | 'state'>): boolean {
  return (record.predictionId !== undefined || record.generationUrl !== undefined) && record.state !== 'downloaded';
}

/** Parses a persisted record; a damaged one is an input error the caller can show, not a crash. */
export function parseJobRecord(raw: unknown): JobRecord {
  const parsed = JobRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '(record)')))];
    throw new PrunaError('invalid-input', l10n.t('The saved job record is damaged ({0}); it cannot be resumed.', fields.join(', ')), {
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

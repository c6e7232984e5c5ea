// Schemas of the P-API's success bodies. Parsed loosely (extra fields are fine) but the fields we act on must be
// there, so a changed API fails with a clear message instead of an undefined deep inside the engine.
import * as z from 'zod';

export const PREDICTION_STATUSES = ['starting', 'processing', 'succeeded', 'failed', 'canceled'] as const;
export type PredictionStatus = (typeof PREDICTION_STATUSES)[number];

/** One delivery URL; a third-party client saw an array here once, so the first element is taken. */
const GenerationUrl = z.union([z.string().min(1), z.array(z.string().min(1)).min(1).transform((a) => a[0] as string)]);

/** POST /v1/predictions: the async handle, the sync result, or a sync failure. */
export const SubmitBodySchema = z
  .object({
    id: z.string().min(1).optional(),
    get_url: z.string().min(1).optional(),
    status: z.string().optional(),
    generation_url: GenerationUrl.optional(),
    error: z.string().optional(),
    message: z.string().optional(),
  })
  .loose();
export type SubmitBody = z.infer<typeof SubmitBodySchema>;

/** Any status string is read: one this version does not know is not terminal (only the three terminal ones end polling). */
export const StatusBodySchema = z
  .object({
    status: z.string().min(1).max(200),
    generation_url: GenerationUrl.optional(),
    message: z.string().optional(),
    error: z.string().optional(),
  })
  .loose();

export const FileUploadBodySchema = z
  .object({
    id: z.string().min(1),
    expires_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be a date-time' }),
    urls: z.object({ get: z.string().min(1) }).loose(),
    content_type: z.string().optional(),
    size: z.number().optional(),
    checksums: z.object({ sha256: z.string().optional() }).loose().optional(),
  })
  .loose();

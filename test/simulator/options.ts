// Options are a boundary too: a typo in a test's options must fail loudly instead of silently using a default.
import * as z from 'zod';
import { isKnownModel, MODEL_NAMES } from './models';
import type { LatencyMs, SimulatorOptions } from './types';

/** Per-model maps are keyed by model name; a typo would silently configure nothing. */
const byModel = <T extends z.ZodType>(value: T) =>
  z.record(z.string(), value.optional()).superRefine((map, ctx) => {
    for (const key of Object.keys(map)) {
      if (!isKnownModel(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown model (known: ${MODEL_NAMES.join(', ')})` });
      }
    }
  });

const nonNegative = z.number().finite().nonnegative();
const latency = z.strictObject({ starting: nonNegative, processing: nonNegative });

export const simulatorOptionsSchema = z.strictObject({
  apiKeys: z.array(z.string().min(1)).optional(),
  timeScale: nonNegative.optional(),
  latencyMs: byModel(latency).optional(),
  syncWindowMs: nonNegative.optional(),
  successStatus: z.union([z.literal(200), z.literal(201)]).optional(),
  generationUrlStyle: z.enum(['absolute', 'relative', 'alternate']).optional(),
  deliveryBaseUrl: z
    .string()
    .refine((s) => /^https?:\/\/[^/]+$/.test(s.replace(/\/$/, '')), 'must be an http(s) origin like http://127.0.0.1:1234')
    .optional(),
  deliveryRequiresKey: z.boolean().optional(),
  uploadTtlMs: nonNegative.optional(),
  outputTtlMs: nonNegative.optional(),
  predictionTtlMs: nonNegative.optional(),
  rateLimitPerMinute: byModel(z.number().int().nonnegative()).optional(),
  rateWindowMs: z.number().finite().positive().optional(),
  pollIntervalHeader: z.number().finite().positive().optional(),
  maxUploadBytes: z.number().int().positive().optional(),
  tls: z.strictObject({ key: z.string().min(1), cert: z.string().min(1) }).optional(),
  hfTokens: z.array(z.string().min(1)).optional(),
}) satisfies z.ZodType<SimulatorOptions>;

/** Options with every default filled in. */
export interface ResolvedOptions {
  apiKeys: string[];
  timeScale: number;
  latencyMs: Partial<Record<string, LatencyMs>>;
  syncWindowMs: number;
  successStatus: 200 | 201;
  generationUrlStyle: 'absolute' | 'relative' | 'alternate';
  deliveryBaseUrl: string | undefined;
  deliveryRequiresKey: boolean;
  uploadTtlMs: number;
  outputTtlMs: number;
  predictionTtlMs: number;
  rateLimitPerMinute: Partial<Record<string, number>>;
  rateWindowMs: number;
  pollIntervalHeader: number | undefined;
  maxUploadBytes: number;
  tls: { key: string; cert: string } | undefined;
  hfTokens: string[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  apiKeys: ['test-key'],
  timeScale: 1,
  latencyMs: {},
  syncWindowMs: 60_000,
  successStatus: 201,
  generationUrlStyle: 'alternate',
  deliveryBaseUrl: undefined,
  deliveryRequiresKey: false,
  uploadTtlMs: 30 * MINUTE,
  outputTtlMs: 24 * HOUR,
  predictionTtlMs: 24 * HOUR,
  rateLimitPerMinute: {},
  rateWindowMs: MINUTE,
  pollIntervalHeader: undefined,
  maxUploadBytes: 100 * 1024 * 1024,
  tls: undefined,
  hfTokens: ['hf_sim_token'],
};

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ');
}

/** Merges a validated patch over `base`; throws a TypeError naming each bad option. */
export function resolveOptions(base: ResolvedOptions, patch: unknown): ResolvedOptions {
  const parsed = simulatorOptionsSchema.safeParse(patch ?? {});
  if (!parsed.success) {
    throw new TypeError(`Invalid simulator options: ${describe(parsed.error)}. See test/simulator/README.md.`);
  }
  const next: ResolvedOptions = { ...base };
  const target = next as unknown as Record<string, unknown>;
  const defaults = DEFAULT_OPTIONS as unknown as Record<string, unknown>;
  // An explicit `undefined` in a patch means "back to the default" (e.g. to drop deliveryBaseUrl again).
  for (const key of Object.keys(patch ?? {})) {
    const value = (parsed.data as Record<string, unknown>)[key];
    target[key] = value === undefined ? defaults[key] : value;
  }
  if (next.deliveryBaseUrl) next.deliveryBaseUrl = next.deliveryBaseUrl.replace(/\/$/, '');
  return next;
}

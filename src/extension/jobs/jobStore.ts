// Jobs persisted in workspace state from their first update, so a reload or crash loses nothing: unfinished jobs
// resume polling, downloaded-but-unsaved results get saved. Validated on read; an entry that no longer parses (an
// older format) is dropped with a log line instead of breaking activation.
import type * as vscode from 'vscode';
import * as z from 'zod';
import { FAILED_BY, JobRecordSchema } from '../../core';
import { SaveTargetSchema } from '../saving/target';
import { OutputRequestSchema } from '../saving/outputRequest';

import { JOBS_STATE_KEY as STATE_KEY } from './pendingJobs';
/** Finished jobs kept for "Show Jobs" and retry; unfinished ones are always kept. */
const KEEP_FINISHED = 50;

/** What is needed to run the job again (retry) besides the engine's record. */
export const JobSpecSchema = z.object({
  model: z.string(),
  input: z.record(z.string(), z.unknown()),
  /** Image fields to upload or pass on: local paths or https URLs, per API field. */
  files: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  /** How each input was given by the user (workspace-relative path or URL), for the recipe. */
  sources: z.array(z.string()).optional(),
  target: SaveTargetSchema,
  label: z.string().optional(),
  open: z.boolean().optional(),
  announce: z.boolean().optional(),
  /** Exact size and format of the saved file, made locally from the model's (issue 12). */
  output: OutputRequestSchema.optional(),
});
export type JobSpec = z.infer<typeof JobSpecSchema>;

export const PersistedJobSchema = z.object({
  id: z.string(),
  spec: JobSpecSchema,
  record: JobRecordSchema.optional(),
  /**
   * Shell-side state on top of the engine's: 'saved' once the file is in the workspace; 'parked' when the prediction
   * exists but the job stopped before its result was fetched (Resume continues it without a new POST).
   */
  phase: z.enum(['running', 'downloaded', 'saved', 'parked', 'failed', 'canceled']),
  outputs: z.array(z.string()),
  error: z
    .object({
      message: z.string(),
      retryable: z.boolean(),
      kind: z.string(),
      mayHaveBeenCreated: z.boolean().optional(),
      keptAt: z.string().optional(),
      failedBy: z.enum(FAILED_BY).optional(),
    })
    .optional(),
  /** The workspace file a save is copying to, recorded before the copy: after a crash it tells whether it landed. */
  savingTo: z.string().optional(),
  /** Size of the file being copied there, to tell a whole copy from a partial one. */
  savingBytes: z.number().optional(),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
});
export type PersistedJob = z.infer<typeof PersistedJobSchema>;

export class JobStore {
  constructor(
    private readonly state: vscode.Memento,
    private readonly log: (message: string) => void,
  ) {}

  load(): PersistedJob[] {
    const raw = this.state.get<unknown>(STATE_KEY);
    if (!Array.isArray(raw)) return [];
    const jobs: PersistedJob[] = [];
    for (const entry of raw) {
      const parsed = PersistedJobSchema.safeParse(entry);
      if (parsed.success) jobs.push(parsed.data);
      else this.log(`Dropped a stored job that could not be read: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`);
    }
    return jobs;
  }

  /** Saves all jobs (newest last), trimming old finished ones. */
  async save(jobs: readonly PersistedJob[]): Promise<void> {
    // Parked jobs are kept like unfinished ones: their prediction can still be fetched.
    const finished = jobs.filter((j) => j.phase === 'saved' || j.phase === 'canceled' || j.phase === 'failed');
    const drop = new Set(finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)).map((j) => j.id));
    await this.state.update(
      STATE_KEY,
      jobs.filter((j) => !drop.has(j.id)),
    );
  }
}

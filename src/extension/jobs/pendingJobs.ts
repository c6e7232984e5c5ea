// What the activation entry needs to know about stored jobs without loading the job machinery (zod, the engine): the
// workspace-state key and whether any stored job would be finished by JobManager.resumeAll(). No imports, so it
// costs the activation entry nothing.

export const JOBS_STATE_KEY = 'pruna.jobs.v1';

/** Phases resumeAll() acts on: polling a running job again, saving a downloaded one. */
const RESUMED_PHASES: readonly unknown[] = ['running', 'downloaded'];

/** True when the stored list (as read from workspace state, unvalidated) holds a job to resume or save. */
export function hasJobsToResume(stored: unknown): boolean {
  return Array.isArray(stored) && stored.some((job) => typeof job === 'object' && job !== null && RESUMED_PHASES.includes((job as { phase?: unknown }).phase));
}

// How a job looks from outside: the JobView the panel and "Show Jobs" list, and the recipe kept for a saved file.
import * as l10n from '../../core/l10n';
import { getModel, isModelId, isResumable, redactInput, redactSecrets, type JobRecord } from '../../core';
import type { JobStateView, JobView, Recipe } from '../services';
import type { PersistedJob } from './jobStore';

export function recipeFor(job: PersistedJob, record: JobRecord): Recipe {
  const spec = job.spec;
  // Secret inputs (hf_api_token, the spec's writeOnly fields) never reach a recipe.
  const input: Record<string, unknown> = redactSecrets(spec.model, redactInput(spec.input));
  // Upload URLs expire; the recipe keeps where each input came from instead.
  if (isModelId(spec.model)) for (const slot of getModel(spec.model).files) delete input[slot.field];
  return {
    model: spec.model,
    prompt: String(spec.input.prompt ?? ''),
    ...(typeof spec.input.seed === 'number' ? { seed: spec.input.seed } : {}),
    input,
    ...(spec.sources?.length ? { sources: spec.sources } : {}),
    ...(record.predictionId ? { predictionId: record.predictionId } : {}),
    createdAt: new Date().toISOString(),
  };
}

/** Whether the P-API has a prediction for this job that can still be fetched without a new POST. */
export function canResume(data: PersistedJob): boolean {
  if (data.phase === 'parked') return true;
  const r = data.record;
  if (!r || data.phase === 'saved' || data.phase === 'running') return false;
  // Failed by the API (it failed or expired the prediction): nothing to fetch.
  if (r.failedBy === 'api' || data.error?.failedBy === 'api') return false;
  return isResumable({ ...r, state: 'parked' });
}

function kindOf(model: string): JobView['kind'] {
  return isModelId(model) ? getModel(model).kind : 'image';
}

function viewState(data: PersistedJob): JobStateView {
  switch (data.phase) {
    case 'saved':
      return 'saved';
    case 'canceled':
      return 'canceled';
    case 'failed':
      return 'failed';
    case 'parked':
      return 'parked';
    case 'downloaded':
      return data.error ? 'failed' : 'downloaded';
    case 'running': {
      const s = data.record?.state;
      if (s === undefined) return 'queued';
      // The engine's own end states only show once the shell has finished with them.
      if (s === 'failed' || s === 'canceled' || s === 'parked') return 'running';
      return s;
    }
  }
}

export function toView(data: PersistedJob, uploadProgress: number | undefined): JobView {
  const seed = data.spec.input.seed;
  return {
    id: data.id,
    model: data.spec.model,
    kind: kindOf(data.spec.model),
    prompt: String(data.spec.input.prompt ?? data.spec.label ?? ''),
    state: viewState(data),
    startedAt: data.startedAt,
    ...(data.finishedAt !== undefined ? { finishedAt: data.finishedAt } : {}),
    ...(data.error ? { error: data.error.message, retryable: data.error.retryable } : {}),
    ...(data.error?.mayHaveBeenCreated !== undefined ? { mayHaveBeenCreated: data.error.mayHaveBeenCreated } : {}),
    ...(data.error?.failedBy ?? data.record?.failedBy ? { failedBy: (data.error?.failedBy ?? data.record?.failedBy)! } : {}),
    ...(canResume(data) ? { resumable: true } : {}),
    ...(data.phase === 'running' && data.record?.retrying ? { retrying: l10n.t('Waiting for the P-API (retrying): {0}', data.record.retrying.reason) } : {}),
    ...(data.record?.uploadExpiresAt !== undefined ? { uploadExpiresAt: data.record.uploadExpiresAt } : {}),
    ...(typeof seed === 'number' ? { seed } : {}),
    ...(uploadProgress !== undefined && data.phase === 'running' ? { uploadProgress } : {}),
    outputs: data.outputs,
  };
}

export function rank(view: JobView): number {
  return view.state === 'saved' || view.state === 'failed' || view.state === 'canceled' || view.state === 'parked' ? 1 : 0;
}

// How a job looks from outside: the JobView the panel and "Show Jobs" list, and the recipe kept for a saved file.
import { getModel, isModelId, redactSecrets, type JobRecord } from '../../core';
import type { JobStateView, JobView, Recipe } from '../services';
import type { PersistedJob } from './jobStore';

export function recipeFor(job: PersistedJob, record: JobRecord): Recipe {
  const spec = job.spec;
  // Secrets (hf_api_token) never reach a recipe.
  const input: Record<string, unknown> = redactSecrets(spec.model, spec.input);
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
    case 'downloaded':
      return data.error ? 'failed' : 'downloading';
    case 'running': {
      const s = data.record?.state;
      if (s === 'uploading' || s === 'submitting' || s === 'queued' || s === 'processing' || s === 'downloading') return s;
      return s === 'downloaded' ? 'downloading' : 'submitting';
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
    ...(data.record?.uploadExpiresAt !== undefined ? { uploadExpiresAt: data.record.uploadExpiresAt } : {}),
    ...(typeof seed === 'number' ? { seed } : {}),
    ...(uploadProgress !== undefined && data.phase === 'running' ? { uploadProgress } : {}),
    outputs: data.outputs,
  };
}

export function rank(view: JobView): number {
  return view.state === 'saved' || view.state === 'failed' || view.state === 'canceled' ? 1 : 0;
}

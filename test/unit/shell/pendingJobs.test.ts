// The activation entry decides from workspace state alone whether to load the rest of the extension right away to
// resume jobs (activation/startupWork.ts). It must see what JobStore saved, under the key JobStore uses.
import * as assert from 'node:assert/strict';
import { JobStore, type PersistedJob } from '../../../src/extension/jobs/jobStore';
import { JOBS_STATE_KEY, hasJobsToResume } from '../../../src/extension/jobs/pendingJobs';

class Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

function job(id: string, phase: PersistedJob['phase']): PersistedJob {
  return {
    id,
    spec: { model: 'p-image', input: { prompt: id }, target: { kind: 'folder', workspaceFolder: 'file:///w', folder: 'out' } },
    phase,
    outputs: [],
    startedAt: 1,
  };
}

async function stored(jobs: PersistedJob[]): Promise<unknown> {
  const state = new Memento();
  await new JobStore(state as never, () => undefined).save(jobs);
  assert.deepEqual(state.keys(), [JOBS_STATE_KEY], 'JobStore saves under JOBS_STATE_KEY');
  return state.get(JOBS_STATE_KEY);
}

describe('activation: are there stored jobs to resume?', () => {
  it('yes for a running or a downloaded-but-unsaved job (what JobManager.resumeAll finishes)', async () => {
    assert.equal(hasJobsToResume(await stored([job('a', 'saved'), job('b', 'running')])), true);
    assert.equal(hasJobsToResume(await stored([job('c', 'downloaded')])), true);
  });

  it('no for finished, parked, failed and canceled jobs, an empty list, or nothing stored', async () => {
    assert.equal(hasJobsToResume(await stored([job('a', 'saved'), job('b', 'parked'), job('c', 'failed'), job('d', 'canceled')])), false);
    assert.equal(hasJobsToResume(await stored([])), false);
    assert.equal(hasJobsToResume(undefined), false);
    assert.equal(hasJobsToResume({ phase: 'running' }), false);
  });
});

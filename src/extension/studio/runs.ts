// Turning panel requests into shell runs, and telling the panel whether a run got under way.
import * as l10n from '../../core/l10n';
import type * as vscode from 'vscode';
import { randomSeed } from '../../core/catalog';
import type { RunForm, ToWebview } from '../../shared/protocol';
import type { PrunaServices, Recipe, RunRequest } from '../services';
import type { StudioLog } from './controller';
import { toUri } from './inputs';

/** Recipe fields a regeneration sets itself (prompt, seed) or re-creates from the sources (uploaded image URLs). */
const NOT_REPLAYED_FIELDS = new Set(['prompt', 'seed', 'image', 'images']);

export type RunRefusal = { message: string; fields: Record<string, string> };

/** The shell's RunRequest for a checked form; local inputs become file URIs the shell uploads. */
export function runRequestFromForm(form: RunForm): RunRequest | RunRefusal {
  const images: string[] = [];
  for (const source of form.images) {
    if (/^https:\/\//i.test(source)) {
      images.push(source);
      continue;
    }
    const uri = toUri(source);
    if (!uri) return { message: l10n.t('Input {0} is not a file or an https URL.', source), fields: { images: l10n.t('Remove this input and add it again.') } };
    images.push(uri.toString());
  }
  const files: Record<string, string[]> = {};
  for (const [field, sources] of Object.entries(form.files ?? {})) {
    const list: string[] = [];
    for (const source of sources) {
      const uri = /^https:\/\//i.test(source) ? undefined : toUri(source);
      if (!uri && !/^https:\/\//i.test(source)) return { message: l10n.t('Input {0} is not a file or an https URL.', source), fields: { [field]: l10n.t('Choose this file again.') } };
      list.push(uri ? uri.toString() : source);
    }
    if (list.length) files[field] = list;
  }
  return {
    model: form.model,
    prompt: form.prompt,
    params: form.params,
    ...(images.length ? { images } : {}),
    ...(Object.keys(files).length ? { files } : {}),
    ...(form.count > 1 ? { count: form.count } : {}),
  };
}

/** The same recipe again, with its seed or a new one; uploaded input URLs expire, so the sources are re-uploaded. */
export function regenerationRequest(recipe: Recipe, seed: 'same' | 'new', random: () => number = Math.random): RunRequest {
  const params = Object.fromEntries(Object.entries(recipe.input).filter(([field]) => !NOT_REPLAYED_FIELDS.has(field)));
  const nextSeed = seed === 'same' ? recipe.seed : randomSeed(random);
  return {
    model: recipe.model,
    prompt: recipe.prompt,
    params: { ...params, ...(nextSeed !== undefined ? { seed: nextSeed } : {}) },
    ...(recipe.sources?.length ? { images: [...recipe.sources] } : {}),
  };
}

/**
 * Starts jobs and answers once they are visibly under way (a new job appeared) or were refused before any job
 * existed (no API key, a local check, an unknown job). Failures of a started job are shown by the job list.
 */
export function startWatched(
  jobs: PrunaServices['jobs'],
  start: () => Promise<unknown>,
  what: string,
  log: StudioLog,
): Promise<ToWebview> {
  const before = new Set(jobs.list().map((j) => j.id));
  const started = () => jobs.list().some((j) => !before.has(j.id));
  return new Promise<ToWebview>((resolve) => {
    let watch: vscode.Disposable | undefined = jobs.onDidChange(() => {
      if (!started()) return;
      watch?.dispose();
      resolve({ type: 'runResult', ok: true });
    });
    start().then(
      () => {
        watch?.dispose();
        watch = undefined;
        resolve({ type: 'runResult', ok: true });
      },
      (error: unknown) => {
        watch?.dispose();
        watch = undefined;
        log.warn(`Studio: ${what} ended: ${errorText(error)}`);
        const fields = fieldErrors(error);
        resolve(started() ? { type: 'runResult', ok: true } : { type: 'runResult', ok: false, message: errorText(error), ...(fields ? { fields } : {}) });
      },
    );
  });
}

/**
 * Resumes a parked job (same id, no new POST) and answers once it is running again, or with why it cannot be
 * resumed; how it ends is shown by the job list.
 */
export function resumeWatched(jobs: PrunaServices['jobs'], id: string, log: StudioLog): Promise<ToWebview> {
  return new Promise<ToWebview>((resolve) => {
    let answered = false;
    const answer = (m: ToWebview): void => {
      if (answered) return;
      answered = true;
      watch.dispose();
      resolve(m);
    };
    const watch = jobs.onDidChange(() => {
      const job = jobs.list().find((j) => j.id === id);
      if (job && job.state !== 'parked' && job.state !== 'failed' && job.state !== 'canceled') answer({ type: 'runResult', ok: true });
    });
    jobs.resume(id).then(
      () => answer({ type: 'runResult', ok: true }),
      (error: unknown) => {
        log.warn(`Studio: resume ended: ${errorText(error)}`);
        answer({ type: 'runResult', ok: false, message: errorText(error) });
      },
    );
  });
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** PrunaError names the offending fields in `.fields`; its message says what was wrong. */
function fieldErrors(error: unknown): Record<string, string> | undefined {
  if (!error || typeof error !== 'object' || !('fields' in error)) return undefined;
  const fields = (error as { fields: unknown }).fields;
  if (!Array.isArray(fields)) return undefined;
  const message = errorText(error);
  const out: Record<string, string> = {};
  for (const field of fields) if (typeof field === 'string') out[field] = message;
  return Object.keys(out).length ? out : undefined;
}

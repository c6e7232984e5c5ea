// pruna.resumeJob {id}: continues a parked job's existing prediction (polls and downloads, no new POST, no new
// charge) and resolves to the saved file. Without an id it offers the resumable jobs.
import * as vscode from 'vscode';
import * as z from 'zod';
import { PrunaError } from '../../core';
import { showError } from '../ui/showError';
import type { CommandDeps } from './deps';

const ArgSchema = z.object({ id: z.string().min(1).max(200) });

export async function resumeJob(deps: CommandDeps, arg: unknown): Promise<vscode.Uri | undefined> {
  let id: string | undefined;
  if (arg !== undefined) {
    const parsed = ArgSchema.safeParse(arg);
    if (!parsed.success) throw new PrunaError('invalid-input', vscode.l10n.t('pruna.resumeJob takes {0} (the id from "Pruna: Show Jobs").', '{ id: "<job id>" }'), { fields: ['id'] });
    id = parsed.data.id;
  } else {
    const resumable = deps.jobs.list().filter((j) => j.resumable);
    if (resumable.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Pruna: no job to resume. Parked jobs (their prediction exists) appear here.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      resumable.map((j) => ({ label: j.prompt.length > 60 ? `${j.prompt.slice(0, 59)}…` : j.prompt, description: `${j.model} · ${j.state}`, detail: j.error, id: j.id })),
      { title: vscode.l10n.t('Pruna: Resume Job'), placeHolder: vscode.l10n.t('Fetch the result of an existing prediction (no new charge)') },
    );
    if (!picked) return undefined;
    id = picked.id;
  }
  try {
    return await deps.jobs.resume(id).done;
  } catch (e) {
    if (arg === undefined) showError(e);
    throw e;
  }
}

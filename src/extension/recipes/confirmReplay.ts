// Replaying a recipe spends the user's money and may upload their files: one that came with a repository (or one
// that turns a safety switch off, or reaches outside the workspace) is shown in full and confirmed first. Used by
// Regenerate; the Studio's regenerate can call it the same way.
import * as vscode from 'vscode';
import { getModel, isModelId, type ModelSpec } from '../../core';
import { assertContained } from '../fileSystem';
import { ShellError } from '../errors';
import type { RunRequest, SavedItem } from '../services';

export interface ReplayPlan {
  /** The generated file whose recipe is replayed. */
  readonly file: vscode.Uri;
  readonly model: ModelSpec;
  readonly prompt: string;
  /** Parameters sent besides the prompt (seed included). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Inputs as the run request carries them: file URIs (uploaded) and https URLs (fetched by the API). */
  readonly images: readonly string[];
  /** Whether this installation wrote the recipe (RecipeStore.provenance). */
  readonly writtenHere: boolean;
}

/** Input fields that name a URL the API fetches (LoRA weights, audio), besides the image inputs. */
const URL_VALUE = /^https?:\/\//i;

/**
 * Checks the files the replay would upload (each really inside a workspace folder, unless this installation wrote
 * the recipe and it names a file the user picked outside) and asks when the plan needs it. Resolves when the replay
 * may go ahead; throws ShellError('dismissed') when the user says no, ShellError('outside-workspace') for a file
 * behind a link.
 */
export async function confirmReplay(plan: ReplayPlan): Promise<void> {
  const uploads: vscode.Uri[] = [];
  const urls: string[] = [];
  for (const image of plan.images) {
    if (/^https:\/\//i.test(image)) {
      urls.push(image);
      continue;
    }
    const uri = vscode.Uri.parse(image);
    await assertContained(uri, { purpose: 'read', outsideFolders: plan.writtenHere ? 'allow' : 'refuse' });
    uploads.push(uri);
  }
  for (const [field, value] of Object.entries(plan.params)) {
    if (typeof value === 'string' && URL_VALUE.test(value)) urls.push(`${value} (${field})`);
  }
  const reasons = replayReasons(plan, uploads, urls);
  if (reasons.length === 0) return;
  const name = vscode.workspace.asRelativePath(plan.file, false);
  const detail = [
    vscode.l10n.t('Why you are asked: {0}.', reasons.join('; ')),
    '',
    vscode.l10n.t('Model: {0} ({1})', plan.model.label, plan.model.id),
    vscode.l10n.t('Prompt: {0}', clip(plan.prompt, 300)),
    vscode.l10n.t('Parameters: {0}', describeParams(plan)),
    vscode.l10n.t('Files uploaded to your Pruna account: {0}', uploads.length ? uploads.map((u) => vscode.workspace.asRelativePath(u, false)).join(', ') : vscode.l10n.t('none')),
    vscode.l10n.t('URLs the API will fetch: {0}', urls.length ? urls.map((u) => clip(u, 200)).join(', ') : vscode.l10n.t('none')),
  ].join('\n');
  const regenerate = vscode.l10n.t('Regenerate');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Regenerate {0} from its recipe? This sends a paid request.', name), { modal: true, detail }, regenerate);
  if (choice !== regenerate) {
    throw new ShellError('dismissed', vscode.l10n.t('Nothing was sent: regenerating {0} was not confirmed.', name));
  }
}

/** Why a replay is confirmed first; empty when it is the user's own, plain recipe. */
export function replayReasons(plan: ReplayPlan, uploads: readonly vscode.Uri[], urls: readonly string[]): string[] {
  const reasons: string[] = [];
  if (!plan.writtenHere) reasons.push(vscode.l10n.t('the recipe was not written by Pruna on this machine (it may have come with the repository)'));
  const safety = plan.model.safety;
  if (safety && typeof plan.params[safety.field] === 'boolean' && plan.params[safety.field] !== safety.defaultDisabled) {
    reasons.push(vscode.l10n.t('it sets {0} to {1}, which differs from the model\'s default', safety.field, String(plan.params[safety.field])));
  }
  if (urls.length > 0) reasons.push(vscode.l10n.t('the API will fetch URLs named by the recipe'));
  const outside = uploads.filter((u) => !vscode.workspace.getWorkspaceFolder(u));
  if (outside.length > 0) reasons.push(vscode.l10n.t('it uploads files from outside the workspace'));
  return reasons;
}

function describeParams(plan: ReplayPlan): string {
  const entries = Object.entries(plan.params).map(([k, v]) => `${k}=${clip(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v), 80)}`);
  return entries.length ? entries.join(', ') : vscode.l10n.t('none');
}

function clip(text: string, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/**
 * The Studio's "Regenerate" of a gallery item: the same confirmation as the command. The request's images are the
 * recipe's sources (workspace-relative paths or URLs); they are resolved against the item's folder to be checked.
 */
export async function confirmGalleryReplay(item: SavedItem, request: RunRequest): Promise<void> {
  if (!isModelId(request.model)) return; // refused by validation before anything is sent
  const folder = vscode.workspace.getWorkspaceFolder(item.uri);
  const images = (request.images ?? []).map((source) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-zA-Z]:[\\/]/.test(source)) return source;
    if (source.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(source) || !folder) return vscode.Uri.file(source).toString();
    return vscode.Uri.joinPath(folder.uri, ...source.split('/')).toString();
  });
  await confirmReplay({ file: item.uri, model: getModel(request.model), prompt: request.prompt, params: request.params, images, writtenHere: item.writtenHere === true });
}

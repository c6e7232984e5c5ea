// "Upscale with Pruna (about $X)" on the notification that says a file was enlarged more than 1.5×: one click runs
// p-image-upscale on the model's own result (kept for this, see postprocess.ts), which is then cropped and resized to
// exactly the size the code asks, and takes the enlarged file's name; the enlarged file is kept beside it under
// "<name>-soft.<ext>" (never overwritten, never deleted). Nothing is sent, and nothing is billed, without that click.
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import { upscaleOffer, type UpscaleOffer } from '../../core/imaging';
import { candidateNames, splitExtension } from '../../core';
import { usd } from '../../core/pricing';
import type { RunRequest } from '../services';
import { keptSourceFor, releaseSource, type KeptSource } from './postprocess';

export interface PendingUpscale {
  /** The enlarged file as saved. */
  readonly saved: vscode.Uri;
  readonly kept: KeptSource;
  readonly offer: UpscaleOffer;
}

/** The saved files that can be upscaled instead of enlarged (their model result is kept and the model is there). */
export function pendingUpscales(saved: readonly vscode.Uri[]): PendingUpscale[] {
  return saved.flatMap((uri) => {
    const kept = keptSourceFor(uri);
    const offer = kept && upscaleOffer(kept.source, kept.target);
    return kept && offer ? [{ saved: uri, kept, offer }] : [];
  });
}

/** The button: "Upscale with Pruna (about $0.04)", or "(price unknown)" when any of them has no published price. */
export function upscaleButton(pending: readonly PendingUpscale[]): string {
  const known = pending.every((p) => p.offer.cost.known);
  const total = pending.reduce((sum, p) => sum + (p.offer.cost.known ? p.offer.cost.usd : 0), 0);
  const price = known ? vscode.l10n.t('about {0}', usd(total)) : vscode.l10n.t('price unknown');
  return pending.length === 1 ? vscode.l10n.t('Upscale with Pruna ({0})', price) : vscode.l10n.t('Upscale {0} with Pruna ({1})', pending.length, price);
}

/** The kept results are deleted: the user did not take the offer. */
export async function declineUpscales(pending: readonly PendingUpscale[]): Promise<void> {
  await Promise.all(pending.map((p) => releaseSource(p.saved)));
}

type Run = (request: RunRequest) => Promise<vscode.Uri[]>;

/** "It was enlarged 2.1× from the model's 1440×480, so it may look soft." */
export function enlargedNote(item: PendingUpscale): string {
  return vscode.l10n.t('It was enlarged {0}× from the model\'s {1}×{2}, so it may look soft.', item.offer.enlargement.toFixed(1), item.kept.source.width, item.kept.source.height);
}

/**
 * For a run that shows nothing else (a command called with an argument object): says which files were enlarged past
 * 1.5× and offers the upscale, run only on the click; otherwise the kept model results are released.
 */
export function offerUpscales(run: Run, pending: readonly PendingUpscale[]): void {
  if (!pending.length) return;
  const message = pending.length === 1
    ? `Pruna: ${vscode.workspace.asRelativePath(pending[0]!.saved)}. ${enlargedNote(pending[0]!)}`
    : vscode.l10n.t('Pruna: {0} files were enlarged more than 1.5× to the size asked for, so they may look soft.', pending.length);
  const button = upscaleButton(pending);
  void Promise.resolve(vscode.window.showInformationMessage(message, button)).then((choice) => answerUpscales(choice, button, run, pending));
}

/** The notification's answer: its upscale button runs the upscales; anything else releases the kept results. */
export async function answerUpscales(choice: string | undefined, button: string, run: Run, pending: readonly PendingUpscale[]): Promise<void> {
  if (choice === button) await runUpscales(run, pending);
  else await declineUpscales(pending);
}

/** Runs one upscale per file (after the click), then puts each result at its file's name. */
export async function runUpscales(run: Run, pending: readonly PendingUpscale[]): Promise<vscode.Uri[]> {
  const done: vscode.Uri[] = [];
  const notes: string[] = [];
  const failures: string[] = [];
  for (const item of pending) {
    const name = basename(item.saved);
    try {
      const [made] = await run({
        model: item.offer.model,
        prompt: '',
        params: { target: item.offer.megapixels },
        files: { image: vscode.Uri.file(item.kept.path).toString() },
        output: { width: item.kept.target.width, height: item.kept.target.height },
        // Taken by the enlarged file: the result is saved under a free name next to it, then swapped in below.
        saveAs: item.saved.toString(),
        open: false,
      });
      if (!made) throw new Error(vscode.l10n.t('no file was saved'));
      done.push(await swapIn(item, made, notes));
      await releaseSource(item.saved);
    } catch (e) {
      failures.push(`${name} (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (failures.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Pruna: the upscale failed for {0}. The enlarged files are unchanged.', failures.join('; ')));
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Pruna: upscaled {0}.', notes.join('; ')));
  }
  return done;
}

/**
 * The upscaled file takes the enlarged one's name while the enlarged one is still what was saved (else both stay as
 * they are and the note says where the upscaled one is). Renamed through workspace edits, so recipes follow and Undo
 * puts them back; nothing is overwritten.
 */
async function swapIn(item: PendingUpscale, made: vscode.Uri, notes: string[]): Promise<vscode.Uri> {
  const name = basename(item.saved);
  const size = `${item.kept.target.width}×${item.kept.target.height}`;
  if (made.toString() === item.saved.toString()) {
    notes.push(vscode.l10n.t('{0} at {1}', name, size));
    return made;
  }
  let unchanged = false;
  try {
    const bytes = await vscode.workspace.fs.readFile(item.saved);
    unchanged = createHash('sha256').update(bytes).digest('hex') === item.kept.savedHash;
  } catch {
    unchanged = false;
  }
  if (!unchanged) {
    notes.push(vscode.l10n.t('{0} at {1}, saved as {2} because {3} changed since it was made', name, size, basename(made), name));
    return made;
  }
  const folder = vscode.Uri.joinPath(item.saved, '..');
  const { base, ext } = splitExtension(name);
  let soft: vscode.Uri | undefined;
  for (const candidate of candidateNames(`${base}-soft`, ext)) {
    const uri = vscode.Uri.joinPath(folder, candidate);
    if (!(await exists(uri))) {
      soft = uri;
      break;
    }
  }
  // Two edits, one after the other: the second name is free only once the first rename is done.
  if (!soft || !(await rename(item.saved, soft))) {
    notes.push(vscode.l10n.t('{0} at {1}, saved as {2}', name, size, basename(made)));
    return made;
  }
  if (!(await rename(made, item.saved))) {
    await rename(soft, item.saved);
    notes.push(vscode.l10n.t('{0} at {1}, saved as {2}', name, size, basename(made)));
    return made;
  }
  notes.push(vscode.l10n.t('{0} at {1} (the enlarged one is kept as {2})', name, size, basename(soft!)));
  return item.saved;
}

/** A rename through a workspace edit, so recipes follow it and Undo reverts it; never over an existing file. */
async function rename(from: vscode.Uri, to: vscode.Uri): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.renameFile(from, to, { overwrite: false });
  return vscode.workspace.applyEdit(edit);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

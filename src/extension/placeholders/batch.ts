// `pruna.generateMissingImages`: every missing image of the active document (or of the chosen files and folders),
// listed for review, then generated as one batch with one progress item and a summary. The runs go through the
// shell's job engine, whose limiter and concurrency cap keep the batch under the account's rate limit.
import * as vscode from 'vscode';
import { MAX_SILENT_UPSCALE } from '../../core/imaging';
import { parseGenerateMissingArgs, type GenerateMissingArgs } from '../../core/placeholders';
import type { PrunaServices } from '../services';
import { showError } from '../ui/showError';
import { promptsFromChatModel } from './chatPrompts';
import { offerReferenceUpdate, savedUnderOtherExtension, type SavedElsewhere } from './referenceEdits';
import { answerUpscales, pendingUpscales, upscaleButton } from '../saving/upscaleOffer';
import { pickPlaceholders } from './picker';
import { PLACEHOLDER_MODEL, folderDocuments, scanDocuments, type Placeholder, type ScanDocument, type ScanResult } from './scan';
import { maxConcurrentJobs, placeholderStyle, promptsFromChatModel as chatModelWanted, sizing } from './settings';

type Outcome =
  | { readonly placeholder: Placeholder; readonly status: 'made'; readonly saved: vscode.Uri }
  | { readonly placeholder: Placeholder; readonly status: 'failed'; readonly reason: string }
  | { readonly placeholder: Placeholder; readonly status: 'skipped' };

/**
 * One entry of the dry run's plan (`{ uri, dryRun: true }`): plain JSON, the shape the chat tool and the README show.
 * URIs are strings (`file:///…`); lines and characters are zero-based, as in VS Code.
 */
export interface PlannedPlaceholder {
  readonly target: string;
  readonly references: readonly { readonly document: string; readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } } }[];
  readonly prompt: string;
  readonly size: { readonly width?: number; readonly height?: number; readonly explanation: string };
  readonly resolution: { readonly form: string; readonly root: string; readonly rule: string };
  /** How the file is made, when its extension does not simply say it: "made as a PNG inside an ICO container …". */
  readonly format?: string;
}

/**
 * @param first a Uri (Explorer/editor menu), an argument object `{ uri?, prompts?, exactSize?, dryRun? }`, or nothing
 * @param selection the Explorer's multi-selection, when invoked from there
 * @returns the saved files, or with `dryRun: true` the plan (nothing is generated, no request is sent)
 */
export async function generateMissingImages(services: PrunaServices, first?: unknown, selection?: unknown): Promise<vscode.Uri[] | PlannedPlaceholder[]> {
  const fromArgument = isPlainObject(first);
  try {
    return await generate(services, first, selection, fromArgument);
  } catch (e) {
    // Callers with an argument object get the rejection; a person gets a notification.
    if (fromArgument) throw e;
    showError(e);
    return [];
  }
}

async function generate(services: PrunaServices, first: unknown, selection: unknown, fromArgument: boolean): Promise<vscode.Uri[] | PlannedPlaceholder[]> {
  const args: GenerateMissingArgs = fromArgument && isPlainObject(first) ? parseGenerateMissingArgs(normalizeUri(first)) : {};
  const scopes = await scopeOrFallback(first, selection, args, fromArgument);
  if (scopes === undefined) return [];
  const sizes = sizing(services, scopes[0], args.exactSize);
  const style = placeholderStyle(scopes[0]);
  const documents = (await Promise.all(scopes.map(documentsOf))).flat();
  const scan = await scanDocuments(documents, sizes, style);
  let missing = scan.placeholders.map((p) => withPrompt(p, args.prompts));
  if (chatModelWanted(scopes[0]) && !args.prompts) {
    const texts = new Map(documents.map((d) => [d.uri.toString(), d.text]));
    missing = await promptsFromChatModel(missing, (uri) => texts.get(uri.toString()), style);
  }
  if (args.targets) {
    const only = new Set(args.targets);
    missing = missing.filter((p) => only.has(p.target.toString()));
  }
  if (args.dryRun) return missing.map(planned);
  if (missing.length === 0 && scan.ambiguous.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Pruna: no missing image references in {0}.', describeScope(scopes)));
    return [];
  }
  let chosen: Placeholder[];
  if (fromArgument) {
    chosen = missing;
    reportAmbiguous(scan);
  } else {
    const picked = await pickPlaceholders(missing, sizes, { ambiguous: scan.ambiguous, documents, style, scope: scopes[0] });
    if (!picked || picked.length === 0) return [];
    chosen = picked;
  }
  if (chosen.length === 0) return [];
  const outcomes = await runBatch(services, chosen);
  report(services, outcomes);
  return outcomes.flatMap((o) => (o.status === 'made' ? [o.saved] : []));
}

/** The plan entry of a placeholder, as plain JSON. */
export function planned(placeholder: Placeholder): PlannedPlaceholder {
  return {
    target: placeholder.target.toString(),
    references: placeholder.references.map((r) => ({
      document: r.document.toString(),
      range: {
        start: { line: r.range?.start.line ?? 0, character: r.range?.start.character ?? 0 },
        end: { line: r.range?.end.line ?? 0, character: r.range?.end.character ?? 0 },
      },
    })),
    prompt: placeholder.prompt,
    size: { ...(placeholder.size.width ? { width: placeholder.size.width } : {}), ...(placeholder.size.height ? { height: placeholder.size.height } : {}), explanation: placeholder.size.explanation },
    resolution: { form: placeholder.resolution.form, root: placeholder.resolution.root.toString(), rule: placeholder.resolution.rule },
    ...(placeholder.format ? { format: placeholder.format.note } : {}),
  };
}

/** A caller with an argument object gets no list; ambiguous references are named in a message, never filled. */
function reportAmbiguous(scan: ScanResult): void {
  if (scan.ambiguous.length === 0) return;
  const names = scan.ambiguous.slice(0, 3).map((a) => `${a.reference.rawPath} (${a.reason})`).join('; ');
  void vscode.window.showWarningMessage(scan.ambiguous.length === 1 ? vscode.l10n.t('Pruna: 1 reference is ambiguous and was not filled: {0}', names) : vscode.l10n.t('Pruna: {0} references are ambiguous and were not filled: {1}', scan.ambiguous.length, `${names}${scan.ambiguous.length > 3 ? ' …' : ''}`));
}

function withPrompt(placeholder: Placeholder, prompts: GenerateMissingArgs['prompts']): Placeholder {
  if (!prompts) return placeholder;
  const keys = [placeholder.relative, ...placeholder.references.flatMap((r) => [r.reference.path, r.reference.rawPath])];
  const prompt = keys.map((k) => prompts[k]).find((p) => p !== undefined);
  return prompt ? { ...placeholder, prompt: prompt.trim() } : placeholder;
}

async function runBatch(services: PrunaServices, placeholders: readonly Placeholder[]): Promise<Outcome[]> {
  const title = placeholders.length === 1 ? vscode.l10n.t('Pruna: generating 1 placeholder') : vscode.l10n.t('Pruna: generating {0} placeholders', placeholders.length);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const before = new Set(services.jobs.list().map((j) => j.id));
    const prompts = new Set(placeholders.map((p) => p.prompt));
    const cancelSub = token.onCancellationRequested(() => {
      // The P-API has no cancel endpoint: canceling stops watching the running jobs and starts no new ones.
      for (const job of services.jobs.list()) {
        if (!before.has(job.id) && prompts.has(job.prompt) && !['saved', 'failed', 'canceled'].includes(job.state)) services.jobs.cancel(job.id);
      }
    });
    const outcomes: Outcome[] = new Array(placeholders.length);
    let next = 0;
    let done = 0;
    progress.report({ message: vscode.l10n.t('{0} of {1}', 0, placeholders.length) });
    const worker = async () => {
      while (next < placeholders.length) {
        const index = next++;
        const placeholder = placeholders[index]!;
        const outcome: Outcome = token.isCancellationRequested ? { placeholder, status: 'skipped' } : await runOne(services, placeholder);
        // A run stopped by the user's cancel is not a failure to explain.
        outcomes[index] = outcome.status === 'failed' && token.isCancellationRequested ? { placeholder, status: 'skipped' } : outcome;
        done++;
        progress.report({ increment: 100 / placeholders.length, message: `${vscode.l10n.t('{0} of {1}', done, placeholders.length)} · ${placeholder.relative}` });
      }
    };
    // Handing the engine only as many runs as it runs at once keeps "cancel" meaningful for the rest.
    const workers = Math.max(1, Math.min(maxConcurrentJobs(), placeholders.length));
    try {
      await Promise.all(Array.from({ length: workers }, worker));
    } finally {
      cancelSub.dispose();
    }
    return outcomes;
  });
}

async function runOne(services: PrunaServices, placeholder: Placeholder): Promise<Outcome> {
  try {
    const [saved] = await services.jobs.run({
      model: PLACEHOLDER_MODEL,
      prompt: placeholder.prompt,
      params: { ...placeholder.size.params, seed: placeholder.seed },
      ...(placeholder.size.target ? { output: { width: placeholder.size.target.width, height: placeholder.size.target.height } } : {}),
      saveAs: placeholder.target.toString(),
      open: false,
    });
    if (!saved) return { placeholder, status: 'failed', reason: vscode.l10n.t('no file was saved') };
    return { placeholder, status: 'made', saved };
  } catch (e) {
    return { placeholder, status: 'failed', reason: e instanceof Error ? e.message : String(e) };
  }
}

function report(services: PrunaServices, outcomes: readonly Outcome[]): void {
  const made = outcomes.filter((o) => o.status === 'made');
  const failed = outcomes.filter((o): o is Extract<Outcome, { status: 'failed' }> => o.status === 'failed');
  const skipped = outcomes.filter((o) => o.status === 'skipped');
  const parts = [made.length === 1 ? vscode.l10n.t('made 1 placeholder') : vscode.l10n.t('made {0} placeholders', made.length)];
  if (failed.length) parts.push(vscode.l10n.t('{0} failed: {1}', failed.length, failed.map((o) => `${o.placeholder.relative} (${o.reason})`).join('; ')));
  if (skipped.length) parts.push(vscode.l10n.t('{0} canceled', skipped.length));
  // Never enlarged more than 1.5× silently: the list said it; a batch from an argument object says it here.
  const soft = made.filter((o) => (o.placeholder.size.upscale ?? 1) > MAX_SILENT_UPSCALE);
  if (soft.length) parts.push(vscode.l10n.t('enlarged more than {0}× (will look soft): {1}', MAX_SILENT_UPSCALE, soft.map((o) => `${o.placeholder.relative} ${o.placeholder.size.upscale!.toFixed(1)}×`).join(', ')));
  const message = `Pruna: ${parts.join(', ')}.`;
  const elsewhere: SavedElsewhere[] = made
    .filter((o) => savedUnderOtherExtension(o.placeholder.target, o.saved))
    .map((o) => ({ references: o.placeholder.references, saved: o.saved }));
  // Enlarged more than 1.5× with the upscale model at hand: offered on the same notification, run only on the click.
  const upscales = pendingUpscales(made.map((o) => o.saved));
  const button = upscales.length ? upscaleButton(upscales) : undefined;
  const items = button ? [button] : [];
  const shown = failed.length ? vscode.window.showWarningMessage(message, ...items) : vscode.window.showInformationMessage(message, ...items);
  if (button) void Promise.resolve(shown).then((choice) => answerUpscales(choice, button, (r) => services.jobs.run(r), upscales));
  if (elsewhere.length) void offerReferenceUpdate(elsewhere);
}

/**
 * What to scan. Run from the walkthrough button or the palette while the Studio (a webview) has focus, there is no
 * active text editor: then the text editors the user can see, else the workspace folder, which is offered (a whole
 * folder may hold many pages) rather than scanned unasked. Undefined: the user declined, nothing to do.
 */
async function scopeOrFallback(first: unknown, selection: unknown, args: GenerateMissingArgs, fromArgument: boolean): Promise<vscode.Uri[] | undefined> {
  const scopes = scopeUris(first, selection, args);
  if (scopes.length > 0) return scopes;
  const visible = visibleDocuments();
  if (visible.length > 0) return visible;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    throw new Error(vscode.l10n.t('Generate Missing Images needs a document: open one, or open a folder and run it on a file or folder from the Explorer.'));
  }
  if (fromArgument) {
    // A caller with an argument object cannot be asked; it names what to scan with `uri`.
    throw new Error(vscode.l10n.t('Generate Missing Images: no editor is open, so there is no document to scan. Pass {0} (a file or folder of the workspace).', '`uri`'));
  }
  const scan = vscode.l10n.t('Scan Workspace Folder');
  const names = folders.map((f) => f.name).join(', ');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Pruna: no editor is open, so there is no document to look for missing images in. Scan the workspace folder ({0}) instead?', names),
    scan,
  );
  if (answer !== scan) return undefined;
  if (folders.length === 1) return [folders[0]!.uri];
  const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which workspace folder should be scanned for missing images?') });
  return folder ? [folder.uri] : undefined;
}

/** The documents of the visible text editors (not output panes or diff sides outside the workspace), once each. */
function visibleDocuments(): vscode.Uri[] {
  const seen = new Set<string>();
  const result: vscode.Uri[] = [];
  for (const editor of vscode.window.visibleTextEditors) {
    const uri = editor.document.uri;
    if (uri.scheme !== 'untitled' && !vscode.workspace.getWorkspaceFolder(uri)) continue;
    if (seen.has(uri.toString())) continue;
    seen.add(uri.toString());
    result.push(uri);
  }
  return result;
}

function scopeUris(first: unknown, selection: unknown, args: GenerateMissingArgs): vscode.Uri[] {
  if (args.uri) return [vscode.Uri.parse(args.uri)];
  if (Array.isArray(selection) && selection.length > 0 && selection.every((s) => s instanceof vscode.Uri)) return selection as vscode.Uri[];
  if (first instanceof vscode.Uri) return [first];
  const active = vscode.window.activeTextEditor?.document.uri;
  return active ? [active] : [];
}

async function documentsOf(uri: vscode.Uri): Promise<ScanDocument[]> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    // An untitled or unsaved editor has no file on disk; its text is what counts.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return [{ uri, text: open.getText(), languageId: open.languageId }];
    throw new Error(vscode.l10n.t('{0} does not exist. Give a document or folder of the workspace.', uri.toString(true)));
  }
  if (stat.type & vscode.FileType.Directory) return folderDocuments(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  return [{ uri, text: document.getText(), languageId: document.languageId }];
}

function describeScope(scopes: readonly vscode.Uri[]): string {
  return scopes.length === 1 ? vscode.workspace.asRelativePath(scopes[0]!, false) : vscode.l10n.t('{0} items', scopes.length);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && !Array.isArray(value);
}

/** `{ uri: Uri }` from another extension is accepted like `{ uri: string }`. */
function normalizeUri(value: Record<string, unknown>): Record<string, unknown> {
  return value.uri instanceof vscode.Uri ? { ...value, uri: value.uri.toString() } : value;
}

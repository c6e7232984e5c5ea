// From documents to placeholders: the core plan (references resolved by the project model, grouped by target file,
// those whose file exists anywhere the framework serves it dropped, ambiguous ones kept apart) turned into URIs.
import * as vscode from 'vscode';
import { getModel } from '../../core/catalog';
import {
  MAX_SCAN_CHARS,
  chooseSize,
  classifyForm,
  derivePrompt,
  placeholderLanguage,
  placeholderSeed,
  PLACEHOLDER_MODEL,
  planPlaceholders,
  resolveImageReference,
  workspaceRelative,
  type AmbiguousReference,
  type FileFormat,
  type ImageReference,
  type PlanItem,
  scanDocument,
  type ScanResult as DocumentScan,
  type SizeChoice,
  type SizeOptions,
  type SkippedReference,
} from '../../core/placeholders';
import type { ReferenceForm } from '../../core/project';
import { checkContainment } from '../fileSystem';
import { workspaceProjects } from './projects';

export { PLACEHOLDER_MODEL } from '../../core/placeholders';

/** Where scan notes go (documents skipped for size or time): the Pruna log, wired by register.ts. */
let note: (message: string) => void = () => undefined;

export function setScanLog(log: (message: string) => void): void {
  note = log;
}

/** One scan of a document may block the host this long at most; then it stops and the document counts as empty. */
export const SCAN_DEADLINE_MS = 1000;

/**
 * The references of a document's text, scanned once per version (by its URI): the code-action provider asks on every
 * cursor move, the batch asks again for the same documents. A scan that was cancelled by the caller is not kept.
 */
export class ScanCache {
  private readonly entries = new Map<string, { version: number; result: DocumentScan }>();

  references(uri: vscode.Uri, version: number, text: () => string, languageId: string, isCancelled?: () => boolean): ImageReference[] {
    const key = uri.toString();
    const cached = this.entries.get(key);
    if (cached?.version === version) return cached.result.references;
    const result = scanText(uri, text(), languageId, isCancelled);
    if (result.skipped !== 'cancelled' || !isCancelled?.()) this.entries.set(key, { version, result });
    return result.references;
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }
}

export const scanCache = new ScanCache();

/** Scans with the document cap and a deadline; says in the log what it skipped and why. */
export function scanText(uri: vscode.Uri, text: string, languageId: string, isCancelled?: () => boolean): DocumentScan {
  const language = placeholderLanguage(languageId, uri.path);
  if (!language) return { references: [] };
  const deadline = Date.now() + SCAN_DEADLINE_MS;
  let late = false;
  const result = scanDocument(text, language, {
    isCancelled: () => Boolean(isCancelled?.()) || (late ||= Date.now() > deadline),
  });
  if (result.skipped === 'too-large') note(`Placeholders: ${uri.toString(true)} is larger than ${MAX_SCAN_CHARS / 1_000_000} MB; not scanned for image references.`);
  if (late) note(`Placeholders: scanning ${uri.toString(true)} took longer than ${SCAN_DEADLINE_MS} ms; stopped, no references from it.`);
  return result;
}

export interface FoundReference {
  readonly document: vscode.Uri;
  readonly reference: ImageReference;
  /** Where the path text is, when the reference came from a scan (lines and characters of the document). */
  readonly range?: vscode.Range;
}

export interface Placeholder {
  readonly target: vscode.Uri;
  /** Workspace-relative path of the target, `/`-separated. */
  readonly relative: string;
  readonly references: readonly FoundReference[];
  readonly prompt: string;
  readonly size: SizeChoice;
  readonly seed: number;
  /** How the path was read and why it points there. */
  readonly resolution: { readonly form: ReferenceForm; readonly root: vscode.Uri; readonly rule: string };
  /** How the file is made when its extension does not simply say it (`.ico`: a PNG in an ICO container). */
  readonly format?: FileFormat;
}

export interface Unfilled {
  readonly document: vscode.Uri;
  readonly reference: ImageReference;
  readonly range: vscode.Range;
  readonly reason: string;
  /** For ambiguous references: where it could point (none is filled without the user choosing). */
  readonly candidates: readonly { readonly target: vscode.Uri; readonly relative: string; readonly rule: string }[];
}

export interface ScanResult {
  readonly placeholders: Placeholder[];
  readonly ambiguous: Unfilled[];
  readonly skipped: Unfilled[];
}

export interface ScanDocument {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly languageId: string;
}

/**
 * The file a reference points to when it is missing and unambiguous: undefined when it is not a file inside the
 * document's workspace folder, when the project cannot say where it points, or when the image exists at another
 * folder the framework serves it from (then nothing is missing).
 */
export async function targetOf(document: vscode.Uri, reference: ImageReference): Promise<{ target: vscode.Uri; relative: string; rule: string } | undefined> {
  const projects = workspaceProjects().forDocument(document);
  if (!projects) return undefined;
  const project = await projects.model.projectOf(document.path);
  const resolution = resolveImageReference(project, document.path, reference, projects.model.workspaceRoot);
  if (resolution.status !== 'target') return undefined;
  for (const alternative of resolution.alternatives) if (await projects.reader.exists(alternative.target)) return undefined;
  const base = projects.folder.uri;
  const target = base.with({ path: resolution.target });
  // A served folder that is a link out of the workspace (public -> /srv/...) is no place to write.
  if (!(await checkContainment(target, { folder: base })).ok) return undefined;
  return { target, relative: workspaceRelative(resolution.target, base.path), rule: resolution.rule };
}

/** Every missing placeholder of the given documents, in document order, one per target file, with the style appended. */
export async function scanDocuments(documents: readonly ScanDocument[], sizing: SizeOptions, style?: string): Promise<ScanResult> {
  const byFolder = new Map<string, ScanDocument[]>();
  for (const document of documents) {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) continue;
    const key = folder.uri.toString();
    byFolder.set(key, [...(byFolder.get(key) ?? []), document]);
  }
  const result: ScanResult = { placeholders: [], ambiguous: [], skipped: [] };
  for (const group of byFolder.values()) {
    const projects = workspaceProjects().forDocument(group[0]!.uri)!;
    const base = projects.folder.uri;
    const uri = (path: string) => base.with({ path });
    const plan = await planPlaceholders(
      group.map((d) => ({ path: d.uri.path, text: d.text, languageId: d.languageId })),
      { model: projects.model, reader: projects.reader, sizing, ...(style ? { style } : {}), referencesOf: (d) => scanText(uri(d.path), d.text, d.languageId).references, between: yieldToHost },
    );
    for (const item of plan.items) {
      const placeholder = toPlaceholder(item, uri);
      // Every target must really be inside the workspace folder (no write through a linked folder).
      const verdict = await checkContainment(placeholder.target, { folder: base });
      if (verdict.ok) result.placeholders.push(placeholder);
      else result.skipped.push(...placeholder.references.map((r) => ({ document: r.document, reference: r.reference, range: r.range!, reason: verdict.message, candidates: [] })));
    }
    const unfilled = (r: AmbiguousReference | SkippedReference): Unfilled => ({
      document: uri(r.document),
      reference: r.reference,
      range: toRange(r.range),
      reason: r.reason,
      candidates: 'candidates' in r ? r.candidates.map((c) => ({ target: uri(c.target), relative: workspaceRelative(c.target, base.path), rule: c.rule })) : [],
    });
    result.ambiguous.push(...plan.ambiguous.map(unfilled));
    result.skipped.push(...plan.skipped.map(unfilled));
  }
  return result;
}

function toPlaceholder(item: PlanItem, uri: (path: string) => vscode.Uri): Placeholder {
  return {
    target: uri(item.target),
    relative: item.relative,
    references: item.references.map((r) => ({ document: uri(r.document), reference: r.reference, range: toRange(r.range) })),
    prompt: item.prompt,
    size: item.size,
    seed: item.seed,
    resolution: { form: item.resolution.form, root: uri(item.resolution.root), rule: item.resolution.rule },
    ...(item.format ? { format: item.format } : {}),
  };
}

function toRange(range: PlanItem['references'][number]['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

const EXTENSION_LANGUAGES: Readonly<Record<string, string>> = {
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'mdx',
  astro: 'astro',
  ts: 'typescript',
  mts: 'typescript',
  mjs: 'javascript',
  webmanifest: 'webmanifest',
  html: 'html',
  htm: 'html',
  vue: 'vue',
  svelte: 'svelte',
  jsx: 'javascriptreact',
  tsx: 'typescriptreact',
  js: 'javascript',
  css: 'css',
  scss: 'scss',
  less: 'less',
};

const FOLDER_SCAN_LIMIT = 2000;
/** Files larger than the scan cap are not read at all (2 MB of UTF-8 is at least 2 MB of text only if ASCII). */
const MAX_FILE_BYTES = MAX_SCAN_CHARS;

function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Documents of a folder (open editors' unsaved text wins over the disk). Reads at most MAX_FILE_BYTES per file (larger
 * ones are skipped with a note) and yields to the host between files, so a large folder never blocks it.
 */
export async function folderDocuments(folder: vscode.Uri): Promise<{ uri: vscode.Uri; text: string; languageId: string }[]> {
  const excluded = '**/{node_modules,.git,dist,out,build}/**';
  const pattern = new vscode.RelativePattern(folder, `**/*.{${Object.keys(EXTENSION_LANGUAGES).join(',')}}`);
  // Globs do not nest braces: manifests named manifest.json are a second, small search.
  const [files, manifests] = await Promise.all([
    vscode.workspace.findFiles(pattern, excluded, FOLDER_SCAN_LIMIT),
    vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/manifest.json'), excluded, 20),
  ]);
  files.push(...manifests);
  files.sort((a, b) => a.path.localeCompare(b.path));
  const decoder = new TextDecoder();
  const result: { uri: vscode.Uri; text: string; languageId: string }[] = [];
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  let skipped = 0;
  for (const [index, uri] of files.entries()) {
    if (index > 0) await yieldToHost();
    const document = open.get(uri.toString());
    if (document) {
      result.push({ uri, text: document.getText(), languageId: document.languageId });
      continue;
    }
    const ext = uri.path.slice(uri.path.lastIndexOf('.') + 1).toLowerCase();
    const languageId = uri.path.toLowerCase().endsWith('/manifest.json') ? 'webmanifest' : EXTENSION_LANGUAGES[ext];
    if (!languageId) continue;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) {
        skipped++;
        note(`Placeholders: ${vscode.workspace.asRelativePath(uri, false)} is larger than ${MAX_FILE_BYTES / 1_000_000} MB; not scanned.`);
        continue;
      }
      result.push({ uri, text: decoder.decode(await vscode.workspace.fs.readFile(uri)), languageId });
    } catch {
      // A file that vanished or cannot be read has no references to fill.
    }
  }
  if (skipped > 0) note(`Placeholders: ${skipped} file(s) in ${vscode.workspace.asRelativePath(folder, false)} skipped for size.`);
  return result;
}

/** A placeholder for an ambiguous reference at the candidate the user chose (never made without that choice). */
export function placeholderFromCandidate(unfilled: Unfilled, candidate: Unfilled['candidates'][number], text: string | undefined, sizing: SizeOptions, style: string | undefined): Placeholder {
  return {
    target: candidate.target,
    relative: candidate.relative,
    references: [{ document: unfilled.document, reference: unfilled.reference, range: unfilled.range }],
    prompt: derivePrompt(unfilled.reference, { ...(text ? { text } : {}), ...(style ? { style } : {}) }),
    size: chooseSize(getModel(PLACEHOLDER_MODEL), unfilled.reference, sizing),
    seed: placeholderSeed(candidate.relative),
    resolution: { form: classifyForm(unfilled.reference), root: candidate.target.with({ path: candidate.target.path.slice(0, candidate.target.path.lastIndexOf('/')) }), rule: vscode.l10n.t('{0} (chosen from the candidates: {1})', candidate.rule, unfilled.reason) },
  };
}

// From documents to placeholders: finds the references, resolves each inside its workspace folder, keeps the ones
// whose file does not exist yet, and groups references to the same file (one image per file, whatever refers to it).
import * as vscode from 'vscode';
import { exists } from '../fileSystem';
import { getModel } from '../../core/catalog';
import {
  MAX_SCAN_CHARS,
  chooseSize,
  derivePrompt,
  placeholderLanguage,
  placeholderSeed,
  referenceForm,
  resolveReferenceTarget,
  workspaceRelative,
  scanDocument,
  type ImageReference,
  type ScanResult,
  type SizeChoice,
  type SizeOptions,
} from '../../core/placeholders';

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
  private readonly entries = new Map<string, { version: number; result: ScanResult }>();

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
export function scanText(uri: vscode.Uri, text: string, languageId: string, isCancelled?: () => boolean): ScanResult {
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

export const PLACEHOLDER_MODEL = 'p-image';

export interface FoundReference {
  readonly document: vscode.Uri;
  readonly reference: ImageReference;
}

export interface Placeholder {
  readonly target: vscode.Uri;
  /** Workspace-relative path of the target, `/`-separated. */
  readonly relative: string;
  readonly references: readonly FoundReference[];
  readonly prompt: string;
  readonly size: SizeChoice;
  readonly seed: number;
}

/** Forms that are relative to the document itself; the others need the project model (root, public dir, aliases). */
const DOCUMENT_RELATIVE_FORMS: ReadonlySet<string> = new Set(['relative', 'import', 'url-import', 'require']);

/** The file a reference points to, or undefined when it is not a file inside the document's workspace folder. */
export function targetOf(document: vscode.Uri, reference: ImageReference): { target: vscode.Uri; relative: string } | undefined {
  if (!DOCUMENT_RELATIVE_FORMS.has(referenceForm(reference))) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(document);
  if (!folder) return undefined;
  const path = resolveReferenceTarget(document.path, reference.path, folder.uri.path);
  if (path === undefined) return undefined;
  return { target: folder.uri.with({ path }), relative: workspaceRelative(path, folder.uri.path) };
}

export function describePlaceholder(document: vscode.Uri, reference: ImageReference, relative: string, target: vscode.Uri, sizing: SizeOptions): Placeholder {
  return {
    target,
    relative,
    references: [{ document, reference }],
    prompt: derivePrompt(reference),
    size: chooseSize(getModel(PLACEHOLDER_MODEL), reference, sizing),
    seed: placeholderSeed(relative),
  };
}

/** Every missing placeholder of the given documents, in document order, one per target file. */
export async function findMissing(documents: readonly { uri: vscode.Uri; text: string; languageId: string }[], sizing: SizeOptions): Promise<Placeholder[]> {
  const byTarget = new Map<string, Placeholder>();
  for (const [index, doc] of documents.entries()) {
    // The host keeps serving other extensions between documents.
    if (index > 0) await yieldToHost();
    for (const reference of scanText(doc.uri, doc.text, doc.languageId).references) {
      const resolved = targetOf(doc.uri, reference);
      if (!resolved) continue;
      const key = resolved.target.toString();
      const known = byTarget.get(key);
      if (known) {
        // The first reference that says something (alt, size) describes the file; the others are only updated.
        const better = !hasDescription(known.references[0]!.reference) && hasDescription(reference);
        const merged = better ? describePlaceholder(doc.uri, reference, resolved.relative, resolved.target, sizing) : known;
        byTarget.set(key, { ...merged, references: better ? [{ document: doc.uri, reference }, ...known.references] : [...known.references, { document: doc.uri, reference }] });
        continue;
      }
      byTarget.set(key, describePlaceholder(doc.uri, reference, resolved.relative, resolved.target, sizing));
    }
  }
  const candidates = [...byTarget.values()];
  const missing = await Promise.all(candidates.map(async (p) => ((await exists(p.target)) ? undefined : p)));
  return missing.filter((p): p is Placeholder => p !== undefined);
}

function hasDescription(reference: ImageReference): boolean {
  return Boolean(reference.alt) || reference.width !== undefined || reference.height !== undefined || reference.aspectRatio !== undefined;
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

// From documents to placeholders: finds the references, resolves each inside its workspace folder, keeps the ones
// whose file does not exist yet, and groups references to the same file (one image per file, whatever refers to it).
import * as vscode from 'vscode';
import { exists } from '../fileSystem';
import { getModel } from '../../core/catalog';
import {
  chooseSize,
  derivePrompt,
  findImageReferences,
  isSupportedLanguage,
  placeholderSeed,
  referenceForm,
  resolveReferenceTarget,
  workspaceRelative,
  type ImageReference,
  type SizeChoice,
  type SizeOptions,
} from '../../core/placeholders';

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
  for (const doc of documents) {
    if (!isSupportedLanguage(doc.languageId)) continue;
    for (const reference of findImageReferences(doc.text, doc.languageId)) {
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

/** Documents of a folder (open editors' unsaved text wins over the disk). */
export async function folderDocuments(folder: vscode.Uri): Promise<{ uri: vscode.Uri; text: string; languageId: string }[]> {
  const pattern = new vscode.RelativePattern(folder, `**/*.{${Object.keys(EXTENSION_LANGUAGES).join(',')}}`);
  const files = await vscode.workspace.findFiles(pattern, '**/{node_modules,.git,dist,out,build}/**', FOLDER_SCAN_LIMIT);
  files.sort((a, b) => a.path.localeCompare(b.path));
  const decoder = new TextDecoder();
  const result: { uri: vscode.Uri; text: string; languageId: string }[] = [];
  for (const uri of files) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      result.push({ uri, text: open.getText(), languageId: open.languageId });
      continue;
    }
    const ext = uri.path.slice(uri.path.lastIndexOf('.') + 1).toLowerCase();
    const languageId = EXTENSION_LANGUAGES[ext];
    if (!languageId) continue;
    try {
      result.push({ uri, text: decoder.decode(await vscode.workspace.fs.readFile(uri)), languageId });
    } catch {
      // A file that vanished or cannot be read has no references to fill.
    }
  }
  return result;
}

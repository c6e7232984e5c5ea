// Inserts a generated file's path into a text editor, relative to the document and in its language, with the image's
// real dimensions so the layout does not jump when it loads.
import * as vscode from 'vscode';
import { assertContained } from '../fileSystem';
import { ShellError } from '../errors';
import type { RecipeStore } from '../recipes/recipeStore';
import { altFromPrompt, imageSize, referenceSnippet, relativeReferencePath } from '../../core';

const VIDEO = /\.(mp4|webm|mov|m4v)$/i;

/**
 * Remembers the last text editor the user typed in: after a result opens in an image preview there is no active text
 * editor, yet "Insert Reference" should still go into the document they were editing.
 */
export class LastTextEditor implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly listener = vscode.window.onDidChangeActiveTextEditor((e) => {
    if (e && e.document.uri.scheme !== 'output') this.last = e;
  });

  get(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const last = this.last;
    if (!last || last.document.isClosed) return undefined;
    // Only while the document is still on screen (results open beside it); a closed tab is not a target.
    return vscode.window.visibleTextEditors.find((e) => e.document === last.document);
  }

  dispose(): void {
    this.listener.dispose();
  }
}

export async function insertReference(file: vscode.Uri, editor: vscode.TextEditor | undefined, recipes: RecipeStore): Promise<string> {
  if (!editor) {
    throw new ShellError('no-editor', vscode.l10n.t('There is no open text editor to insert into. Open the document where the reference should go, then run "Pruna: Insert Reference to Generated File" again.'));
  }
  const snippet = await referenceFor(editor.document, file, recipes);
  const applied = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, snippet);
  });
  if (!applied) throw new ShellError('no-editor', vscode.l10n.t('Could not insert into {0}: the editor refused the edit (is it read-only?).', editor.document.fileName));
  return snippet;
}

/** The reference to `file` in `document`'s language, relative to it, with the image's real size and the recipe's alt. */
export async function referenceFor(document: vscode.TextDocument, file: vscode.Uri, recipes: RecipeStore): Promise<string> {
  // A file in the workspace must really be there (not a link to a file elsewhere) before it is read.
  await assertContained(file, { purpose: 'read', outsideFolders: 'allow' });
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(file);
  } catch {
    throw new ShellError('no-file', vscode.l10n.t('{0} does not exist (any more). Pick another file.', vscode.workspace.asRelativePath(file)));
  }
  const recipe = await recipes.get(file).catch(() => undefined);
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const isVideo = VIDEO.test(name);
  const size = isVideo ? undefined : imageSize(bytes);
  return referenceSnippet({
    languageId: document.languageId,
    ...(document.isUntitled ? {} : { documentName: document.uri.path }),
    path: pathFrom(document.uri, file),
    alt: recipe?.prompt ? altFromPrompt(recipe.prompt) : name.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' '),
    ...(size ? { size } : {}),
    isVideo,
  });
}

/** Relative to the document's folder when both live on the same file system; else workspace-relative or absolute. */
export function pathFrom(document: vscode.Uri, file: vscode.Uri): string {
  const sameFs = document.scheme === file.scheme && document.authority === file.authority && document.scheme !== 'untitled';
  if (sameFs) return relativeReferencePath(document.path, file.path);
  const relative = vscode.workspace.asRelativePath(file, false);
  return relative !== file.fsPath ? relative : file.fsPath;
}

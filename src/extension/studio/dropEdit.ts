// Dragging a gallery thumbnail from the Studio into a text editor inserts the same reference as "Insert" does.
// The webview puts the file's URI under a private MIME type on dragstart; this provider turns it into markup for the
// target document's language (the shell's referenceSnippet, so both paths produce identical text).
import * as vscode from 'vscode';
import { GALLERY_DRAG_MIME } from '../../shared/dragData';
import { altFromPrompt, referenceSnippet } from '../insert/referenceSnippet';
import type { PrunaServices } from '../services';

const VIDEO_EXTENSIONS = /\.(mp4|webm|mov|m4v)$/i;

export class GalleryDropProvider implements vscode.DocumentDropEditProvider {
  static readonly kind = vscode.DocumentDropOrPasteEditKind.Empty.append('pruna', 'reference');

  constructor(private readonly services: PrunaServices) {}

  async provideDocumentDropEdits(
    document: vscode.TextDocument,
    _position: vscode.Position,
    dataTransfer: vscode.DataTransfer,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentDropEdit[] | undefined> {
    const raw = await dataTransfer.get(GALLERY_DRAG_MIME)?.asString();
    if (!raw || token.isCancellationRequested) return undefined;
    const uri = parseDraggedUri(raw);
    if (!uri) return undefined;
    // Only files the gallery knows are inserted: a drag payload is data from a webview, not a trusted path.
    const items = await this.services.gallery.list();
    const item = items.find((candidate) => candidate.uri.toString() === uri);
    if (!item || token.isCancellationRequested) return undefined;
    const text = referenceSnippet({
      languageId: document.languageId,
      path: relativePath(document.uri, item.uri),
      alt: altFromPrompt(item.recipe.prompt),
      isVideo: VIDEO_EXTENSIONS.test(item.uri.path),
    });
    const edit = new vscode.DocumentDropEdit(text, 'Insert Pruna reference', GalleryDropProvider.kind);
    return [edit];
  }
}

function parseDraggedUri(raw: string): string | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && 'uri' in value && typeof value.uri === 'string') return value.uri;
  } catch {
    // Not ours (another extension's data under the same type): ignore the drop.
  }
  return undefined;
}

/** Path from the document's folder to the file, forward slashes; absolute when they share no scheme/authority. */
export function relativePath(from: vscode.Uri, to: vscode.Uri): string {
  if (from.scheme !== to.scheme || from.authority !== to.authority || from.scheme === 'untitled') {
    return vscode.workspace.asRelativePath(to, false);
  }
  const fromParts = from.path.split('/').slice(0, -1);
  const toParts = to.path.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  const ups = fromParts.length - common;
  return [...Array<string>(ups).fill('..'), ...toParts.slice(common)].join('/');
}

export function registerGalleryDrop(services: PrunaServices): vscode.Disposable {
  return vscode.languages.registerDocumentDropEditProvider(
    [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }],
    new GalleryDropProvider(services),
    { providedDropEditKinds: [GalleryDropProvider.kind], dropMimeTypes: [GALLERY_DRAG_MIME] },
  );
}

// Dragging a gallery thumbnail from the Studio into a text editor inserts the same reference as "Insert" does.
// The webview puts the file's URI under a private MIME type on dragstart; this provider turns it into markup for the
// target document's language (the shell's referenceFor, so both paths produce identical text).
import * as vscode from 'vscode';
import { GALLERY_DRAG_MIME } from '../../shared/dragData';
import type { PrunaServices } from '../services';

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
    // Exactly what "Insert" writes; a file that vanished since the gallery listed it is simply not dropped.
    const text = await this.services.referenceFor(document, item.uri).catch(() => undefined);
    if (text === undefined || token.isCancellationRequested) return undefined;
    const edit = new vscode.DocumentDropEdit(text, vscode.l10n.t('Insert Pruna reference'), GalleryDropProvider.kind);
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

export function registerGalleryDrop(services: PrunaServices): vscode.Disposable {
  return vscode.languages.registerDocumentDropEditProvider(
    [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }],
    new GalleryDropProvider(services),
    { providedDropEditKinds: [GalleryDropProvider.kind], dropMimeTypes: [GALLERY_DRAG_MIME] },
  );
}

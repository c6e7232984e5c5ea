// A placeholder saved under another extension than its reference says (hero.jpg asked, PNG returned -> hero.png):
// the references are updated with one workspace edit the user accepts, sees in the editor and can undo.
import * as vscode from 'vscode';
import { extensionOf, findImageReferences, sameImageType, withExtension, type ImageReference } from '../../core/placeholders';
import { planForExtension } from '../../core/imaging';
import { shortfallFor } from '../saving/postprocess';
import type { FoundReference } from './scan';

export interface SavedElsewhere {
  readonly references: readonly FoundReference[];
  /** Where the file was saved (its extension is the real type). */
  readonly saved: vscode.Uri;
}

/** Whether the saved file's extension differs from the one the reference asked for. */
export function savedUnderOtherExtension(target: vscode.Uri, saved: vscode.Uri): boolean {
  return target.toString() !== saved.toString() && !sameImageType(extensionOf(target.path), extensionOf(saved.path));
}

/** One edit for every reference; references whose text changed since they were found are looked up again. */
export async function referenceUpdate(items: readonly SavedElsewhere[]): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  for (const { references, saved } of items) {
    for (const { document: uri, reference } of references) {
      const document = await vscode.workspace.openTextDocument(uri);
      const current = locate(document, reference);
      const replacement = current && withExtension(current.rawPath, extensionOf(saved.path));
      if (!current || !replacement) continue;
      const range = new vscode.Range(document.positionAt(current.range.start), document.positionAt(current.range.end));
      edit.replace(uri, range, replacement, { label: vscode.l10n.t('Point the reference at {0}', basename(saved)), needsConfirmation: false });
    }
  }
  return edit;
}

/** Offers the update; resolves once the user chose (not awaited by commands, so they return at once). */
export async function offerReferenceUpdate(items: readonly SavedElsewhere[]): Promise<boolean> {
  if (items.length === 0) return false;
  const first = items[0]!;
  const button = items.length === 1 ? vscode.l10n.t('Update Reference') : vscode.l10n.t('Update {0} References', items.length);
  const message =
    items.length === 1
      ? whyNot(first) + vscode.l10n.t('Pruna returned a {0} image, so it was saved as {1}, not under the {2} name the reference uses. Update the reference to {1}?', typeName(first.saved), basename(first.saved), extensionOf(first.references[0]!.reference.path))
      : vscode.l10n.t('{0} placeholders could not be made in the format their extension names ({1}) and were saved under the extension of what they are. Update the references?', items.length, [...new Set(items.map((i) => extensionOf(i.references[0]!.reference.path)))].join(', '));
  const choice = await vscode.window.showInformationMessage(message, button, vscode.l10n.t('Keep'));
  if (choice !== button) return false;
  return vscode.workspace.applyEdit(await referenceUpdate(items));
}

function locate(document: vscode.TextDocument, reference: ImageReference): ImageReference | undefined {
  const text = document.getText();
  if (text.slice(reference.range.start, reference.range.end) === reference.rawPath) return reference;
  const candidates = findImageReferences(text, document.languageId).filter((r) => r.rawPath === reference.rawPath);
  return candidates.sort((a, b) => Math.abs(a.range.start - reference.range.start) - Math.abs(b.range.start - reference.range.start))[0];
}

/** Why the named format could not be made (GIF, SVG, a declined AVIF encoder, a failed conversion), as a sentence. */
function whyNot(item: SavedElsewhere): string {
  const plan = planForExtension(extensionOf(item.references[0]!.reference.path));
  const reason = shortfallFor(item.saved) ?? (plan?.kind === 'cannot' ? plan.reason : undefined);
  if (!reason) return '';
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}. `;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function typeName(uri: vscode.Uri): string {
  return extensionOf(uri.path).slice(1).toUpperCase();
}

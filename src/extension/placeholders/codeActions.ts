// The lightbulb: on a reference to a missing image, "Generate placeholder with Pruna"; when the image exists under
// another extension (a placeholder saved as hero.png for hero.jpg), "Update reference to hero.png". Documents are
// scanned lazily, once per version, with the scan cap and a deadline. In an untrusted workspace nothing is scanned by
// itself: the lightbulb appears once the folder is trusted, or when the user asks for code actions (Ctrl+.).
import * as vscode from 'vscode';
import { GENERATED_EXTENSIONS, extensionOf, placeholderLanguage, withExtension, type ImageReference } from '../../core/placeholders';
import { exists } from '../fileSystem';
import { scanCache, targetOf } from './scan';

export const GENERATE_ONE_COMMAND = 'pruna.placeholders.generate';
export const GENERATE_TITLE = (): string => vscode.l10n.t('Generate placeholder with Pruna');

/** What the code action hands to the command (plain data: it may be serialized). */
export interface GenerateOneArgs {
  readonly document: string;
  readonly reference: ImageReference;
}

export class PlaceholderCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    if (!placeholderLanguage(document.languageId, document.uri.path)) return [];
    if (!scanAllowed(context.triggerKind)) return [];
    const from = document.offsetAt(range.start);
    const to = document.offsetAt(range.end);
    const references = scanCache.references(document.uri, document.version, () => document.getText(), document.languageId, () => token.isCancellationRequested);
    const touched = references.filter((r) => r.range.start <= to && r.range.end >= from).slice(0, 10);
    const actions: vscode.CodeAction[] = [];
    for (const reference of touched) {
      const resolved = await targetOf(document.uri, reference);
      if (!resolved || (await exists(resolved.target)) || token.isCancellationRequested) continue;
      const where = new vscode.Range(document.positionAt(reference.range.start), document.positionAt(reference.range.end));
      const sibling = await existingSibling(resolved.target);
      if (sibling) actions.push(updateAction(document, where, reference, sibling));
      const title = touched.length > 1 ? vscode.l10n.t('Generate placeholder with Pruna: {0}', resolved.relative) : GENERATE_TITLE();
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      const args: GenerateOneArgs = { document: document.uri.toString(), reference };
      action.command = { command: GENERATE_ONE_COMMAND, title, arguments: [args] };
      actions.push(action);
    }
    return actions;
  }
}

/**
 * Issue 10: an untrusted workspace's files are not scanned by themselves (the automatic lightbulb); asking for code
 * actions explicitly, or running a command, is the user choosing to.
 */
export function scanAllowed(trigger: vscode.CodeActionTriggerKind): boolean {
  return vscode.workspace.isTrusted || trigger === vscode.CodeActionTriggerKind.Invoke;
}

async function existingSibling(target: vscode.Uri): Promise<vscode.Uri | undefined> {
  const own = extensionOf(target.path);
  const base = own ? target.path.slice(0, -own.length) : target.path;
  for (const ext of GENERATED_EXTENSIONS) {
    if (ext === own) continue;
    const candidate = target.with({ path: base + ext });
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}

function updateAction(document: vscode.TextDocument, where: vscode.Range, reference: ImageReference, sibling: vscode.Uri): vscode.CodeAction {
  const name = sibling.path.slice(sibling.path.lastIndexOf('/') + 1);
  const action = new vscode.CodeAction(vscode.l10n.t('Update reference to {0}', name), vscode.CodeActionKind.QuickFix);
  const replacement = withExtension(reference.rawPath, extensionOf(sibling.path));
  if (replacement) {
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, where, replacement);
  }
  action.isPreferred = true;
  return action;
}

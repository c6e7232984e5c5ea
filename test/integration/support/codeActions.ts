// Asking the workbench for code actions the way the lightbulb does.
import * as vscode from 'vscode';

/**
 * Code actions at an offset. The workbench cancels a request when the model's content changes under it (a file just
 * written and opened does once when the file watcher catches up) or when the set of code-action providers changes
 * while it runs (a language extension activating for the document just opened, e.g. Markdown's): such a request is
 * asked again, as the editor itself does.
 */
export async function codeActions(uri: vscode.Uri, offset: number): Promise<(vscode.CodeAction | vscode.Command)[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  const position = document.positionAt(offset);
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(position, position))) ?? [];
    } catch (e) {
      if (!(e instanceof Error && (e.name === 'Canceled' || e.message === 'Canceled')) || attempt === 5) throw e;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

/** The code actions only (plain commands, with a string `command`, are left out). */
export async function codeActionsOnly(uri: vscode.Uri, offset: number): Promise<vscode.CodeAction[]> {
  return (await codeActions(uri, offset)).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

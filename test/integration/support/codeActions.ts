// Asking the workbench for code actions the way the lightbulb does.
import * as vscode from 'vscode';

/**
 * Code actions at an offset. The workbench cancels a request when the model's content changes under it, which a file
 * just written and opened does once when the file watcher catches up: such a request is asked again.
 */
export async function codeActions(uri: vscode.Uri, offset: number): Promise<(vscode.CodeAction | vscode.Command)[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  const position = document.positionAt(offset);
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(position, position))) ?? [];
    } catch (e) {
      if (!(e instanceof Error && e.name === 'Canceled') || attempt === 5) throw e;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

// Remembers the text editor the user last worked in. While the Studio panel has focus there is no active text
// editor, yet "Insert" from the gallery must land in the file the user came from.
import * as vscode from 'vscode';

export class EditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor) this.last = editor;
  });

  /** Focuses the last text editor (or a visible one); false when there is none to insert into. */
  async focusLastTextEditor(): Promise<boolean> {
    const visible = vscode.window.visibleTextEditors;
    const target =
      (this.last && visible.find((e) => e.document === this.last!.document)) ??
      (this.last && !this.last.document.isClosed ? this.last : undefined) ??
      visible[0];
    if (!target) return false;
    await vscode.window.showTextDocument(target.document, {
      ...(target.viewColumn !== undefined ? { viewColumn: target.viewColumn } : {}),
      selection: target.selection,
      preserveFocus: false,
    });
    return true;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

// Keeps the `pruna.generatedFiles` context key in step with the recipe index, so "Regenerate with Pruna" and
// "Insert Reference" appear in the explorer only on files Pruna made.
import * as vscode from 'vscode';
import type { RecipeStore } from '../recipes/recipeStore';

export function syncGeneratedFilesContext(recipes: RecipeStore): vscode.Disposable {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const update = async () => {
    const items = await recipes.list().catch(() => []);
    // Keyed by fsPath and by URI path: the explorer's resourcePath is the former on desktop, and both are cheap.
    const keys: Record<string, true> = {};
    for (const item of items) {
      keys[item.uri.fsPath] = true;
      keys[item.uri.path] = true;
    }
    await vscode.commands.executeCommand('setContext', 'pruna.generatedFiles', keys);
  };
  const schedule = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => void update(), 200);
  };
  schedule();
  const listener = recipes.onDidChange(schedule);
  return new vscode.Disposable(() => {
    if (pending) clearTimeout(pending);
    listener.dispose();
  });
}

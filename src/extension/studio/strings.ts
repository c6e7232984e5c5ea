// The Studio's messages in the user's language. The webview's l10n.t('…') calls (src/webview/l10n.ts) are in the same
// l10n/bundle.l10n.json as the extension's (npm run l10n extracts them), so the translation VS Code loaded for the
// extension is the Studio's table too; English needs none (the webview falls back to its own English text).
import * as vscode from 'vscode';

export function studioStrings(): Record<string, string> {
  const bundle: Record<string, unknown> = vscode.l10n.bundle ?? {};
  return Object.fromEntries(Object.entries(bundle).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

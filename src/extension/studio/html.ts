// The panel's HTML shell: a strict CSP (scripts only by nonce, no remote content), assets through asWebviewUri.
// Everything visible is built by dist/webview/studio.js; this page only gives it a place to live.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

/** Where the shipped codicons live, relative to the extension root (see packaging: the vsix must include it). */
// esbuild.mjs copies @vscode/codicons' dist here on every build; node_modules is not shipped in the .vsix.
export const CODICONS_DIR = ['dist', 'codicons'] as const;

export function assetRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [
    vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
    vscode.Uri.joinPath(extensionUri, 'media'),
    vscode.Uri.joinPath(extensionUri, ...CODICONS_DIR),
  ];
}

export function renderStudioHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const source = webview.cspSource;
  const csp = [
    "default-src 'none'",
    `img-src ${source} blob: data:`,
    `media-src ${source}`,
    `style-src ${source}`,
    `font-src ${source}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset(...CODICONS_DIR, 'codicon.css')}">
<link rel="stylesheet" href="${asset('media', 'studio.css')}">
<title>${escapeHtml(vscode.l10n.t('Pruna Studio'))}</title>
</head>
<body>
<header><h1 class="visually-hidden">${escapeHtml(vscode.l10n.t('Pruna Studio'))}</h1></header>
<main id="app" aria-busy="true"><p class="loading">${escapeHtml(vscode.l10n.t('Loading Pruna Studio…'))}</p></main>
<script nonce="${nonce}" src="${asset('dist', 'webview', 'studio.js')}"></script>
</body>
</html>`;
}

/** A translation is text, never markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeAttribute(text: string): string {
  return /^[A-Za-z0-9-]{1,35}$/.test(text) ? text : 'en';
}

// Helpers for integration tests: the open workspace folder, files through vscode.workspace.fs (the same API the
// extension uses, so remote and virtual workspaces behave alike), and reversible stubs for interactive UI.
import * as vscode from 'vscode';

/** The first workspace folder; fails loudly in the no-folder run, where a test should not need one. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (this test belongs in test/integration/, not no-folder/)');
  return folder.uri;
}

/** A Uri inside the workspace folder from a relative path such as "assets/hero.png". */
export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...relativePath.split('/').filter(Boolean));
}

export async function writeFile(relativePath: string, content: string | Uint8Array): Promise<vscode.Uri> {
  const uri = workspaceUri(relativePath);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  return uri;
}

export async function readBytes(relativePath: string): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(workspaceUri(relativePath));
}

export async function readText(relativePath: string): Promise<string> {
  return new TextDecoder().decode(await readBytes(relativePath));
}

export async function exists(relativePath: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(workspaceUri(relativePath));
    return true;
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return false;
    throw err;
  }
}

/** Deletes a file or folder (recursively); a missing one is fine, so tests can clean up unconditionally. */
export async function deletePath(relativePath: string): Promise<void> {
  try {
    await vscode.workspace.fs.delete(workspaceUri(relativePath), { recursive: true, useTrash: false });
  } catch (err) {
    if (!(err instanceof vscode.FileSystemError && err.code === 'FileNotFound')) throw err;
  }
}

/** Relative paths of the files directly in a workspace folder ("" = the root), sorted. */
export async function listFiles(relativeDir = ''): Promise<string[]> {
  const dir = relativeDir ? workspaceUri(relativeDir) : workspaceFolder();
  const entries = await vscode.workspace.fs.readDirectory(dir);
  return entries
    .filter(([, type]) => type === vscode.FileType.File)
    .map(([name]) => (relativeDir ? `${relativeDir.replace(/\/$/, '')}/${name}` : name))
    .sort();
}

/**
 * Replaces obj[method] with impl until the returned function is called, e.g.
 * `const restore = stub(vscode.window, 'showInputBox', async () => 'a cat');` then `restore()` in afterEach.
 */
export function stub<T extends object, K extends keyof T>(obj: T, method: K, impl: T[K]): () => void {
  const had = Object.prototype.hasOwnProperty.call(obj, method);
  const original = obj[method];
  obj[method] = impl;
  return () => {
    if (had) obj[method] = original;
    else delete obj[method];
  };
}

/** Polls until check() returns a truthy value (events from the extension arrive asynchronously). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

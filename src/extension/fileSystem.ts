import * as vscode from 'vscode';

/**
 * Whether something exists at `uri` (through workspace.fs, so remote and virtual workspaces work too). Only "not
 * found" means missing: a path we cannot stat for another reason is treated as taken, so nothing overwrites it.
 */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    return !(e instanceof vscode.FileSystemError && e.code === 'FileNotFound');
  }
}

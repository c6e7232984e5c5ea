// Wires the Studio into the extension: the "Pruna: Open Studio" command, revival after reload, and dropping gallery
// thumbnails into editors. The shell calls registerStudio once from activate().
import * as vscode from 'vscode';
import type { PrunaServices } from '../services';
import { createStudioCatalog } from './catalog';
import { registerGalleryDrop } from './dropEdit';
import { STUDIO_VIEW_TYPE, StudioPanel, type StudioDeps } from './panel';

/** Revives a restored Studio panel (the activation entry's serializer hands panels here). */
export interface StudioRegistration {
  revive(panel: vscode.WebviewPanel): void;
}

export function registerStudio(context: vscode.ExtensionContext, services: PrunaServices): StudioRegistration {
  const dropFolder = vscode.Uri.joinPath(context.globalStorageUri, 'studio-drops');
  void removeStaleDrops(dropFolder);
  const deps: StudioDeps = {
    extensionUri: context.extensionUri,
    services,
    catalog: createStudioCatalog(),
    // One "Pruna" output channel for the whole product: the shell's.
    log: services.log,
    dropFolder,
  };
  context.subscriptions.push(
    // From an image's editor title the command receives that image: it becomes the first input.
    vscode.commands.registerCommand('pruna.openStudio', (resource?: unknown) => {
      StudioPanel.createOrShow(deps, resource instanceof vscode.Uri ? resource : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(STUDIO_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        StudioPanel.revive(panel, deps);
      },
    }),
    registerGalleryDrop(services),
    { dispose: () => StudioPanel.instance?.dispose() },
  );
  return { revive: (panel) => StudioPanel.revive(panel, deps) };
}

/** Files dropped from the OS are copies kept only until they are uploaded; a day later nobody needs them. */
const DROP_LIFETIME_MS = 24 * 60 * 60 * 1000;

async function removeStaleDrops(folder: vscode.Uri): Promise<void> {
  let entries: [string, vscode.FileType][];
  try {
    // Asked first: readDirectory of a folder that is not there logs an error stack in the extension host's log.
    if (((await vscode.workspace.fs.stat(folder)).type & vscode.FileType.Directory) === 0) return;
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return; // nothing was ever dropped
  }
  const now = Date.now();
  for (const [name] of entries) {
    const file = vscode.Uri.joinPath(folder, name);
    try {
      const stat = await vscode.workspace.fs.stat(file);
      if (now - stat.mtime > DROP_LIFETIME_MS) await vscode.workspace.fs.delete(file);
    } catch {
      // Another window may be cleaning the same folder.
    }
  }
}

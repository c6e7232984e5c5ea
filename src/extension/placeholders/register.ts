// Placeholders from code: the lightbulb's command and the batch command. The lightbulb itself (PlaceholderCodeActions)
// is registered by the activation entry, which loads it on the first request (activation/standIns.ts).
import * as vscode from 'vscode';
import type { PrunaServices } from '../services';
import { generateMissingImages } from './batch';
import { GENERATE_ONE_COMMAND } from './codeActions';
import { generateOne } from './generateOne';
import { disposeWorkspaceProjects } from './projects';
import { scanCache, setScanLog } from './scan';

export const GENERATE_MISSING_COMMAND = 'pruna.generateMissingImages';

export function registerPlaceholders(context: vscode.ExtensionContext, services: PrunaServices): void {
  setScanLog((message) => services.log.info(message));
  context.subscriptions.push(
    { dispose: disposeWorkspaceProjects },
    vscode.workspace.onDidCloseTextDocument((document) => scanCache.forget(document.uri)),
    vscode.commands.registerCommand(GENERATE_ONE_COMMAND, (args: unknown) => generateOne(services, args)),
    vscode.commands.registerCommand(GENERATE_MISSING_COMMAND, (first?: unknown, selection?: unknown) =>
      generateMissingImages(services, first, selection),
    ),
  );
}

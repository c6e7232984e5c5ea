// Placeholders from code: the lightbulb on missing image references, its command, and the batch command.
import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES } from '../../core/placeholders';
import type { PrunaServices } from '../services';
import { generateMissingImages } from './batch';
import { GENERATE_ONE_COMMAND, PlaceholderCodeActions } from './codeActions';
import { generateOne } from './generateOne';
import { disposeWorkspaceProjects } from './projects';
import { scanCache, setScanLog } from './scan';
import { placeholderSelector } from './selector';

export const GENERATE_MISSING_COMMAND = 'pruna.generateMissingImages';

export function registerPlaceholders(context: vscode.ExtensionContext, services: PrunaServices): void {
  const selector = placeholderSelector(SUPPORTED_LANGUAGES);
  setScanLog((message) => services.log.info(message));
  context.subscriptions.push(
    { dispose: disposeWorkspaceProjects },
    vscode.workspace.onDidCloseTextDocument((document) => scanCache.forget(document.uri)),
    vscode.languages.registerCodeActionsProvider(selector, new PlaceholderCodeActions(), PlaceholderCodeActions.metadata),
    vscode.commands.registerCommand(GENERATE_ONE_COMMAND, (args: unknown) => generateOne(services, args)),
    vscode.commands.registerCommand(GENERATE_MISSING_COMMAND, (first?: unknown, selection?: unknown) =>
      generateMissingImages(services, first, selection),
    ),
  );
}

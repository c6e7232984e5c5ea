// Stub until the placeholders feature lands (its helper owns and replaces this file): the command exists so the
// manifest and the registry agree, and says plainly that it is not available yet.
import * as vscode from 'vscode';
import type { PrunaServices } from '../services';

export function registerPlaceholders(context: vscode.ExtensionContext, services: PrunaServices, deps?: unknown): void {
  void services;
  void deps;
  context.subscriptions.push(
    vscode.commands.registerCommand('pruna.generateMissingImages', () =>
      vscode.window.showInformationMessage('Pruna: "Generate Missing Images" is not available in this build yet.'),
    ),
  );
}

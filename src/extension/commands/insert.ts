// pruna.insertReference: from the explorer (a generated file), with { file }, or from the palette (pick a recent one).
import * as vscode from 'vscode';
import { ShellError } from '../errors';
import { insertReference } from '../insert/insertReference';
import { FileArgs, fileRefToUri, isArgumentObject, parseArgs } from './args';
import type { CommandDeps } from './deps';
import { showError } from '../ui/showError';

export async function insertReferenceCommand(deps: CommandDeps, arg: unknown): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) return insertOrShow(deps, arg);
  if (isArgumentObject(arg)) {
    const { file } = parseArgs('pruna.insertReference', FileArgs, arg);
    return insertReference(fileRefToUri(file), deps.editors.get(), deps.recipes);
  }
  const editor = deps.editors.get();
  if (!editor) {
    showError(new ShellError('no-editor', vscode.l10n.t('Open the document where the reference should go, then run "Pruna: Insert Reference to Generated File" again.')));
    return undefined;
  }
  const items = (await deps.recipes.list()).map((item) => ({
    label: vscode.workspace.asRelativePath(item.uri),
    description: item.recipe.seed !== undefined ? vscode.l10n.t('seed {0}', item.recipe.seed) : '',
    detail: item.recipe.prompt,
    uri: item.uri,
  }));
  let uri: vscode.Uri | undefined;
  if (items.length === 0) {
    const files = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Pruna: pick a file to reference'), canSelectMany: false, filters: { Media: ['png', 'jpg', 'jpeg', 'webp', 'gif', 'mp4'] } });
    uri = files?.[0];
  } else {
    uri = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Pruna: insert a reference to…'), matchOnDetail: true }))?.uri;
  }
  return uri ? insertOrShow(deps, uri) : undefined;
}

async function insertOrShow(deps: CommandDeps, uri: vscode.Uri): Promise<string | undefined> {
  try {
    return await insertReference(uri, deps.editors.get(), deps.recipes);
  } catch (e) {
    showError(e);
    return undefined;
  }
}

// pruna.setApiKey / pruna.clearApiKey. The key is only ever in SecretStorage; messages never repeat it.
import * as vscode from 'vscode';
import { validateKeyInput } from '../apiKey';
import { SetApiKeyArgs, isArgumentObject, parseArgs } from './args';
import type { CommandDeps } from './deps';

export async function setApiKey(deps: CommandDeps, arg: unknown): Promise<boolean> {
  if (isArgumentObject(arg)) {
    const { key } = parseArgs('pruna.setApiKey', SetApiKeyArgs, arg);
    await deps.keys.set(key);
    deps.log.info('API key stored in secret storage (set by a command argument).');
    return true;
  }
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Pruna: Set API Key'),
    prompt: vscode.l10n.t("Your P-API key from the Pruna dashboard. It is kept in VS Code's secret storage, never in settings."),
    password: true,
    ignoreFocusOut: true,
    placeHolder: vscode.l10n.t('paste the key'),
    validateInput: validateKeyInput,
  });
  if (key === undefined) return false;
  await deps.keys.set(key);
  deps.log.info('API key stored in secret storage.');
  void vscode.window.showInformationMessage(vscode.l10n.t('Pruna: API key saved in secret storage.'));
  return true;
}

export async function clearApiKey(deps: CommandDeps): Promise<void> {
  await deps.keys.clear();
  deps.log.info('API key removed from secret storage.');
  const stillFromEnv = (await deps.keys.source()) === 'environment';
  void vscode.window.showInformationMessage(
    stillFromEnv
      ? vscode.l10n.t('Pruna: API key removed from secret storage. The PRUNA_API_KEY environment variable is still set and will be used.')
      : vscode.l10n.t('Pruna: API key removed from secret storage.'),
  );
}

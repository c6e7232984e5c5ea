// pruna.setApiKey / pruna.clearApiKey. The key is only ever in SecretStorage; messages never repeat it.
import * as vscode from 'vscode';
import * as z from 'zod';
import { validateHfTokenInput, validateKeyInput } from '../apiKey';
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

const SetHfTokenArgs = z.strictObject({ token: z.string({ error: (iss) => (iss.input === undefined ? vscode.l10n.t('is required') : vscode.l10n.t('must be text')) }) });

/**
 * pruna.setHuggingFaceToken: the token for private LoRA weights, kept in SecretStorage only. It is added to a
 * prediction's body (`hf_api_token`, sent to the P-API) only when an input points at huggingface.co.
 */
export async function setHfToken(deps: CommandDeps, arg: unknown): Promise<boolean> {
  if (isArgumentObject(arg)) {
    const { token } = parseArgs('pruna.setHuggingFaceToken', SetHfTokenArgs, arg);
    await deps.keys.setHfToken(token);
    deps.log.info('Hugging Face token stored in secret storage (set by a command argument).');
    return true;
  }
  const token = await vscode.window.showInputBox({
    title: vscode.l10n.t('Pruna: Set Hugging Face Token'),
    prompt: vscode.l10n.t("A Hugging Face access token for private LoRA weights. It is kept in VS Code's secret storage and sent only to the P-API, with generations whose weights are on huggingface.co."),
    password: true,
    ignoreFocusOut: true,
    placeHolder: vscode.l10n.t('paste the token (hf_…)'),
    validateInput: validateHfTokenInput,
  });
  if (token === undefined) return false;
  await deps.keys.setHfToken(token);
  deps.log.info('Hugging Face token stored in secret storage.');
  void vscode.window.showInformationMessage(vscode.l10n.t('Pruna: Hugging Face token saved in secret storage.'));
  return true;
}

export async function clearHfToken(deps: CommandDeps): Promise<void> {
  await deps.keys.clearHfToken();
  deps.log.info('Hugging Face token removed from secret storage.');
  void vscode.window.showInformationMessage(vscode.l10n.t('Pruna: Hugging Face token removed from secret storage.'));
}

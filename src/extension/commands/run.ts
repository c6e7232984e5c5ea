// pruna.run: every model of the catalog through one command. With an argument object it runs exactly the given input
// (file fields uploaded or passed through, everything validated locally first) and resolves to the saved file; from
// the palette it asks for a model, its prompt and its required files.
import * as vscode from 'vscode';
import { PrunaError, getModel, listModels, type ModelId, type ModelSpec } from '../../core';
import { applyStyle, assertStyleReadable, findStyle } from '../styles/styles';
import type { RunRequest } from '../services';
import { RunArgs, fileRefToString, parseArgs, type FileRef } from './args';
import { askPrompt } from './ask';
import { localMediaFilters, modelGroupLabel } from '../modelGroupLabels';
import { runCommand, type CommandDeps } from './deps';

export async function runModel(deps: CommandDeps, arg: unknown): Promise<vscode.Uri | undefined> {
  const uris = await runCommand(
    deps,
    arg,
    async (raw) => {
      const args = parseArgs('pruna.run', RunArgs, raw);
      const request = requestFromArgs(args);
      if (args.style === undefined) return request;
      const style = await findStyle(args.style);
      await assertStyleReadable(style, () => deps.keys.hfToken());
      const styled = applyStyle(style, request.model as ModelId, request.prompt, { ...request.params });
      return { ...request, ...styled };
    },
    () => askRun(deps),
  );
  return uris?.[0];
}

/** Splits an API input into the prompt, the file fields (as file URIs or https URLs) and the other parameters. */
export function requestFromArgs(args: RunArgs): RunRequest {
  const model = getModel(args.model);
  const { prompt, ...rest } = args.input ?? {};
  if (prompt !== undefined && typeof prompt !== 'string') {
    throw new PrunaError('invalid-input', vscode.l10n.t('Invalid argument for pruna.run: "input.prompt" must be text.'), { fields: ['prompt'], hint: 'check-input' });
  }
  const params: Record<string, unknown> = {};
  const files: Record<string, string | string[]> = {};
  for (const [field, value] of Object.entries(rest)) {
    const slot = model.files.find((f) => f.field === field);
    if (!slot) {
      params[field] = value;
      continue;
    }
    files[field] = Array.isArray(value) ? value.map((v) => fileRef(field, v)) : fileRef(field, value);
  }
  return {
    model: model.id,
    prompt: prompt ?? '',
    params,
    ...(Object.keys(files).length ? { files } : {}),
    ...(args.outputFolder !== undefined ? { outputFolder: args.outputFolder } : {}),
    ...(args.fileName !== undefined ? { fileName: args.fileName } : {}),
    ...(args.wait !== undefined ? { wait: args.wait } : {}),
  };
}

function fileRef(field: string, value: unknown): string {
  const ok = value instanceof vscode.Uri || (typeof value === 'string' && value.trim() !== '') || (typeof value === 'object' && value !== null && 'scheme' in value && 'path' in value);
  if (!ok) {
    throw new PrunaError('invalid-input', vscode.l10n.t('Invalid argument for pruna.run: "input.{0}" must be a file (Uri or path) or an https URL.', field), { fields: [field], hint: 'check-input' });
  }
  return fileRefToString(value as FileRef);
}

async function askRun(deps: CommandDeps): Promise<RunRequest | undefined> {
  const items: (vscode.QuickPickItem & { model?: ModelSpec })[] = [];
  let group: string | undefined;
  for (const model of listModels()) {
    if (model.group !== group) {
      group = model.group;
      items.push({ label: modelGroupLabel(model.group), kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({ label: model.label, description: model.id, detail: model.summary, model });
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Pruna: Run a Model'), matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  const model = picked?.model;
  if (!model) return undefined;
  let prompt = '';
  if (model.prompt !== 'none') {
    const given = model.prompt === 'required'
      ? await askPrompt(deps.memento, { title: `Pruna: ${model.label}`, placeHolder: model.summary })
      : await vscode.window.showInputBox({ title: vscode.l10n.t('Pruna: {0} — prompt (optional)', model.label), placeHolder: model.summary, ignoreFocusOut: true });
    if (given === undefined) return undefined;
    prompt = given;
  }
  const files: Record<string, string | string[]> = {};
  for (const slot of model.files.filter((f) => f.required)) {
    const chosen = await vscode.window.showOpenDialog({
      title: `Pruna: ${model.label} — ${slot.label}${slot.description ? ` (${slot.description.slice(0, 80)})` : ''}`,
      canSelectMany: slot.multiple,
      openLabel: vscode.l10n.t('Use as {0}', slot.field),
      filters: localMediaFilters(slot.media),
    });
    if (!chosen?.length) return undefined;
    files[slot.field] = slot.multiple ? chosen.map((u) => u.toString()) : chosen[0]!.toString();
  }
  if (model.id === 'p-video-avatar') {
    const script = await vscode.window.showInputBox({ title: vscode.l10n.t('Pruna: the words the avatar says'), ignoreFocusOut: true });
    if (!script) return undefined;
    return { model: model.id, prompt, params: { voice_script: script }, files };
  }
  return { model: model.id, prompt, params: {}, ...(Object.keys(files).length ? { files } : {}) };
}


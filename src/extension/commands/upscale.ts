// pruna.upscale ("Upscale with Pruna"): an image from the Explorer, the Studio gallery or an argument object, through
// p-image-upscale at a target size in megapixels with its enhance switches, saved beside the original as
// "<name>-upscaled.<ext>" (never over it) with a recipe whose sources name the original. The path from a placeholder
// to a production asset.
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as z from 'zod';
import { PrunaError, getModel } from '../../core';
import type { RunRequest } from '../services';
import { fileRefToUri, parseArgs } from './args';
import { runCommand, type CommandDeps } from './deps';

const MODEL = 'p-image-upscale';

const FileRefArg = z.union([z.custom<vscode.Uri>((v) => v instanceof vscode.Uri), z.string().min(1), z.looseObject({ scheme: z.string(), path: z.string() })]);

export const UpscaleArgs = z.strictObject({
  file: FileRefArg,
  /** Target size in megapixels (the spec's range, default 4). */
  target: z.number().optional(),
  enhanceDetails: z.boolean().optional(),
  enhanceRealism: z.boolean().optional(),
  outputFormat: z.string().optional(),
  /** Overrides "beside the original". */
  outputFolder: z.string().optional(),
  fileName: z.string().optional(),
  wait: z.boolean().optional(),
});

export async function upscale(deps: CommandDeps, arg: unknown): Promise<vscode.Uri | undefined> {
  const uris = await runCommand(
    deps,
    arg,
    (raw) => {
      const args = parseArgs('pruna.upscale', UpscaleArgs, raw);
      return upscaleRequest(fileRefToUri(args.file), {
        ...(args.target !== undefined ? { target: args.target } : {}),
        ...(args.enhanceDetails !== undefined ? { enhance_details: args.enhanceDetails } : {}),
        ...(args.enhanceRealism !== undefined ? { enhance_realism: args.enhanceRealism } : {}),
        ...(args.outputFormat !== undefined ? { output_format: args.outputFormat } : {}),
      }, args);
    },
    async () => {
      const file = arg instanceof vscode.Uri ? arg : await pickImage();
      if (!file) return undefined;
      const params = await askUpscale();
      return params && upscaleRequest(file, params, {});
    },
  );
  return uris?.[0];
}

/** Beside the original (its workspace folder and folder), named after it; a free name is chosen when taken. */
export function upscaleRequest(file: vscode.Uri, params: Record<string, unknown>, where: { outputFolder?: string; fileName?: string; wait?: boolean }): RunRequest {
  const folder = vscode.workspace.getWorkspaceFolder(file);
  if (!folder && where.outputFolder === undefined) {
    throw new PrunaError('invalid-input', `${vscode.workspace.asRelativePath(file, false)} is not in an open workspace folder, so the upscaled image cannot be saved beside it. Give an outputFolder.`, { fields: ['file'], hint: 'check-input' });
  }
  const beside = folder ? path.posix.relative(folder.uri.path, path.posix.dirname(file.path)) : '';
  const base = path.posix.basename(file.path).replace(/\.[^.]+$/, '');
  return {
    model: MODEL,
    prompt: '',
    params,
    files: { image: file.toString() },
    outputFolder: where.outputFolder ?? beside,
    fileName: where.fileName ?? `${base}-upscaled`,
    ...(where.wait !== undefined ? { wait: where.wait } : {}),
  };
}

async function pickImage(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri ?? (vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined)?.uri;
  if (active && /\.(png|jpe?g|webp)$/i.test(active.path)) return active;
  const picked = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Pruna: image to upscale'), canSelectMany: false, filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp'] } });
  return picked?.[0];
}

/** Target megapixels (the spec's range and default), then the enhance switches with the spec's descriptions. */
async function askUpscale(): Promise<Record<string, unknown> | undefined> {
  const model = getModel(MODEL);
  const target = model.fields.find((f) => f.name === 'target')!;
  const min = target.minimum ?? 1;
  const max = target.maximum ?? 8;
  const def = typeof target.default === 'number' ? target.default : min;
  const sizes = Array.from({ length: max - min + 1 }, (_, i) => min + i).map((mp) => ({
    label: `${mp} MP`,
    description: (mp === def ? vscode.l10n.t('default, about {0} × {1} at 16:9', Math.round(Math.sqrt(mp * 1e6 * (16 / 9))), Math.round(Math.sqrt((mp * 1e6) / (16 / 9)))) : vscode.l10n.t('about {0} × {1} at 16:9', Math.round(Math.sqrt(mp * 1e6 * (16 / 9))), Math.round(Math.sqrt((mp * 1e6) / (16 / 9))))),
    mp,
  }));
  sizes.unshift(...sizes.splice(sizes.findIndex((s) => s.mp === def), 1));
  const size = await vscode.window.showQuickPick(sizes, { title: vscode.l10n.t('Pruna: Upscale to how many megapixels?'), ignoreFocusOut: true });
  if (!size) return undefined;
  const switches = model.fields
    .filter((f) => f.name.startsWith('enhance_'))
    .map((f) => ({ label: f.title ?? f.name, detail: f.description, field: f.name, picked: f.default === true }));
  const chosen = await vscode.window.showQuickPick(switches, { title: vscode.l10n.t('Pruna: Enhance (optional — press Enter for none)'), canPickMany: true, ignoreFocusOut: true });
  if (!chosen) return undefined;
  const params: Record<string, unknown> = {};
  if (size.mp !== def) params.target = size.mp;
  for (const s of chosen) params[s.field] = true;
  return params;
}

// pruna.editImage (palette, arguments) and pruna.editWithPruna (explorer: one or several selected images).
import * as vscode from 'vscode';
import { PrunaError, getModel } from '../../core';
import { ShellError } from '../errors';
import type { RunRequest } from '../services';
import { EditImageArgs, fileRefToString, parseArgs } from './args';
import { askImages, askPrompt } from './ask';
import { runCommand, type CommandDeps } from './deps';
import { commonRunFields } from './generate';

const EDIT_MODEL = 'p-image-edit';
const IMAGE_FILE = /\.(png|jpe?g|webp)$/i;

export async function editImage(deps: CommandDeps, arg: unknown, selection?: unknown): Promise<vscode.Uri | undefined> {
  const fromExplorer = explorerSelection(arg, selection);
  const model = getModel(EDIT_MODEL);
  const max = model.imageInputs[0]?.max ?? 5;
  const uris = await runCommand(
    deps,
    fromExplorer ? undefined : arg,
    (raw) => editRequest(parseArgs('pruna.editImage', EditImageArgs, raw)),
    async () => {
      let images: string[];
      if (fromExplorer) {
        const notImages = fromExplorer.filter((u) => !IMAGE_FILE.test(u.path));
        if (notImages.length > 0) {
          throw new PrunaError('invalid-file', notImages.length === 1 ? vscode.l10n.t('{0} is not a png, jpg or webp image. Select only images.', vscode.workspace.asRelativePath(notImages[0]!)) : vscode.l10n.t('{0} are not png, jpg or webp images. Select only images.', notImages.map((u) => vscode.workspace.asRelativePath(u)).join(', ')), { hint: 'check-input' });
        }
        if (fromExplorer.length > max) {
          throw new PrunaError('invalid-input', vscode.l10n.t('{0} takes at most {1} images; {2} are selected. Select {1} or fewer.', model.label, max, fromExplorer.length), { fields: ['images'], hint: 'check-input' });
        }
        images = fromExplorer.map((u) => u.toString());
      } else {
        const chosen = await askImages({ title: vscode.l10n.t('Pruna: Edit Image — images to edit'), max });
        if (!chosen) return undefined;
        images = chosen;
      }
      // "Edit with Pruna" on a generated file starts from what made it.
      const recipe = fromExplorer?.length === 1 ? await deps.recipes.get(fromExplorer[0]!) : undefined;
      const prompt = await askPrompt(deps.memento, {
        title: images.length === 1 ? vscode.l10n.t('Pruna: Edit Image') : vscode.l10n.t('Pruna: Edit {0} Images', images.length),
        placeHolder: images.length > 1 ? vscode.l10n.t('put the person from image 2 into image 1') : vscode.l10n.t('make the sky stormy, keep everything else'),
        ...(recipe ? { value: recipe.prompt } : {}),
      });
      if (prompt === undefined) return undefined;
      const params: Record<string, unknown> = {};
      if (recipe && typeof recipe.input.disable_safety_checker === 'boolean') params.disable_safety_checker = recipe.input.disable_safety_checker;
      return { model: EDIT_MODEL, prompt, params, images };
    },
  );
  return uris?.[0];
}

/** The argument object of pruna.editImage as a run (also used by the agent tools). */
export function editRequest(args: EditImageArgs): RunRequest {
  const params: Record<string, unknown> = {};
  if (args.aspectRatio !== undefined) params.aspect_ratio = args.aspectRatio;
  if (args.seed !== undefined) params.seed = args.seed;
  if (args.turbo !== undefined) params.turbo = args.turbo;
  if (args.disableSafetyChecker !== undefined) params.disable_safety_checker = args.disableSafetyChecker;
  return { model: EDIT_MODEL, prompt: args.prompt, params, images: args.images.map(fileRefToString), ...commonRunFields(args) };
}

/** Explorer context menus pass (clicked uri, all selected uris). */
function explorerSelection(first: unknown, all: unknown): vscode.Uri[] | undefined {
  if (!(first instanceof vscode.Uri)) return undefined;
  const selected = Array.isArray(all) ? all.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
  return selected.length > 0 ? selected : [first];
}

export function requireUri(value: unknown, command: string): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  throw new ShellError('no-file', vscode.l10n.t('{0} needs a file: run it from the explorer\'s context menu or pass {1}.', command, '{ "file": "path/to/image.png" }'));
}

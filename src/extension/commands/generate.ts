// pruna.generateImage, pruna.generateVariations and pruna.generateVideo.
import * as vscode from 'vscode';
import { PrunaError, getModel, type ModelSpec } from '../../core';
import { chooseSize } from '../../core/placeholders';
import type { RunRequest } from '../services';
import { GenerateImageArgs, GenerateVariationsArgs, GenerateVideoArgs, fileRefToString, parseArgs } from './args';
import { askImages, askPrompt, askSize } from './ask';
import { runCommand, type CommandDeps } from './deps';
import { chooseModelForText } from './textRouting';
import { MAX_VARIATIONS } from '../jobs/buildSpecs';

const IMAGE_MODELS = ['p-image', 'p-image-ideogram'];
const VIDEO_MODELS = ['p-video', 'wan-t2v', 'wan-i2v'];

export async function generateImage(deps: CommandDeps, arg: unknown): Promise<vscode.Uri | undefined> {
  const uris = await runCommand(
    deps,
    arg,
    (raw) => imageRequest(parseArgs('pruna.generateImage', GenerateImageArgs, raw)),
    async () => {
      const prompt = await askPrompt(deps.memento, { title: vscode.l10n.t('Pruna: Generate Image'), placeHolder: vscode.l10n.t('a lighthouse on a cliff at dusk, watercolor') });
      if (prompt === undefined) return undefined;
      // Words in the image ("a banner that says SALE"): offer the text model, never switch without asking.
      const chosen = await chooseModelForText(prompt, 'p-image');
      if (!chosen) return undefined;
      const model = getModel(chosen);
      const size = await askSize(model, deps.config);
      if (!size) return undefined;
      return { model: model.id, prompt, params: { ...size } };
    },
  );
  return uris?.[0];
}

export async function generateVariations(deps: CommandDeps, arg: unknown): Promise<vscode.Uri[] | undefined> {
  return runCommand(
    deps,
    arg,
    (raw) => variationsRequest(parseArgs('pruna.generateVariations', GenerateVariationsArgs, raw)),
    async () => {
      const model = getModel('p-image');
      const prompt = await askPrompt(deps.memento, { title: vscode.l10n.t('Pruna: Generate Variations'), placeHolder: vscode.l10n.t('an isometric icon of a rocket, flat colors') });
      if (prompt === undefined) return undefined;
      const counts = [2, 3, 4, 6, 8].filter((n) => n <= MAX_VARIATIONS);
      const picked = await vscode.window.showQuickPick(
        counts.map((n) => ({ label: String(n), description: n === 4 ? vscode.l10n.t('variations (a good default)') : vscode.l10n.t('variations'), n })),
        { title: vscode.l10n.t('Pruna: how many variations?'), ignoreFocusOut: true },
      );
      if (!picked) return undefined;
      const size = await askSize(model, deps.config);
      if (!size) return undefined;
      return { model: model.id, prompt, params: { ...size }, count: picked.n };
    },
  );
}

/** The argument object of pruna.generateVariations as a run (also used by the agent tools). */
export function variationsRequest(args: GenerateVariationsArgs): RunRequest {
  const count = args.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_VARIATIONS) {
    throw new PrunaError('invalid-input', vscode.l10n.t('"count" must be a whole number from 1 to {0}; got {1}.', MAX_VARIATIONS, JSON.stringify(count)), { fields: ['count'], hint: 'check-input' });
  }
  return { ...imageRequest(args), count };
}

/** The argument object of pruna.generateImage as a run (also used by the agent tools). */
export function imageRequest(args: GenerateImageArgs): RunRequest {
  const model = args.model ?? 'p-image';
  if (!IMAGE_MODELS.includes(model)) {
    throw new PrunaError('invalid-input', vscode.l10n.t('"{0}" is not a text-to-image model. Use {1} (for edits run pruna.editImage, for videos pruna.generateVideo).', String(model), IMAGE_MODELS.join(', ')), { fields: ['model'], hint: 'check-input' });
  }
  const params: Record<string, unknown> = {};
  const exact = exactFile(model, args);
  if (exact) Object.assign(params, exact.params);
  else {
    if (args.aspectRatio !== undefined) params.aspect_ratio = args.aspectRatio;
    if (args.width !== undefined) params.width = args.width;
    if (args.height !== undefined) params.height = args.height;
  }
  if (args.seed !== undefined) params.seed = args.seed;
  if (args.disableSafetyChecker !== undefined) params.disable_safety_checker = args.disableSafetyChecker;
  if (args.promptUpsampling !== undefined) params.prompt_upsampling = args.promptUpsampling;
  return { model, prompt: args.prompt, params, ...common(args), ...(exact ? { output: exact.output } : {}) };
}

/**
 * `fileName` with an extension and whole `width` and `height` ask for exactly that file: the model makes the smallest
 * size covering it and the result is cropped and resized (without a fileName, width and height are the model's own
 * custom size, checked as such).
 */
function exactFile(model: string, args: GenerateImageArgs): { params: Record<string, unknown>; output: { width: number; height: number } } | undefined {
  const { width, height, fileName } = args;
  if (!fileName || !/\.[A-Za-z0-9]+$/.test(fileName) || args.aspectRatio !== undefined) return undefined;
  if (typeof width !== 'number' || typeof height !== 'number' || !Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) return undefined;
  const choice = chooseSize(getModel(model), { width, height }, { exact: false, mode: 'exact' });
  return { params: { ...choice.params }, output: { width, height } };
}

export async function generateVideo(deps: CommandDeps, arg: unknown): Promise<vscode.Uri | undefined> {
  const uris = await runCommand(
    deps,
    arg,
    (raw) => videoRequest(parseArgs('pruna.generateVideo', GenerateVideoArgs, raw)),
    async () => {
      const picked = await vscode.window.showQuickPick(
        VIDEO_MODELS.map((id) => {
          const model = getModel(id);
          return { label: model.label, description: id, detail: model.description, model };
        }),
        { title: vscode.l10n.t('Pruna: Generate Video — model'), ignoreFocusOut: true },
      );
      if (!picked) return undefined;
      const model: ModelSpec = picked.model;
      const prompt = await askPrompt(deps.memento, { title: `Pruna: ${model.label}`, placeHolder: vscode.l10n.t('waves rolling onto a beach at sunset, slow camera pan') });
      if (prompt === undefined) return undefined;
      const slot = model.imageInputs.find((s) => s.field === 'image');
      let images: string[] = [];
      if (slot) {
        const chosen = await askImages({ title: vscode.l10n.t('{0}: start image', model.label), max: 1, optional: !slot.required });
        if (chosen === undefined) return undefined;
        images = chosen.slice(0, 1);
      }
      let params: Record<string, unknown> = {};
      // With a start image the video follows its ratio; only ask when there is none.
      if (images.length === 0 && model.aspectRatios.length > 0) {
        const size = await askSize(model, deps.config);
        if (!size) return undefined;
        params = { ...size };
      }
      return { model: model.id, prompt, params, ...(images.length ? { images } : {}) };
    },
  );
  return uris?.[0];
}

/** The argument object of pruna.generateVideo as a run (also used by the agent tools). */
export function videoRequest(args: GenerateVideoArgs): RunRequest {
  const model = args.model ?? 'p-video';
  if (!VIDEO_MODELS.includes(model)) {
    throw new PrunaError('invalid-input', vscode.l10n.t('"{0}" is not a video model. Use one of: {1}.', String(model), VIDEO_MODELS.join(', ')), { fields: ['model'], hint: 'check-input' });
  }
  const params: Record<string, unknown> = {};
  if (args.duration !== undefined) {
    if (model !== 'p-video') {
      throw new PrunaError('invalid-input', vscode.l10n.t('"duration" applies to p-video only; {0} sets its length in frames (num_frames). Remove duration or use model "p-video".', String(model)), { fields: ['duration'], hint: 'check-input' });
    }
    params.duration = args.duration;
  }
  if (args.resolution !== undefined) params.resolution = args.resolution;
  if (args.aspectRatio !== undefined) params.aspect_ratio = args.aspectRatio;
  if (args.seed !== undefined) params.seed = args.seed;
  if (args.disableSafetyFilter !== undefined) params.disable_safety_filter = args.disableSafetyFilter;
  return {
    model,
    prompt: args.prompt,
    params,
    ...(args.image !== undefined ? { images: [fileRefToString(args.image)] } : {}),
    ...common(args),
  };
}

function common(args: { outputFolder?: string | undefined; fileName?: string | undefined; wait?: boolean | undefined }) {
  return {
    ...(args.outputFolder !== undefined ? { outputFolder: args.outputFolder } : {}),
    ...(args.fileName !== undefined ? { fileName: args.fileName } : {}),
    ...(args.wait !== undefined ? { wait: args.wait } : {}),
  };
}

export { common as commonRunFields };

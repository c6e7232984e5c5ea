// pruna.trainStyle ("Train Pruna Style…"): 10+ images selected in the Explorer, or a folder of them, with optional
// captions (photo.txt beside photo.png) are zipped (fflate, stored: the images are compressed already), uploaded and
// sent to p-image-trainer with its training type, steps and default caption. The job runs in the background like a
// video; the weights zip is saved into the workspace (.pruna/styles/<name>/) with a note on publishing it where the
// LoRA models can read it, and a draft entry in .pruna/styles.json that points at that place.
import { randomUUID } from 'node:crypto';
import { rm, writeFile as writeTemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import * as vscode from 'vscode';
import * as z from 'zod';
import { PrunaError, getModel, slugify } from '../../core';
import { exists } from '../fileSystem';
import type { RunRequest } from '../services';
import { addStyle } from '../styles/styles';
import { showError } from '../ui/showError';
import { fileRefToUri, isArgumentObject, parseArgs } from './args';
import { ensureKey, type CommandDeps } from './deps';

const MODEL = 'p-image-trainer';
/** The spec: "Use at least 10 images." */
export const MIN_TRAINING_IMAGES = 10;
const IMAGE_EXT = /\.(png|jpe?g|webp)$/i;

const FileRefArg = z.union([z.custom<vscode.Uri>((v) => v instanceof vscode.Uri), z.string().min(1), z.looseObject({ scheme: z.string(), path: z.string() })]);

export const TrainStyleArgs = z.strictObject({
  /** Images and/or folders of images. */
  images: z.array(FileRefArg).min(1),
  name: z.string().min(1).max(80).optional(),
  trainingType: z.string().optional(),
  steps: z.number().optional(),
  defaultCaption: z.string().optional(),
  learningRate: z.number().optional(),
  /** Wait until the weights are saved (default for an argument object: resolve once saved). */
  wait: z.boolean().optional(),
});

export interface TrainedStyle {
  readonly weights: vscode.Uri;
  readonly note: vscode.Uri;
  readonly style: string;
}

export async function trainStyle(deps: CommandDeps, arg: unknown, selection?: unknown): Promise<TrainedStyle | undefined> {
  if (isArgumentObject(arg)) {
    const args = parseArgs('pruna.trainStyle', TrainStyleArgs, arg);
    const params = {
      ...(args.trainingType !== undefined ? { training_type: args.trainingType } : {}),
      ...(args.steps !== undefined ? { steps: args.steps } : {}),
      ...(args.defaultCaption !== undefined ? { default_caption: args.defaultCaption } : {}),
      ...(args.learningRate !== undefined ? { learning_rate: args.learningRate } : {}),
    };
    const images = await collectImages(args.images.map(fileRefToUri));
    return run(deps, images, args.name ?? defaultName(images), params, false);
  }
  if (!(await ensureKey(deps))) return undefined;
  try {
    const chosen = Array.isArray(selection) && selection.every((u) => u instanceof vscode.Uri) ? (selection as vscode.Uri[]) : arg instanceof vscode.Uri ? [arg] : await pickImages();
    if (!chosen?.length) return undefined;
    const images = await collectImages(chosen);
    const answers = await askTraining(defaultName(images));
    if (!answers) return undefined;
    void run(deps, images, answers.name, answers.params, true).catch(() => undefined);
    return undefined;
  } catch (e) {
    showError(e, {}, deps.log);
    return undefined;
  }
}

interface TrainingImage {
  readonly uri: vscode.Uri;
  readonly caption?: vscode.Uri;
}

/** The images of the selection (folders: their images, not recursive), each with its .txt caption when there is one. */
export async function collectImages(selection: readonly vscode.Uri[]): Promise<TrainingImage[]> {
  const files: vscode.Uri[] = [];
  for (const uri of selection) {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) {
      const entries = await vscode.workspace.fs.readDirectory(uri);
      for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
        if (type & vscode.FileType.File && IMAGE_EXT.test(name)) files.push(vscode.Uri.joinPath(uri, name));
      }
    } else if (IMAGE_EXT.test(uri.path)) files.push(uri);
  }
  const unique = [...new Map(files.map((f) => [f.toString(), f])).values()];
  if (unique.length < MIN_TRAINING_IMAGES) {
    throw new PrunaError('invalid-input', vscode.l10n.t('Training a style needs at least {0} images (PNG, JPEG or WebP); the selection has {1}. Select more images or a folder with {0} or more.', MIN_TRAINING_IMAGES, unique.length), { fields: ['images'], hint: 'check-input' });
  }
  return Promise.all(
    unique.map(async (uri) => {
      const caption = uri.with({ path: uri.path.replace(IMAGE_EXT, '.txt') });
      return (await exists(caption)) ? { uri, caption } : { uri };
    }),
  );
}

/** One zip of the images and their captions; names made unique (two folders may both have 01.png). */
export async function zipTrainingImages(images: readonly TrainingImage[]): Promise<Uint8Array> {
  const entries: Zippable = {};
  const taken = new Set<string>();
  for (const image of images) {
    const name = image.uri.path.slice(image.uri.path.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    let stem = name.slice(0, dot);
    for (let n = 2; taken.has(stem.toLowerCase()); n++) stem = `${name.slice(0, dot)}-${n}`;
    taken.add(stem.toLowerCase());
    // Already compressed images are stored as they are; deflating them again costs time and saves nothing.
    entries[`${stem}${name.slice(dot)}`] = [await vscode.workspace.fs.readFile(image.uri), { level: 0 }];
    if (image.caption) entries[`${stem}.txt`] = await vscode.workspace.fs.readFile(image.caption);
  }
  return zipSync(entries);
}

function defaultName(images: readonly TrainingImage[]): string {
  const first = images[0]!.uri.path.split('/');
  return first[first.length - 2] ?? 'my style';
}

async function run(deps: CommandDeps, images: readonly TrainingImage[], name: string, params: Record<string, unknown>, interactive: boolean): Promise<TrainedStyle> {
  const folder = vscode.workspace.getWorkspaceFolder(images[0]!.uri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new PrunaError('invalid-input', vscode.l10n.t('Open a folder first: the trained weights are saved into the workspace.'), { hint: 'check-input' });
  const slug = slugify(name);
  const zipPath = join(tmpdir(), `pruna-training-${randomUUID()}.zip`);
  await writeTemp(zipPath, await zipTrainingImages(images));
  const request: RunRequest = {
    model: MODEL,
    prompt: '',
    params,
    files: { image_data: vscode.Uri.file(zipPath).toString() },
    outputFolder: `.pruna/styles/${slug}`,
    fileName: `${slug}-lora-weights.zip`,
  };
  let weights: vscode.Uri;
  try {
    const started = await deps.services.start(request, { announce: interactive });
    if (interactive) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Pruna: training "{0}" from {1} images. It takes a while; the weights are saved when it is done (see the status bar).', name, images.length));
    }
    [weights] = (await started.done) as [vscode.Uri];
  } catch (e) {
    if (interactive) showError(e, {}, deps.log);
    throw e;
  } finally {
    await rm(zipPath, { force: true });
  }
  const relWeights = vscode.workspace.asRelativePath(weights, false);
  const style = await addStyle(folder.uri, {
    name,
    weights: `huggingface.co/<your-user>/${slug}`,
    scale: 1,
    ...(typeof params.default_caption === 'string' && params.default_caption ? { trigger: params.default_caption } : {}),
    models: ['p-image-lora'],
    draft: true,
    localWeights: relWeights,
  });
  const note = await writeNote(weights, style, slug, relWeights);
  if (interactive) {
    const open = vscode.l10n.t('Open Note');
    void vscode.window.showInformationMessage(vscode.l10n.t('Pruna: style "{0}" is trained. Publish the weights where the LoRA models can read them, then finish its entry in .pruna/styles.json.', style), open).then((c) => {
      if (c === open) void vscode.commands.executeCommand('vscode.open', note);
    });
  }
  return { weights, note, style };
}

async function writeNote(weights: vscode.Uri, style: string, slug: string, relWeights: string): Promise<vscode.Uri> {
  const folder = vscode.Uri.joinPath(weights, '..');
  let note = vscode.Uri.joinPath(folder, 'PUBLISH.md');
  for (let n = 2; await exists(note); n++) note = vscode.Uri.joinPath(folder, `PUBLISH-${n}.md`);
  const lora = getModel('p-image-lora').fields.find((f) => f.name === 'lora_weights')?.description ?? '';
  const text = [
    `# Publishing the style "${style}"`,
    '',
    `\`${relWeights}\` holds the LoRA weights trained by p-image-trainer. The LoRA models cannot read files from this`,
    'workspace: upload the weights to a Hugging Face model repository first, for example:',
    '',
    '```sh',
    `unzip ${relWeights.split('/').pop()} -d ${slug}`,
    `huggingface-cli upload <your-user>/${slug} ${slug}`,
    '```',
    '',
    `Then open \`.pruna/styles.json\`, set the style's \`"weights"\` to \`huggingface.co/<your-user>/${slug}\` and remove`,
    '`"draft": true`. For a private repository, run "Pruna: Set Hugging Face Token" (kept in VS Code\'s secret storage,',
    'never in a file) and set `"private": true`.',
    '',
    `What p-image-lora says about \`lora_weights\`: ${lora}`,
    '',
  ].join('\n');
  await vscode.workspace.fs.writeFile(note, Buffer.from(text, 'utf8'));
  return note;
}

async function pickImages(): Promise<vscode.Uri[] | undefined> {
  return vscode.window.showOpenDialog({ title: vscode.l10n.t('Pruna: {0}+ images of one style, or a folder of them', MIN_TRAINING_IMAGES), canSelectMany: true, canSelectFolders: true, canSelectFiles: true, openLabel: vscode.l10n.t('Train on these') });
}

/** Name, then training type, steps and default caption with the spec's values, ranges and defaults. */
async function askTraining(suggested: string): Promise<{ name: string; params: Record<string, unknown> } | undefined> {
  const fields = getModel(MODEL).fields;
  const name = await vscode.window.showInputBox({ title: vscode.l10n.t('Pruna: name the style'), value: suggested, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Give the style a name.')) });
  if (!name) return undefined;
  const params: Record<string, unknown> = {};
  const type = fields.find((f) => f.name === 'training_type');
  if (type?.enum) {
    const picked = await vscode.window.showQuickPick(
      type.enum.map((v) => ({ label: String(v), description: v === type.default ? vscode.l10n.t('default') : undefined })),
      { title: vscode.l10n.t('Pruna: what should the style learn?'), placeHolder: type.description, ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    if (picked.label !== type.default) params.training_type = picked.label;
  }
  const steps = fields.find((f) => f.name === 'steps');
  if (steps) {
    const { minimum = 100, maximum = 5000, multipleOf = 1 } = steps;
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Pruna: training steps'),
      value: String(steps.default ?? minimum),
      prompt: vscode.l10n.t('{0}–{1}, a multiple of {2}. More steps learn more and take longer.', minimum, maximum, multipleOf),
      ignoreFocusOut: true,
      validateInput: (v) => {
        const n = Number(v);
        return Number.isInteger(n) && n >= minimum && n <= maximum && n % multipleOf === 0 ? undefined : vscode.l10n.t('A whole number from {0} to {1}, a multiple of {2}.', minimum, maximum, multipleOf);
      },
    });
    if (text === undefined) return undefined;
    if (Number(text) !== steps.default) params.steps = Number(text);
  }
  const caption = await vscode.window.showInputBox({ title: vscode.l10n.t('Pruna: default caption (optional)'), prompt: vscode.l10n.t('Used for images without a .txt caption; also the style\'s trigger word.'), ignoreFocusOut: true });
  if (caption === undefined) return undefined;
  if (caption.trim()) params.default_caption = caption.trim();
  return { name: name.trim(), params };
}

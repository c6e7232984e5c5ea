// Turns a RunRequest (panel, command or another extension) into the job specs to run, checking everything that can
// be checked locally first: prompt, model, seed, custom size, image count, URL scheme, file type and size. Each
// problem is a PrunaError('invalid-input' | 'invalid-file' | 'file-too-large') whose message says what to change.
import * as vscode from 'vscode';
import { PrunaError, SEED_MAX, getModel, randomSeed, validateInput, type ModelSpec } from '../../core';
import { mainImageInput } from '../../core/models/media';
import type { Config } from '../config';
import type { RunRequest } from '../services';
import type { SaveTarget } from '../saving/target';
import type { JobSpec } from './jobStore';

export const MAX_VARIATIONS = 8;

export interface SpecContext {
  readonly config: Config;
  /** Throws for a file the API will not take (wrong type, > 100 MB, unreadable). */
  readonly checkFile: (path: string) => Promise<unknown>;
}

export interface PreparedRun {
  readonly model: ModelSpec;
  readonly prompt: string;
  readonly specs: (Omit<JobSpec, 'target'> & { seed: number | undefined })[];
}

export async function prepareRun(request: RunRequest, ctx: SpecContext): Promise<PreparedRun> {
  // getModel names every model in its message.
  const model = getModel(request.model);
  const prompt = typeof request.prompt === 'string' ? request.prompt.trim() : '';
  if (!prompt && model.prompt === 'required') {
    throw invalid('prompt', model.kind === 'edit'
      ? vscode.l10n.t('The prompt is empty: describe the change to make, e.g. "make the sky stormy".')
      : vscode.l10n.t('The prompt is empty: describe what to generate, e.g. "a lighthouse at dusk, watercolor".'));
  }
  if (prompt && model.prompt === 'none') {
    throw invalid('prompt', vscode.l10n.t('{0} takes no prompt; leave it out (its inputs are {1}).', model.label, model.fields.map((f) => f.name).join(', ')));
  }
  const count = request.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_VARIATIONS) {
    throw invalid('count', vscode.l10n.t('The number of variations must be a whole number from 1 to {0}; got {1}.', MAX_VARIATIONS, String(request.count)));
  }

  const input: Record<string, unknown> = { ...request.params, ...(prompt ? { prompt } : {}) };
  applyAspectRatio(model, input, ctx.config);
  applySafety(model, input, ctx.config);
  // Models without a seed field (upscale, trainers, try-on...) must not be sent one: their input is strict.
  const takesSeed = model.fields.some((f) => f.name === 'seed');
  const seeds = takesSeed ? pickSeeds(input.seed, ctx.config, count) : Array.from({ length: count }, () => undefined);
  delete input.seed;

  const { files, sources, placeholders } = await prepareFiles(model, request, ctx);
  // Validate the whole input as it will be sent (local files stand in as placeholder URLs until uploaded).
  validateInput(model.id, { ...input, ...(seeds[0] === undefined ? {} : { seed: seeds[0] }), ...placeholders });

  // Without a prompt, files are named after the first input ("cat" -> "cat-<seed>.png" or an upscale's own name).
  const label = prompt || describeInputs(model, sources);
  const specs = seeds.map((seed) => ({
    model: model.id,
    input: seed === undefined ? { ...input } : { ...input, seed },
    ...(files ? { files } : {}),
    ...(sources.length ? { sources } : {}),
    label,
    seed,
  }));
  return { model, prompt: label, specs };
}

function describeInputs(model: ModelSpec, sources: readonly string[]): string {
  const first = sources[0];
  if (!first) return model.label;
  const name = first.slice(first.replace(/\\/g, '/').lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  return `${name} ${model.group === 'upscale' ? 'upscaled' : model.label}`;
}

/** Fills the spec of each variation with where it is saved. */
export function withTarget(spec: PreparedRun['specs'][number], target: SaveTarget, extra: Pick<JobSpec, 'open' | 'announce' | 'output'>): JobSpec {
  const { seed: _seed, ...rest } = spec;
  void _seed;
  return { ...rest, target, ...extra };
}

function applyAspectRatio(model: ModelSpec, input: Record<string, unknown>, config: Config): void {
  const hasSize = input.width !== undefined || input.height !== undefined;
  if (hasSize && model.customSize) {
    if (input.aspect_ratio === undefined) input.aspect_ratio = 'custom';
    if (input.aspect_ratio === 'custom') checkCustomSize(model, input);
  }
  if (input.aspect_ratio !== undefined || model.aspectRatios.length === 0) return;
  // Edits default to the input image's ratio; only text-to-X models take the user's preferred ratio.
  if (model.kind === 'edit') return;
  const preferred = config.defaultAspectRatio();
  input.aspect_ratio = model.aspectRatios.includes(preferred) ? preferred : model.defaultAspectRatio;
}

function checkCustomSize(model: ModelSpec, input: Record<string, unknown>): void {
  const limits = model.customSize!;
  for (const side of ['width', 'height'] as const) {
    const value = input[side];
    const ok = typeof value === 'number' && Number.isInteger(value) && value >= limits.min && value <= limits.max && value % limits.multiple === 0;
    if (!ok) {
      throw invalid(side, (side === 'width' ? vscode.l10n.t('A custom width of {0} is not possible with {1}: each side must be {2}–{3} pixels and a multiple of {4} (for example {2}, {5}, … {3}).', String(value), model.label, limits.min, limits.max, limits.multiple, limits.min + limits.multiple) : vscode.l10n.t('A custom height of {0} is not possible with {1}: each side must be {2}–{3} pixels and a multiple of {4} (for example {2}, {5}, … {3}).', String(value), model.label, limits.min, limits.max, limits.multiple, limits.min + limits.multiple)));
    }
  }
}

function applySafety(model: ModelSpec, input: Record<string, unknown>, config: Config): void {
  // The setting covers the image checkers; p-video's filter has its own (opposite) default that we leave alone.
  if (model.safety?.field === 'disable_safety_checker' && input.disable_safety_checker === undefined && config.disableSafetyChecker()) {
    input.disable_safety_checker = true;
  }
}

/** Explicit seed, or the setting's fixed seed, or random: always sent so it is shown and recorded. */
function pickSeeds(given: unknown, config: Config, count: number): (number | undefined)[] {
  let base: number | undefined;
  if (given !== undefined) {
    if (typeof given !== 'number' || !Number.isInteger(given) || given < 0 || given > SEED_MAX) {
      throw invalid('seed', vscode.l10n.t('The seed must be a whole number from 0 to {0}; got {1}. Leave it out for a random one.', SEED_MAX, JSON.stringify(given)));
    }
    base = given;
  } else {
    const setting = config.seedOrThrow();
    if (setting !== 'random') base = setting;
  }
  if (base === undefined) {
    const seeds = new Set<number>();
    while (seeds.size < count) seeds.add(randomSeed());
    return [...seeds];
  }
  // A fixed seed with variations: consecutive seeds, so the whole set can be made again.
  return Array.from({ length: count }, (_, i) => (base! + i) % (SEED_MAX + 1));
}

/** Every file input: `files` by field, plus `images` as the shorthand for the model's first image field. */
async function prepareFiles(model: ModelSpec, request: RunRequest, ctx: SpecContext) {
  const wanted: Record<string, readonly string[]> = {};
  for (const [field, value] of Object.entries(request.files ?? {})) wanted[field] = typeof value === 'string' ? [value] : value;
  const images = request.images ?? [];
  if (images.length > 0) {
    const slot = mainImageInput(model.files);
    if (!slot) throw invalid('images', `${model.label} does not take input images; remove them or pick an edit or image-to-video model.`);
    if (wanted[slot.field]) throw invalid(slot.field, `${slot.field}: given both as images and as files; give it once.`);
    wanted[slot.field] = images;
  }
  const files: Record<string, string | string[]> = {};
  const placeholders: Record<string, string | string[]> = {};
  const sources: string[] = [];
  let n = 0;
  for (const slot of model.files) {
    const values = wanted[slot.field] ?? [];
    const image = slot.media.includes('image');
    const what = image ? 'image' : slot.media[0] === 'zip' ? 'zip archive' : slot.media[0] === 'audio' ? 'audio file' : slot.media[0]!;
    const plural = (n: number) => `${what}${n === 1 ? '' : 's'}`;
    if (values.length < slot.min && slot.required) {
      throw invalid(slot.field, image
        ? `${model.label} needs at least ${slot.min} input ${plural(slot.min)}${slot.field === 'images' || slot.field === 'image' ? '' : ` in "${slot.field}"`}: pick an image file or give a public https URL.`
        : `${model.label} needs ${slot.min === 1 ? (/^[aeiou]/.test(what) ? 'an' : 'a') : `at least ${slot.min}`} ${plural(slot.min)} in "${slot.field}": pick a file or give a public https URL.`);
    }
    if (values.length > slot.max) {
      throw invalid(slot.field, `${model.label} takes at most ${slot.max} ${plural(slot.max)}${slot.field === 'images' || slot.field === 'image' ? '' : ` in "${slot.field}"`}; ${values.length} were given. Select ${slot.max} or fewer.`);
    }
    if (values.length === 0) continue;
    const resolved: string[] = [];
    const stand: string[] = [];
    for (const raw of values) {
      const r = await resolveImage(raw, ctx, slot.field);
      resolved.push(r.value);
      sources.push(r.source);
      stand.push(r.isUrl ? r.value : `https://upload.pending.invalid/${n++}`);
    }
    files[slot.field] = slot.multiple ? resolved : resolved[0]!;
    placeholders[slot.field] = slot.multiple ? stand : stand[0]!;
  }
  for (const field of Object.keys(wanted)) {
    if (!model.files.some((f) => f.field === field)) {
      const allowed = model.files.map((f) => f.field);
      throw invalid(field, allowed.length ? `${model.label} takes files only in ${allowed.join(', ')}; "${field}" is not one of them.` : `${model.label} takes no input files.`);
    }
  }
  return { files: Object.keys(files).length ? files : undefined, sources, placeholders };
}

async function resolveImage(raw: string, ctx: SpecContext, field = 'images'): Promise<{ value: string; source: string; isUrl: boolean }> {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) throw invalid(field, `${field}: an empty file reference was given.`);
  if (/^https:\/\//i.test(text)) {
    try {
      new URL(text);
    } catch {
      throw invalid(field, `"${text}" is not a valid URL.`);
    }
    return { value: text, source: text, isUrl: true };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/^file:/i.test(text)) {
    const scheme = text.slice(0, text.indexOf(':'));
    throw invalid(field, `"${text}" uses ${scheme}://; the P-API only fetches public https URLs. Use an https URL or a local file.`);
  }
  const uri = /^file:/i.test(text) ? vscode.Uri.parse(text) : vscode.Uri.file(text);
  await ctx.checkFile(uri.fsPath);
  return { value: uri.fsPath, source: vscode.workspace.asRelativePath(uri, false), isUrl: false };
}

function invalid(field: string, message: string): PrunaError {
  return new PrunaError('invalid-input', message, { fields: [field], hint: 'check-input' });
}

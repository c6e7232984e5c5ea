// The model catalog as the panel sees it: the core's ModelSpecs (the single source of model facts) flattened into
// plain JSON for the webview, plus the authoritative check of a run form against the model's zod schema.
import * as l10n from '../../core/l10n';
import type { ModelInfo, RunForm } from '../../shared/protocol';
import { listModels, SEED_MAX, type ModelSpec } from '../../core/catalog';
import { mainImageInput } from '../../core/models/media';

export interface RunProblem {
  readonly message: string;
  /** Field (API name, or "prompt" / "images") -> what is wrong with it, shown beside that field. */
  readonly fields: Record<string, string>;
}

export interface StudioCatalog {
  models(): ModelInfo[];
  /** Undefined when the form may be sent; otherwise what to fix, per field. */
  validate(form: RunForm): RunProblem | undefined;
}

export function createStudioCatalog(specs: readonly ModelSpec[] = listModels()): StudioCatalog {
  const infos = specs.map(toModelInfo);
  return {
    models: () => infos,
    validate: (form) => validateForm(specs, form),
  };
}

/**
 * The file field the panel's input list fills (image 1 is the main one): the model's first images-only input, so a
 * field that also takes another kind (vace's src_mask: a video or an image) gets its own file field taking both.
 */
export function mainImageField(spec: ModelSpec): ModelSpec['files'][number] | undefined {
  return mainImageInput(spec.files);
}

export function toModelInfo(spec: ModelSpec): ModelInfo {
  const main = mainImageField(spec);
  const images = main ? { min: main.required ? main.min : 0, max: main.max } : { min: 0, max: 0 };
  return {
    id: spec.id,
    label: spec.label,
    kind: spec.kind,
    description: spec.description,
    aspectRatios: [...spec.aspectRatios],
    ...(spec.aspectRatios.length ? { defaultAspectRatio: spec.defaultAspectRatio } : {}),
    ...(spec.customSize ? { customSize: { ...spec.customSize } } : {}),
    options: spec.options.map((o) => ({
      field: o.field,
      label: o.label,
      type: o.type,
      ...(o.default !== undefined ? { default: o.default } : {}),
      ...(o.min !== undefined ? { min: o.min } : {}),
      ...(o.max !== undefined ? { max: o.max } : {}),
      ...(o.step !== undefined ? { step: o.step } : {}),
      ...(o.values ? { values: [...o.values] } : {}),
      ...(o.description ? { description: o.description } : {}),
      ...(o.prominent ? { prominent: true } : {}),
    })),
    images,
    ...(main ? { imagesField: main.field } : {}),
    files: spec.files
      .filter((f) => f !== main)
      .map((f) => ({
        field: f.field,
        label: f.label,
        media: [...f.media],
        multiple: f.multiple,
        min: f.min,
        max: f.max,
        required: f.required,
        ...(f.description ? { description: f.description } : {}),
      })),
    prompt: spec.prompt,
    group: spec.group,
    output: spec.output,
    seedMax: SEED_MAX,
    safety: spec.safety
      ? { field: spec.safety.field, defaultDisabled: spec.safety.defaultDisabled, checks: spec.safety.checks, description: spec.safety.description }
      : null,
  };
}

function validateForm(specs: readonly ModelSpec[], form: RunForm): RunProblem | undefined {
  const spec = specs.find((s) => s.id === form.model);
  if (!spec) {
    return { message: l10n.t('Unknown model "{0}". Choose one from the list.', form.model), fields: { model: l10n.t('Choose a model from the list.') } };
  }
  const fields: Record<string, string> = {};
  const imageFields = new Set(spec.files.map((i) => i.field));
  const { min, max } = toModelInfo(spec).images;
  const main = mainImageField(spec);
  for (const slot of spec.files.filter((f) => f !== main)) {
    const given = form.files?.[slot.field]?.length ?? 0;
    if (given < slot.min && slot.required) fields[slot.field] = l10n.t('{0} needs {1}: choose a file.', spec.label, slot.label.toLowerCase());
    else if (given > slot.max) fields[slot.field] = slot.max === 1 ? l10n.t('{0} takes at most 1 file here.', spec.label) : l10n.t('{0} takes at most {1} files here.', spec.label, slot.max);
  }
  for (const field of Object.keys(form.files ?? {})) {
    if (!spec.files.some((f) => f.field === field && f !== main)) fields[field] = l10n.t('{0} has no "{1}" file input.', spec.label, field);
  }
  if (spec.prompt === 'required' && !form.prompt.trim()) fields.prompt = l10n.t('Enter a prompt: describe the image or the edit.');
  if (form.images.length < min) fields.images = min === 1 ? l10n.t('{0} needs at least 1 input image.', spec.label) : l10n.t('{0} needs at least {1} input images.', spec.label, min);
  else if (form.images.length > max) {
    fields.images = max === 0 ? l10n.t('{0} takes no input images: remove them or pick an edit model.', spec.label) : max === 1 ? l10n.t('{0} takes at most 1 input image.', spec.label) : l10n.t('{0} takes at most {1} input images.', spec.label, max);
  }
  for (const field of Object.keys(form.params)) {
    if (field === 'prompt' || imageFields.has(field)) fields[field] = l10n.t('"{0}" is set by the form, not as a parameter.', field);
  }
  // Image fields hold upload URLs that only exist once the run starts: they are checked by count above instead.
  const prompt = spec.prompt === 'none' || (spec.prompt === 'optional' && !form.prompt.trim()) ? {} : { prompt: form.prompt };
  const result = spec.inputSchema.safeParse({ ...form.params, ...prompt });
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) fields[key] = l10n.t('{0} has no "{1}" parameter.', spec.label, key);
        continue;
      }
      const field = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
      if (field === undefined || imageFields.has(field)) continue;
      fields[field] ??= capitalise(issue.message);
    }
  }
  const names = Object.keys(fields);
  if (!names.length) return undefined;
  return { message: l10n.t('Check {0} before running.', names.map((n) => (n === 'images' ? l10n.t('the input images') : `"${n}"`)).join(', ')), fields };
}

function capitalise(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

// The request form as data: what the user chose, how it becomes a run, and the local checks that put a message beside
// a field before anything is sent. Pure (no DOM): unit-tested in Node. The host checks again with the core's schema.
import * as l10n from './l10n';
import type { Defaults, ModelInfo, ModelOption, ParamValue, RunForm } from '../shared/protocol';
import { MAX_VARIATIONS } from '../shared/limits';

/** Raw control values per model: text for number fields (so "12a" can be reported), booleans for switches. */
export type RawValues = Record<string, string | boolean>;

export interface FormState {
  model: string;
  prompt: string;
  values: Record<string, RawValues>;
  seed: string;
  keepSeed: boolean;
  /**
   * Kept so older saved states still restore; no longer read. The safety switch is per model (its own field name and
   * API default) in `values[model][field]`, see safetyDisabled().
   */
  filterOn: boolean;
  count: number;
  advancedOpen: boolean;
  /** Per model, per file input (other than the input image list): the chosen files. */
  files: Record<string, Record<string, PickedFile[]>>;
}

export interface PickedFile {
  source: string;
  name: string;
}

export type FieldErrors = Record<string, string>;

export function initialForm(models: readonly ModelInfo[], defaults: Defaults): FormState {
  return {
    model: models[0]?.id ?? '',
    prompt: '',
    values: {},
    seed: typeof defaults.seed === 'number' ? String(defaults.seed) : '',
    keepSeed: typeof defaults.seed === 'number',
    filterOn: !defaults.disableSafetyChecker,
    count: 1,
    advancedOpen: false,
    files: {},
  };
}

/**
 * Brings back a form saved by this or an older version of the panel: each field is kept only if it still has the
 * right type, so a stale or hand-edited state can never break the panel, it just falls back to the defaults.
 */
export function restoreForm(saved: unknown, fallback: FormState): FormState {
  if (!saved || typeof saved !== 'object') return fallback;
  const s = saved as Record<string, unknown>;
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const values: Record<string, RawValues> = {};
  if (s.values && typeof s.values === 'object') {
    for (const [model, raw] of Object.entries(s.values as Record<string, unknown>)) {
      if (!raw || typeof raw !== 'object') continue;
      const kept: RawValues = {};
      for (const [field, value] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof value === 'string' || typeof value === 'boolean') kept[field] = value;
      }
      values[model] = kept;
    }
  }
  return {
    model: str(s.model, fallback.model),
    prompt: str(s.prompt, fallback.prompt),
    values,
    seed: str(s.seed, fallback.seed),
    keepSeed: bool(s.keepSeed, fallback.keepSeed),
    filterOn: bool(s.filterOn, fallback.filterOn),
    count: typeof s.count === 'number' && Number.isFinite(s.count) ? s.count : fallback.count,
    advancedOpen: bool(s.advancedOpen, fallback.advancedOpen),
    files: restoreFiles(s.files),
  };
}

function restoreFiles(raw: unknown): FormState['files'] {
  const out: FormState['files'] = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [model, fields] of Object.entries(raw as Record<string, unknown>)) {
    if (!fields || typeof fields !== 'object') continue;
    const kept: Record<string, PickedFile[]> = {};
    for (const [field, list] of Object.entries(fields as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      kept[field] = list.filter((f): f is PickedFile => !!f && typeof f === 'object' && typeof f.source === 'string' && typeof f.name === 'string');
    }
    out[model] = kept;
  }
  return out;
}

/**
 * The aspect ratio shown for a model: the user's choice, else the settings default if the model has it, else the
 * model's. Edits keep their model default ("match image 1"): a new-image ratio setting should not crop an edit.
 */
export function aspectRatioOf(model: ModelInfo, form: FormState, defaults: Defaults): string | undefined {
  if (!model.aspectRatios.length) return undefined;
  const chosen = form.values[model.id]?.aspect_ratio;
  if (typeof chosen === 'string' && ratioChoices(model).includes(chosen)) return chosen;
  if (model.kind !== 'edit' && model.aspectRatios.includes(defaults.defaultAspectRatio)) return defaults.defaultAspectRatio;
  return model.defaultAspectRatio ?? model.aspectRatios[0];
}

/** The ratios to offer: the model's, plus "custom" when it takes an explicit width × height. */
export function ratioChoices(model: ModelInfo): string[] {
  const ratios = [...model.aspectRatios];
  if (model.customSize && !ratios.includes('custom')) ratios.push('custom');
  return ratios;
}

export function optionValue(model: ModelInfo, option: ModelOption, form: FormState): string | boolean {
  const raw = form.values[model.id]?.[option.field];
  if (raw !== undefined) return raw;
  if (option.type === 'boolean') return option.default === true;
  return option.default === undefined ? '' : String(option.default);
}

/**
 * Whether the model's safety switch is off (its disable_* field true) as the form stands: the user's choice for this
 * model, else the model's API default. The pruna.disableSafetyChecker setting only turns off output checkers
 * (disable_safety_checker); p-video's input filter keeps its own default (off), never the image checkers' one.
 */
export function safetyDisabled(model: ModelInfo, form: FormState, defaults: Defaults): boolean | undefined {
  if (!model.safety) return undefined;
  const chosen = form.values[model.id]?.[model.safety.field];
  if (typeof chosen === 'boolean') return chosen;
  const checksOutput = (model.safety.checks ?? 'output') === 'output';
  return checksOutput ? model.safety.defaultDisabled || defaults.disableSafetyChecker : model.safety.defaultDisabled;
}

export type BuildResult = { ok: true; form: RunForm } | { ok: false; errors: FieldErrors };

/** Turns the form into what the host receives, or says per field what to fix. */
export function buildRun(model: ModelInfo, form: FormState, images: readonly string[], defaults: Defaults): BuildResult {
  const errors: FieldErrors = {};
  const params: Record<string, ParamValue> = {};
  const promptUse = model.prompt ?? 'required';
  if (promptUse === 'required' && !form.prompt.trim()) errors.prompt = l10n.t('Enter a prompt: describe the image or the edit.');
  const files: Record<string, string[]> = {};
  for (const slot of model.files ?? []) {
    const chosen = form.files[model.id]?.[slot.field] ?? [];
    if (slot.required && chosen.length < slot.min) errors[slot.field] = `Choose ${slot.label.toLowerCase()} (${slot.media.join(' or ')}).`;
    else if (chosen.length > slot.max) errors[slot.field] = (slot.max === 1 ? l10n.t('At most 1 file.') : l10n.t('At most {0} files.', slot.max));
    if (chosen.length) files[slot.field] = chosen.map((f) => f.source);
  }

  if (images.length < model.images.min) {
    errors.images = (model.images.min === 1 ? l10n.t('{0} needs at least 1 input image.', model.label) : l10n.t('{0} needs at least {1} input images.', model.label, model.images.min));
  } else if (images.length > model.images.max) {
    errors.images =
      model.images.max === 0
        ? l10n.t('{0} takes no input images. Remove them or choose an edit or video model.', model.label)
        : (model.images.max === 1 ? l10n.t('{0} takes at most 1 input image.', model.label) : l10n.t('{0} takes at most {1} input images.', model.label, model.images.max));
  }

  const ratio = aspectRatioOf(model, form, defaults);
  if (ratio !== undefined) {
    params.aspect_ratio = ratio;
    if (ratio === 'custom' && model.customSize) {
      for (const side of ['width', 'height'] as const) {
        const { value, error } = checkInteger(String(form.values[model.id]?.[side] ?? ''), model.customSize.min, model.customSize.max, model.customSize.multiple, true);
        if (error) errors[side] = error;
        else if (value !== undefined) params[side] = value;
      }
    }
  }

  const seedText = form.seed.trim();
  if (seedText) {
    const { value, error } = checkInteger(seedText, 0, model.seedMax, 1, false);
    if (error) errors.seed = error;
    else if (value !== undefined) params.seed = value;
  }

  // Sent only when it differs from the model's API default (the core never injects defaults either).
  const disabled = safetyDisabled(model, form, defaults);
  if (model.safety && disabled !== undefined && disabled !== model.safety.defaultDisabled) params[model.safety.field] = disabled;

  for (const option of model.options) {
    const raw = optionValue(model, option, form);
    const value = parseOption(option, raw);
    if ('error' in value) {
      errors[option.field] = value.error;
      continue;
    }
    // Only what differs from the API's default is sent (the core never injects defaults either).
    if (value.value !== undefined && value.value !== option.default) params[option.field] = value.value;
  }

  if (!Number.isInteger(form.count) || form.count < 1 || form.count > MAX_VARIATIONS) {
    errors.count = l10n.t('Choose between 1 and {0} variations.', MAX_VARIATIONS);
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  const prompt = promptUse === 'none' ? '' : form.prompt;
  return {
    ok: true,
    form: { model: model.id, prompt, params, images: [...images], ...(Object.keys(files).length ? { files } : {}), count: form.count },
  };
}

function parseOption(option: ModelOption, raw: string | boolean): { value: ParamValue | undefined } | { error: string } {
  switch (option.type) {
    case 'boolean':
      return { value: raw === true };
    case 'integer': {
      const { value, error } = checkInteger(String(raw), option.min, option.max, option.step ?? 1, false);
      return error ? { error } : { value };
    }
    case 'number': {
      const text = String(raw).trim();
      if (!text) return { value: undefined };
      const value = Number(text);
      if (!Number.isFinite(value)) return { error: l10n.t('Enter a number.') };
      if (option.min !== undefined && value < option.min) return { error: l10n.t('Must be at least {0}.', option.min) };
      if (option.max !== undefined && value > option.max) return { error: l10n.t('Must be at most {0}.', option.max) };
      return { value };
    }
    case 'string':
      return { value: String(raw) === '' && option.default === undefined ? undefined : String(raw) };
    case 'enum': {
      const match = option.values?.find((v) => String(v) === String(raw));
      if (match === undefined) return raw === '' ? { value: undefined } : { error: l10n.t('Choose one of {0}.', (option.values ?? []).join(', ')) };
      return { value: match };
    }
  }
}

/** Checks a whole-number field; an empty optional field is fine. */
export function checkInteger(
  text: string,
  min: number | undefined,
  max: number | undefined,
  multiple: number,
  required: boolean,
): { value?: number; error?: string } {
  const trimmed = text.trim();
  if (!trimmed) return required ? { error: l10n.t('Enter a number.') } : {};
  if (!/^-?\d+$/.test(trimmed)) return { error: l10n.t('Enter a whole number.') };
  const value = Number(trimmed);
  if (min !== undefined && value < min) return { error: l10n.t('Must be at least {0}.', min) };
  if (max !== undefined && value > max) return { error: l10n.t('Must be at most {0}.', max) };
  if (multiple > 1 && value % multiple !== 0) return { error: l10n.t('Must be a multiple of {0}.', multiple) };
  return { value };
}

export function randomSeed(max: number, random: () => number = Math.random): number {
  return Math.floor(random() * (max + 1));
}

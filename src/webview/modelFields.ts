// The part of the form that depends on the chosen model: aspect ratio (or custom width × height), the NSFW filter
// switch under the model's own field name, and its advanced options folded away. Rebuilt when the model changes.
import * as l10n from './l10n';
import type { Defaults, FileField, ModelInfo, ModelOption } from '../shared/protocol';
import { clear, h, icon } from './dom';
import { field, type FieldErrorSlots } from './fieldErrors';
import { aspectRatioOf, optionValue, ratioChoices, safetyDisabled, type FormState, type PickedFile, type RawValues } from './form';

export interface ModelFieldsContext {
  readonly form: FormState;
  readonly defaults: Defaults;
  readonly errors: FieldErrorSlots;
  changed(): void;
  /** Asks the host for files for one of the model's file inputs (undefined when the dialog was dismissed). */
  pickFile(field: string): Promise<PickedFile[] | undefined>;
}

/** Field names whose slots live outside this part of the form (kept when the model changes). */
export const COMMON_FIELDS = ['prompt', 'model', 'seed', 'count'] as const;

export function renderModelFields(container: HTMLElement, model: ModelInfo, ctx: ModelFieldsContext): void {
  ctx.errors.forgetExcept(COMMON_FIELDS);
  clear(container);
  if (model.description) container.append(h('p', { className: 'hint' }, model.description));
  for (const slot of model.files ?? []) container.append(fileField(model, slot, ctx));
  const prominent = model.options.filter((o) => o.prominent);
  const grid = h('div', { className: 'grid' });
  for (const option of prominent) grid.append(optionField(model, option, ctx));
  container.append(...ratioFields(model, ctx), ...(prominent.length ? [grid] : []), safetyField(model, ctx));
  if (model.options.length > prominent.length) container.append(advancedOptions(model, ctx));
}

/** One of the model's file inputs (a video, audio, a zip, a last frame...): the chosen files, Choose… and Clear. */
function fileField(model: ModelInfo, slot: FileField, ctx: ModelFieldsContext): HTMLElement {
  const id = `file-${slot.field}`;
  const chosen = () => ((ctx.form.files[model.id] ??= {})[slot.field] ??= []);
  const list = h('span', { className: 'file-names', id: `${id}-names` });
  const show = () => {
    list.textContent = chosen().length ? chosen().map((f) => f.name).join(', ') : slot.required ? l10n.t('Required') : l10n.t('None');
  };
  const choose = h('button', { type: 'button', id, className: 'secondary', 'aria-describedby': `${id}-names` }, l10n.t('Choose…'));
  choose.addEventListener('click', async () => {
    const files = await ctx.pickFile(slot.field);
    if (!files) return;
    const next = slot.multiple ? [...chosen(), ...files].slice(0, slot.max) : files.slice(0, 1);
    (ctx.form.files[model.id] ??= {})[slot.field] = next;
    ctx.errors.clear(slot.field);
    show();
    ctx.changed();
  });
  const clearButton = h('button', { type: 'button', className: 'secondary', 'aria-label': l10n.t('Clear {0}', slot.label) }, l10n.t('Clear'));
  clearButton.addEventListener('click', () => {
    (ctx.form.files[model.id] ??= {})[slot.field] = [];
    show();
    ctx.changed();
  });
  show();
  const what = `${slot.media.map(mediaWord).join(l10n.t(' or '))}${slot.multiple ? l10n.t(', up to {0}', slot.max) : ''}${slot.required ? l10n.t(', required') : ''}`;
  return h(
    'div',
    { className: 'field' },
    h('label', { for: id }, `${slot.label} (${what})`),
    h('div', { className: 'row tight' }, choose, clearButton, list),
    slot.description ? h('span', { className: 'hint' }, slot.description) : null,
    ctx.errors.slot(slot.field, choose),
  );
}

function mediaWord(media: FileField['media'][number]): string {
  return media === 'image' ? l10n.t('image') : media === 'video' ? l10n.t('video') : media === 'audio' ? l10n.t('audio') : l10n.t('zip');
}

function values(model: ModelInfo, ctx: ModelFieldsContext): RawValues {
  return (ctx.form.values[model.id] ??= {});
}

function ratioFields(model: ModelInfo, ctx: ModelFieldsContext): HTMLElement[] {
  const ratio = aspectRatioOf(model, ctx.form, ctx.defaults);
  if (ratio === undefined) return [h('p', { className: 'hint' }, l10n.t('The output follows the size of image 1.'))];
  const select = h('select', { id: 'aspect_ratio' });
  for (const value of ratioChoices(model)) {
    select.append(h('option', { value }, value === 'match_input_image' ? l10n.t('Match image 1') : value === 'custom' ? l10n.t('Custom size') : value));
  }
  select.value = ratio;
  const sizeFields = h('div', { className: 'grid size' });
  const renderSize = () => {
    clear(sizeFields);
    ctx.errors.forget('width');
    ctx.errors.forget('height');
    if (select.value !== 'custom' || !model.customSize) return;
    const { min, max, multiple } = model.customSize;
    for (const [side, label] of [['width', l10n.t('Width')], ['height', l10n.t('Height')]] as const) {
      const input = h('input', { id: side, type: 'number', min, max, step: multiple, placeholder: `${min}–${max}` });
      input.value = String(values(model, ctx)[side] ?? '');
      input.addEventListener('input', () => {
        values(model, ctx)[side] = input.value;
        ctx.errors.clear(side);
        ctx.changed();
      });
      sizeFields.append(field(side, label, input, ctx.errors.slot(side, input), l10n.t('{0}–{1}, multiple of {2}', min, max, multiple)));
    }
  };
  select.addEventListener('change', () => {
    values(model, ctx).aspect_ratio = select.value;
    renderSize();
    ctx.changed();
  });
  renderSize();
  return [h('div', { className: 'grid' }, field('aspect_ratio', l10n.t('Aspect ratio'), select, ctx.errors.slot('aspect_ratio', select))), sizeFields];
}

function safetyField(model: ModelInfo, ctx: ModelFieldsContext): HTMLElement {
  if (!model.safety) {
    return h('p', { className: 'hint' }, icon('info'), l10n.t(' {0} has no safety switch: the API does not check its prompt or output.', model.label));
  }
  const safety = model.safety;
  const field = safety.field;
  const checksInputs = safety.checks === 'inputs';
  const box = h('input', { id: 'nsfw-filter', type: 'checkbox' });
  box.checked = safetyDisabled(model, ctx.form, ctx.defaults) !== true;
  const apiDefault = safety.defaultDisabled ? l10n.t('off') : l10n.t('on');
  const note = h('span', { className: 'hint', id: 'nsfw-note' });
  // Said plainly: what this model's switch checks, and what its API does when nothing is sent.
  const describe = () => {
    const what = checksInputs
      ? l10n.t('the prompt and input image are checked for unsafe content before generation')
      : l10n.t('outputs the API flags as NSFW are blocked');
    note.textContent = box.checked
      ? l10n.t('On: {0}. ({1}\'s API default: {2}.)', what, model.label, apiDefault)
      : l10n.t('Off: {0}. ({1}\'s API default: {2}.)', checksInputs ? l10n.t('the prompt and input image are not checked') : l10n.t('outputs are not checked for NSFW content'), model.label, apiDefault);
  };
  box.setAttribute('aria-describedby', 'nsfw-note');
  box.addEventListener('change', () => {
    values(model, ctx)[field] = !box.checked;
    describe();
    ctx.changed();
  });
  describe();
  return h(
    'div',
    { className: 'field' },
    h('label', { className: 'check', for: 'nsfw-filter' }, box, checksInputs ? l10n.t('Safety filter (prompt and input image)') : l10n.t('Safety checker (output)')),
    note,
    ctx.errors.slot(field, box),
  );
}

function advancedOptions(model: ModelInfo, ctx: ModelFieldsContext): HTMLElement {
  const details = h('details', { className: 'advanced' }, h('summary', {}, l10n.t('Advanced options')));
  details.open = ctx.form.advancedOpen;
  details.addEventListener('toggle', () => {
    ctx.form.advancedOpen = details.open;
    ctx.changed();
  });
  const grid = h('div', { className: 'grid' });
  for (const option of model.options.filter((o) => !o.prominent)) grid.append(optionField(model, option, ctx));
  details.append(grid);
  return details;
}

function optionField(model: ModelInfo, option: ModelOption, ctx: ModelFieldsContext): HTMLElement {
  const id = `opt-${option.field}`;
  const value = optionValue(model, option, ctx.form);
  const store = (v: string | boolean) => {
    values(model, ctx)[option.field] = v;
    ctx.errors.clear(option.field);
    ctx.changed();
  };
  const hint = option.description;
  switch (option.type) {
    case 'boolean': {
      const box = h('input', { id, type: 'checkbox' });
      box.checked = value === true;
      box.addEventListener('change', () => store(box.checked));
      return h(
        'div',
        { className: 'field' },
        h('label', { className: 'check', for: id }, box, option.label),
        hint ? h('span', { className: 'hint' }, hint) : null,
        ctx.errors.slot(option.field, box),
      );
    }
    case 'string': {
      const input = h('input', { id, type: 'text' });
      input.value = String(value);
      input.addEventListener('input', () => store(input.value));
      return field(id, option.label, input, ctx.errors.slot(option.field, input), hint);
    }
    case 'number':
    case 'integer': {
      const step = option.type === 'integer' ? option.step ?? 1 : 'any';
      const input = h('input', { id, type: 'number', min: option.min, max: option.max, step });
      input.value = String(value);
      input.addEventListener('input', () => store(input.value));
      const range = option.min !== undefined && option.max !== undefined ? `${option.min}–${option.max}` : undefined;
      return field(id, option.label, input, ctx.errors.slot(option.field, input), [range, hint].filter(Boolean).join('. '));
    }
    case 'enum': {
      const select = h('select', { id });
      for (const v of option.values ?? []) select.append(h('option', { value: String(v) }, String(v)));
      select.value = String(value);
      select.addEventListener('change', () => store(select.value));
      return field(id, option.label, select, ctx.errors.slot(option.field, select), hint);
    }
  }
}

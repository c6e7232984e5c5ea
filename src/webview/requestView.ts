// The request form: prompt, model, aspect ratio (or custom width × height), seed with randomise and keep, NSFW filter,
// the model's advanced options folded away, variations, and a run button that says what will happen.
import type { Defaults, ModelInfo, ModelOption } from '../shared/protocol';
import { MAX_VARIATIONS } from '../shared/limits';
import { button, clear, h, icon } from './dom';
import { aspectRatioOf, optionValue, randomSeed, ratioChoices, type FieldErrors, type FormState } from './form';
import { runLabel } from './format';

export interface RequestActions {
  run(): void;
  changed(): void;
}

const KIND_LABEL: Record<ModelInfo['kind'], string> = { image: 'Generate images', edit: 'Edit images', video: 'Generate videos' };

export class RequestView {
  readonly el: HTMLElement;
  private readonly prompt: HTMLTextAreaElement;
  private readonly model: HTMLSelectElement;
  private readonly modelSpecific: HTMLElement;
  private readonly seed: HTMLInputElement;
  private readonly keepSeed: HTMLInputElement;
  private readonly count: HTMLInputElement;
  private readonly runButton: HTMLButtonElement;
  private readonly runStatus: HTMLElement;
  private readonly errorSlots = new Map<string, { slot: HTMLElement; control?: HTMLElement }>();
  private imageCount = 0;

  constructor(
    private readonly models: readonly ModelInfo[],
    private readonly defaults: Defaults,
    private readonly form: FormState,
    private readonly actions: RequestActions,
  ) {
    this.prompt = h('textarea', {
      id: 'prompt',
      rows: 4,
      placeholder: 'Describe the image, or the edit to make (Ctrl+Enter runs)',
      'aria-keyshortcuts': 'Control+Enter Meta+Enter',
    });
    this.prompt.value = form.prompt;
    this.prompt.addEventListener('input', () => {
      form.prompt = this.prompt.value;
      this.clearError('prompt');
      actions.changed();
    });

    this.model = h('select', { id: 'model' });
    for (const kind of ['image', 'edit', 'video'] as const) {
      const group = h('optgroup', { label: KIND_LABEL[kind] });
      for (const m of models.filter((x) => x.kind === kind)) group.append(h('option', { value: m.id }, m.label));
      if (group.children.length) this.model.append(group);
    }
    if (!models.some((m) => m.id === form.model)) form.model = models[0]?.id ?? '';
    this.model.value = form.model;
    this.model.addEventListener('change', () => {
      form.model = this.model.value;
      this.renderModelSpecific();
      this.refresh();
      actions.changed();
    });

    this.seed = h('input', { id: 'seed', type: 'text', inputmode: 'numeric', placeholder: 'Random', autocomplete: 'off' });
    this.seed.value = form.seed;
    this.seed.addEventListener('input', () => {
      form.seed = this.seed.value;
      this.clearError('seed');
      actions.changed();
    });
    this.keepSeed = h('input', { id: 'keep-seed', type: 'checkbox' });
    this.keepSeed.checked = form.keepSeed;
    this.keepSeed.addEventListener('change', () => {
      form.keepSeed = this.keepSeed.checked;
      actions.changed();
    });

    this.count = h('input', { id: 'count', type: 'number', min: 1, max: MAX_VARIATIONS, step: 1 });
    this.count.value = String(form.count);
    this.count.addEventListener('input', () => {
      form.count = Number(this.count.value);
      this.clearError('count');
      this.refresh();
      actions.changed();
    });

    this.modelSpecific = h('div', { className: 'model-specific' });
    this.runButton = h('button', { type: 'button', id: 'run', className: 'primary' });
    this.runButton.addEventListener('click', () => actions.run());
    this.runStatus = h('div', { className: 'run-status', id: 'run-status', 'aria-live': 'polite' });

    this.el = h(
      'section',
      { className: 'card', 'aria-labelledby': 'request-heading' },
      h('h2', { id: 'request-heading' }, 'Request'),
      field('prompt', 'Prompt', this.prompt, this.slot('prompt', this.prompt)),
      h(
        'div',
        { className: 'grid' },
        field('model', 'Model', this.model, this.slot('model', this.model)),
        h(
          'div',
          { className: 'field wide' },
          h('label', { for: 'seed' }, 'Seed'),
          h(
            'div',
            { className: 'row tight' },
            this.seed,
            button('Random seed', () => this.rollSeed(), { icon: 'debug-restart', iconOnly: true }),
            h('label', { className: 'check', for: 'keep-seed', title: 'Use this seed for every run' }, this.keepSeed, icon('lock'), 'Keep seed'),
          ),
          this.slot('seed', this.seed),
        ),
        field('count', 'Variations', this.count, this.slot('count', this.count)),
      ),
      this.modelSpecific,
      h('div', { className: 'actions' }, this.runButton, this.runStatus),
    );
    // Ctrl/Cmd+Enter runs from anywhere in the form, as in chat inputs and the SCM box.
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        actions.run();
      }
    });
    this.renderModelSpecific();
    this.refresh();
  }

  get selectedModel(): ModelInfo | undefined {
    return this.models.find((m) => m.id === this.form.model);
  }

  /** Switches model as if the user had picked it (e.g. to an edit model when an output becomes an input). */
  selectModel(id: string): void {
    if (!this.models.some((m) => m.id === id) || this.form.model === id) return;
    this.form.model = id;
    this.model.value = id;
    this.renderModelSpecific();
    this.refresh();
    this.actions.changed();
  }

  setImageCount(n: number): void {
    this.imageCount = n;
    this.refresh();
  }

  setBusy(busy: boolean): void {
    this.runButton.disabled = busy;
  }

  /** After a run: a new random seed next time unless the user keeps it. */
  afterRun(): void {
    if (!this.form.keepSeed) {
      this.form.seed = '';
      this.seed.value = '';
    }
  }

  showErrors(errors: FieldErrors, summary?: string): void {
    this.clearErrors();
    const unplaced: string[] = [];
    let first: HTMLElement | undefined;
    for (const [fieldName, message] of Object.entries(errors)) {
      const target = this.errorSlots.get(fieldName);
      if (!target) {
        if (fieldName !== 'images') unplaced.push(`${fieldName}: ${message}`);
        continue;
      }
      target.slot.textContent = message;
      target.control?.setAttribute('aria-invalid', 'true');
      first ??= target.control;
    }
    const parts = [summary, ...unplaced].filter(Boolean);
    this.runStatus.textContent = parts.join(' ');
    this.runStatus.classList.toggle('error', parts.length > 0);
    first?.focus();
  }

  setStatus(text: string): void {
    this.runStatus.textContent = text;
    this.runStatus.classList.remove('error');
  }

  clearErrors(): void {
    for (const name of this.errorSlots.keys()) this.clearError(name);
    this.setStatus('');
  }

  focusPrompt(): void {
    this.prompt.focus();
  }

  private clearError(name: string): void {
    const target = this.errorSlots.get(name);
    if (!target) return;
    target.slot.textContent = '';
    target.control?.removeAttribute('aria-invalid');
  }

  private slot(name: string, control?: HTMLElement): HTMLElement {
    const slot = h('div', { className: 'field-error', id: `${name}-error` });
    if (control) control.setAttribute('aria-describedby', `${name}-error`);
    this.errorSlots.set(name, control ? { slot, control } : { slot });
    return slot;
  }

  private rollSeed(): void {
    const model = this.selectedModel;
    this.form.seed = String(randomSeed(model?.seedMax ?? 2147483647));
    this.seed.value = this.form.seed;
    this.clearError('seed');
    this.actions.changed();
  }

  private refresh(): void {
    const model = this.selectedModel;
    const count = Number.isInteger(this.form.count) && this.form.count > 0 ? this.form.count : 1;
    const label = model ? runLabel(model.kind, this.imageCount, count) : 'Generate';
    clear(this.runButton);
    this.runButton.append(icon(model?.kind === 'video' ? 'device-camera-video' : model?.kind === 'edit' ? 'edit' : 'sparkle'), h('span', {}, label));
  }

  private values(model: ModelInfo): Record<string, string | boolean> {
    return (this.form.values[model.id] ??= {});
  }

  /** Everything that depends on the chosen model; rebuilt when the model changes. */
  private renderModelSpecific(): void {
    for (const name of [...this.errorSlots.keys()]) {
      if (!['prompt', 'model', 'seed', 'count'].includes(name)) this.errorSlots.delete(name);
    }
    clear(this.modelSpecific);
    const model = this.selectedModel;
    if (!model) return;
    if (model.description) this.modelSpecific.append(h('p', { className: 'hint' }, model.description));

    const grid = h('div', { className: 'grid' });
    const ratio = aspectRatioOf(model, this.form, this.defaults);
    if (ratio !== undefined) {
      const select = h('select', { id: 'aspect_ratio' });
      for (const value of ratioChoices(model)) {
        select.append(h('option', { value }, value === 'match_input_image' ? 'Match image 1' : value === 'custom' ? 'Custom size' : value));
      }
      select.value = ratio;
      const sizeFields = h('div', { className: 'grid size' });
      const renderSize = () => {
        clear(sizeFields);
        this.errorSlots.delete('width');
        this.errorSlots.delete('height');
        if (select.value !== 'custom' || !model.customSize) return;
        const { min, max, multiple } = model.customSize;
        for (const [side, label] of [['width', 'Width'], ['height', 'Height']] as const) {
          const input = h('input', { id: side, type: 'number', min, max, step: multiple, placeholder: `${min}–${max}` });
          input.value = String(this.values(model)[side] ?? '');
          input.addEventListener('input', () => {
            this.values(model)[side] = input.value;
            this.clearError(side);
            this.actions.changed();
          });
          sizeFields.append(field(side, label, input, this.slot(side, input), `${min}–${max}, multiple of ${multiple}`));
        }
      };
      select.addEventListener('change', () => {
        this.values(model).aspect_ratio = select.value;
        renderSize();
        this.actions.changed();
      });
      grid.append(field('aspect_ratio', 'Aspect ratio', select, this.slot('aspect_ratio', select)));
      renderSize();
      this.modelSpecific.append(grid, sizeFields);
    } else {
      this.modelSpecific.append(h('p', { className: 'hint' }, 'The output follows the size of image 1.'));
    }

    this.modelSpecific.append(this.safetyField(model));

    if (model.options.length) {
      const details = h('details', { className: 'advanced' }, h('summary', {}, 'Advanced options'));
      details.open = this.form.advancedOpen;
      details.addEventListener('toggle', () => {
        this.form.advancedOpen = details.open;
        this.actions.changed();
      });
      const optionsGrid = h('div', { className: 'grid' });
      for (const option of model.options) optionsGrid.append(this.optionField(model, option));
      details.append(optionsGrid);
      this.modelSpecific.append(details);
    }
  }

  private safetyField(model: ModelInfo): HTMLElement {
    if (!model.safety) {
      return h('p', { className: 'hint' }, icon('info'), ` ${model.label} has no NSFW filter: its output is never checked.`);
    }
    const box = h('input', { id: 'nsfw-filter', type: 'checkbox' });
    box.checked = this.form.filterOn;
    const apiDefault = model.safety.defaultDisabled ? 'off' : 'on';
    const note = h('span', { className: 'hint', id: 'nsfw-note' });
    const describe = () => {
      note.textContent = box.checked
        ? `On: outputs the API flags as NSFW are blocked. (This model's API default: ${apiDefault}.)`
        : `Off: outputs are not checked for NSFW content. (This model's API default: ${apiDefault}.)`;
    };
    box.setAttribute('aria-describedby', 'nsfw-note');
    box.addEventListener('change', () => {
      this.form.filterOn = box.checked;
      describe();
      this.actions.changed();
    });
    describe();
    return h('div', { className: 'field' }, h('label', { className: 'check', for: 'nsfw-filter' }, box, 'NSFW filter'), note, this.slot(model.safety.field, box));
  }

  private optionField(model: ModelInfo, option: ModelOption): HTMLElement {
    const id = `opt-${option.field}`;
    const value = optionValue(model, option, this.form);
    const store = (v: string | boolean) => {
      this.values(model)[option.field] = v;
      this.clearError(option.field);
      this.actions.changed();
    };
    const hint = option.description;
    switch (option.type) {
      case 'boolean': {
        const box = h('input', { id, type: 'checkbox' });
        box.checked = value === true;
        box.addEventListener('change', () => store(box.checked));
        return h('div', { className: 'field' }, h('label', { className: 'check', for: id }, box, option.label), hint ? h('span', { className: 'hint' }, hint) : null, this.slot(option.field, box));
      }
      case 'integer': {
        const input = h('input', { id, type: 'number', min: option.min, max: option.max, step: 1 });
        input.value = String(value);
        input.addEventListener('input', () => store(input.value));
        const range = option.min !== undefined && option.max !== undefined ? `${option.min}–${option.max}` : undefined;
        return field(id, option.label, input, this.slot(option.field, input), [range, hint].filter(Boolean).join('. '));
      }
      case 'enum': {
        const select = h('select', { id });
        for (const v of option.values ?? []) select.append(h('option', { value: String(v) }, String(v)));
        select.value = String(value);
        select.addEventListener('change', () => store(select.value));
        return field(id, option.label, select, this.slot(option.field, select), hint);
      }
    }
  }
}

function field(id: string, label: string, control: HTMLElement, error: HTMLElement, hint?: string): HTMLElement {
  return h('div', { className: 'field' }, h('label', { for: id }, label), control, hint ? h('span', { className: 'hint' }, hint) : null, error);
}

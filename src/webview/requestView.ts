// The request form: prompt, model, aspect ratio (or custom width × height), seed with randomise and keep, NSFW filter,
// the model's advanced options folded away, variations, and a run button that says what will happen.
import * as l10n from './l10n';
import type { Defaults, ModelInfo } from '../shared/protocol';
import { MAX_VARIATIONS } from '../shared/limits';
import { MODEL_GROUP_LABELS } from '../shared/modelGroups';
import { button, clear, h, icon } from './dom';
import { field, FieldErrorSlots } from './fieldErrors';
import { randomSeed, type FieldErrors, type FormState, type PickedFile } from './form';
import { runLabel } from './format';
import { renderModelFields } from './modelFields';

export interface RequestActions {
  run(): void;
  changed(): void;
  pickFile(model: string, field: string): Promise<PickedFile[] | undefined>;
}

const GROUP_LABEL: Record<string, string> = MODEL_GROUP_LABELS;

/** Translated when the form is built, never at module load (the host's strings arrive with init). */
const KIND_LABEL = (kind: ModelInfo['kind']): string => (kind === 'image' ? l10n.t('Generate images') : kind === 'edit' ? l10n.t('Edit images') : l10n.t('Generate videos'));

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
  /** The estimate next to the run button ("Estimated ≈ $0.02"), from the host's price table. */
  readonly runEstimate: HTMLElement = h('span', { className: 'run-estimate', id: 'run-estimate' });
  private readonly errors = new FieldErrorSlots();
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
      placeholder: l10n.t('Describe the image, or the edit to make (Ctrl+Enter runs)'),
      'aria-keyshortcuts': 'Control+Enter Meta+Enter',
    });
    this.prompt.value = form.prompt;
    this.prompt.addEventListener('input', () => {
      form.prompt = this.prompt.value;
      this.clearError('prompt');
      actions.changed();
    });

    this.model = h('select', { id: 'model' });
    // Grouped by what the model does (the catalog's groups), in the catalog's order; older hosts send only `kind`.
    const groupOf = (m: ModelInfo) => m.group ?? m.kind;
    for (const key of [...new Set(models.map(groupOf))]) {
      const group = h('optgroup', { label: (GROUP_LABEL[key] !== undefined ? l10n.t(GROUP_LABEL[key]) : undefined) ?? (key === 'image' || key === 'edit' || key === 'video' ? KIND_LABEL(key) : key) });
      for (const m of models.filter((x) => groupOf(x) === key)) group.append(h('option', { value: m.id }, m.label));
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

    this.seed = h('input', { id: 'seed', type: 'text', inputmode: 'numeric', placeholder: l10n.t('Random'), autocomplete: 'off' });
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
      h('h2', { id: 'request-heading' }, l10n.t('Request')),
      field('prompt', l10n.t('Prompt'), this.prompt, this.slot('prompt', this.prompt)),
      h(
        'div',
        { className: 'grid' },
        field('model', l10n.t('Model'), this.model, this.slot('model', this.model)),
        h(
          'div',
          { className: 'field wide' },
          h('label', { for: 'seed' }, l10n.t('Seed')),
          h(
            'div',
            { className: 'row tight' },
            this.seed,
            button(l10n.t('Random seed'), () => this.rollSeed(), { icon: 'debug-restart', iconOnly: true }),
            h('label', { className: 'check', for: 'keep-seed', title: l10n.t('Use this seed for every run') }, this.keepSeed, icon('lock'), l10n.t('Keep seed')),
          ),
          this.slot('seed', this.seed),
        ),
        field('count', l10n.t('Variations'), this.count, this.slot('count', this.count)),
      ),
      this.modelSpecific,
      h('div', { className: 'actions' }, this.runButton, this.runEstimate, this.runStatus),
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
    const { unplaced, first } = this.errors.show(errors);
    // Image problems are shown by the inputs section; anything else without a field goes in the run status.
    const parts = [summary, ...unplaced.filter((u) => !u.startsWith('images:'))].filter(Boolean);
    this.runStatus.textContent = parts.join(' ');
    this.runStatus.classList.toggle('error', parts.length > 0);
    first?.focus();
  }

  setEstimate(text: string, detail: string): void {
    this.runEstimate.textContent = text;
    this.runEstimate.title = detail;
    if (text) this.runButton.setAttribute('aria-describedby', 'run-estimate');
    else this.runButton.removeAttribute('aria-describedby');
  }

  setStatus(text: string): void {
    this.runStatus.textContent = text;
    this.runStatus.classList.remove('error');
  }

  clearErrors(): void {
    this.errors.clearAll();
    this.setStatus('');
  }

  focusPrompt(): void {
    this.prompt.focus();
  }

  private clearError(name: string): void {
    this.errors.clear(name);
  }

  private slot(name: string, control?: HTMLElement): HTMLElement {
    return this.errors.slot(name, control);
  }

  private renderModelSpecific(): void {
    const model = this.selectedModel;
    if (!model) {
      clear(this.modelSpecific);
      return;
    }
    // Models without a prompt (upscale, trainers, avatar) keep the box but say it is not used.
    this.prompt.disabled = model.prompt === 'none';
    this.prompt.placeholder = model.prompt === 'none'
      ? l10n.t('{0} takes no prompt', model.label)
      : model.prompt === 'optional'
        ? l10n.t('Optional for this model')
        : l10n.t('Describe the image, or the edit to make (Ctrl+Enter runs)');
    renderModelFields(this.modelSpecific, model, {
      form: this.form,
      defaults: this.defaults,
      errors: this.errors,
      changed: () => this.actions.changed(),
      pickFile: (field) => this.actions.pickFile(model.id, field),
    });
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
    const label = model ? runLabel(model.kind, this.imageCount, count) : l10n.t('Generate');
    clear(this.runButton);
    this.runButton.append(icon(model?.kind === 'video' ? 'device-camera-video' : model?.kind === 'edit' ? 'edit' : 'sparkle'), h('span', {}, label));
  }
}

// The panel as a whole: lays out the four sections, keeps the form in webview state, and turns user actions into
// protocol messages. Everything it shows about jobs and files comes from the host.
import * as l10n from './l10n';
import type { FromWebview, GalleryItem, InputImage, Job, ToWebview } from '../shared/protocol';
import { MAX_DROPPED_FILE_BYTES } from '../shared/limits';
import type { Messenger } from '../shared/messenger';
import { Announcer } from './announcer';
import { h } from './dom';
import { buildRun, initialForm, restoreForm, type FormState } from './form';
import { shorten, stateWord } from './format';
import { GalleryView, type GalleryAction } from './galleryView';
import { InputsView } from './inputsView';
import { JobsView } from './jobsView';
import { RequestView } from './requestView';
import { saveState } from './vscodeApi';

type Init = Extract<ToWebview, { type: 'init' }>;

export class Studio {
  private readonly announcer = new Announcer();
  private readonly form: FormState;
  private readonly inputs: InputsView;
  private readonly request: RequestView;
  private readonly jobs: JobsView;
  private readonly gallery: GalleryView;

  constructor(
    root: HTMLElement,
    private readonly init: Init,
    savedForm: unknown,
    private readonly messenger: Messenger<FromWebview, ToWebview>,
  ) {
    this.form = restoreForm(savedForm, initialForm(init.models, init.defaults));
    this.inputs = new InputsView({
      pick: () => void this.requestInputs({ type: 'pickImages' }),
      addValues: (values) => void this.requestInputs({ type: 'addInputs', values }),
      addFiles: (files) => void this.addFiles(files),
      addUrl: (url) => void this.requestInputs({ type: 'addUrl', url }),
      changed: () => {
        this.request.setImageCount(this.inputs.count);
        this.persist();
        this.scheduleEstimate();
      },
    });
    this.request = new RequestView(init.models, init.defaults, this.form, {
      run: () => void this.run(),
      changed: () => {
        this.persist();
        this.scheduleEstimate();
      },
      pickFile: async (model, field) => {
        const reply = await this.messenger.request({ type: 'pickFile', model, field });
        if (reply.type === 'error') {
          this.announceError(reply.message);
          return undefined;
        }
        if (reply.type !== 'filesPicked') return undefined;
        if (reply.rejected.length) this.announceError(reply.rejected.map((r) => `${r.value}: ${r.reason}`).join(' '));
        return reply.files.length ? reply.files : undefined;
      },
    });
    this.jobs = new JobsView({
      cancel: (job) => void this.post({ type: 'cancelJob', jobId: job.id }, l10n.t('Stopped watching the {0} job. The API has no cancel: it may still finish and be billed.', job.model)),
      retry: (job) => void this.post({ type: 'retryJob', jobId: job.id }, l10n.t('Retrying the {0} job as a new, billed generation.', job.model)),
      resume: (job) => void this.post({ type: 'resumeJob', jobId: job.id }, l10n.t('Resuming the {0} job (no new charge).', job.model)),
      open: (uri) => void this.galleryAction('open', uri),
    });
    this.gallery = new GalleryView((action, item) => void this.onGalleryAction(action, item));

    root.removeAttribute('aria-busy');
    root.replaceChildren(
      h('div', { className: 'column' }, this.inputs.el, this.request.el),
      h('div', { className: 'column' }, this.jobs.el, this.gallery.el),
      this.announcer.el,
    );
    this.inputs.reset(init.inputs);
    this.request.setImageCount(this.inputs.count);
    this.jobs.update(init.jobs);
    this.gallery.update(init.gallery);
    this.persist();
    this.request.focusPrompt();
    this.scheduleEstimate();
  }

  private estimateTimer: ReturnType<typeof setTimeout> | undefined;
  private estimateRound = 0;

  /** Asks the host what the form would cost, once typing pauses; a stale answer is dropped. */
  private scheduleEstimate(): void {
    clearTimeout(this.estimateTimer);
    this.estimateTimer = setTimeout(() => void this.refreshEstimate(), 150);
  }

  private async refreshEstimate(): Promise<void> {
    const round = ++this.estimateRound;
    const model = this.request.selectedModel;
    const built = model ? buildRun(model, this.form, this.inputs.sources, this.init.defaults) : undefined;
    if (!built?.ok) {
      this.request.setEstimate('', '');
      return;
    }
    const reply = await this.messenger.request({ type: 'estimate', form: built.form });
    if (round !== this.estimateRound) return;
    if (reply.type === 'estimate') this.request.setEstimate(reply.text, reply.detail);
  }

  /** Messages the host sends on its own (not replies). */
  onMessage(body: ToWebview): void {
    switch (body.type) {
      case 'jobs':
        this.onJobs(body.jobs);
        break;
      case 'gallery':
        this.gallery.update(body.items);
        break;
      case 'inputsAdded':
        this.onInputs(body.inputs, body.rejected);
        break;
      case 'runResult':
        if (!body.ok) this.request.showErrors(body.fields ?? {}, body.message);
        if (!body.ok && body.fields?.images) this.inputs.showError(body.fields.images);
        break;
      case 'error':
        this.announceError(body.message);
        break;
      default:
        break;
    }
  }

  private onJobs(jobs: readonly Job[]): void {
    for (const job of this.jobs.update(jobs)) {
      const what = l10n.t('{0} job: {1}', job.model, stateWord(job.state));
      this.announcer.announce(job.state === 'failed' && job.error ? `${what}. ${job.error}` : what);
    }
  }

  private onInputs(inputs: readonly InputImage[], rejected: readonly { value: string; reason: string }[]): void {
    this.inputs.add(inputs, rejected);
    if (inputs.length) this.announcer.announce((inputs.length === 1 ? l10n.t('1 input image added.') : l10n.t('{0} input images added.', inputs.length)));
    if (rejected.length) this.announcer.announce((rejected.length === 1 ? l10n.t('1 input was not added: {0}', rejected[0]!.reason) : l10n.t('{0} inputs were not added: {1}', rejected.length, rejected[0]!.reason)));
  }

  private async requestInputs(message: FromWebview): Promise<void> {
    const reply = await this.messenger.request(message);
    if (reply.type === 'inputsAdded') this.onInputs(reply.inputs, reply.rejected);
    else if (reply.type === 'error') this.inputs.showError(reply.message);
  }

  private async addFiles(files: readonly File[]): Promise<void> {
    for (const file of files) {
      if (file.size > MAX_DROPPED_FILE_BYTES) {
        this.inputs.showError(l10n.t('{0} is larger than {1} MB: choose it with "Choose images…" instead.', file.name, MAX_DROPPED_FILE_BYTES / (1024 * 1024)));
        continue;
      }
      const data = await toBase64(file);
      await this.requestInputs({ type: 'addFileData', name: file.name.slice(0, 200), data });
    }
  }

  private async run(): Promise<void> {
    const model = this.request.selectedModel;
    if (!model) return;
    const built = buildRun(model, this.form, this.inputs.sources, this.init.defaults);
    this.inputs.showError('');
    if (!built.ok) {
      this.request.showErrors(built.errors, l10n.t('Fix the highlighted fields before running.'));
      if (built.errors.images) this.inputs.showError(built.errors.images);
      this.announcer.announce(l10n.t('Not sent: fix the highlighted fields.'));
      return;
    }
    this.request.clearErrors();
    this.request.setBusy(true);
    try {
      const reply = await this.messenger.request({ type: 'run', form: built.form });
      if (reply.type === 'runResult' && reply.ok) {
        this.request.afterRun();
        this.persist();
        this.request.setStatus(l10n.t('Started: follow it under Jobs.'));
        this.announcer.announce(l10n.t('Started {0}.', shorten(model.label, 40)));
      } else if (reply.type === 'runResult') {
        this.request.showErrors(reply.fields ?? {}, reply.message);
        if (reply.fields?.images) this.inputs.showError(reply.fields.images);
      } else if (reply.type === 'error') {
        this.request.showErrors({}, reply.message);
      }
    } finally {
      this.request.setBusy(false);
    }
  }

  private async onGalleryAction(action: GalleryAction, item: GalleryItem): Promise<void> {
    switch (action) {
      case 'useAsInput': {
        await this.requestInputs({ type: 'useAsInput', uri: item.uri });
        // An input only means something to a model that takes images: move from text-to-image to an edit model.
        const edit = this.init.models.find((m) => m.kind === 'edit');
        if (this.request.selectedModel?.images.max === 0 && edit) {
          this.request.selectModel(edit.id);
          this.announcer.announce(l10n.t('Model switched to {0} to edit {1}.', edit.label, item.name));
        }
        return;
      }
      case 'regenerateSame':
      case 'regenerateNew': {
        const reply = await this.messenger.request({ type: 'regenerate', uri: item.uri, seed: action === 'regenerateSame' ? 'same' : 'new' });
        if (reply.type === 'runResult' && reply.ok) this.announcer.announce(l10n.t('Regenerating {0}.', item.name));
        else if (reply.type === 'runResult' || reply.type === 'error') this.announceError(reply.message ?? l10n.t('Could not regenerate.'));
        return;
      }
      default:
        return this.galleryAction(action, item.uri);
    }
  }

  private async galleryAction(action: 'open' | 'reveal' | 'insert' | 'copyPath' | 'upscale', uri: string): Promise<void> {
    const done: Record<typeof action, string> = { open: '', reveal: '', insert: l10n.t('Reference inserted.'), copyPath: l10n.t('Path copied.'), upscale: '' };
    await this.post({ type: 'galleryAction', action, uri }, done[action]);
  }

  private async post(message: FromWebview, success: string): Promise<void> {
    const reply = await this.messenger.request(message);
    if (reply.type === 'error') this.announceError(reply.message);
    else if (reply.type === 'runResult' && !reply.ok) this.announceError(reply.message ?? l10n.t('The job could not be started.'));
    else if (success) this.announcer.announce(success);
  }

  private announceError(message: string): void {
    this.request.showErrors({}, message);
    this.announcer.announce(message);
  }

  private persist(): void {
    saveState({ version: 1, form: this.form, inputs: this.inputs.sources });
  }
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

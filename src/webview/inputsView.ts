// Input images: choose (host dialog), drop (explorer or OS), paste an https URL; reorder (image 1 is the main image
// for edits) and remove. Only sources are kept; the host describes and checks every one.
import * as l10n from './l10n';
import type { InputImage, RejectedInput } from '../shared/protocol';
import { button, clear, h, icon } from './dom';
import { droppedUris } from './dropData';
import { formatBytes } from './format';

export interface InputsActions {
  pick(): void;
  addValues(values: string[]): void;
  addFiles(files: File[]): void;
  addUrl(url: string): void;
  changed(): void;
}

export class InputsView {
  readonly el: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly error: HTMLElement;
  private readonly urlField: HTMLInputElement;
  private items: InputImage[] = [];

  constructor(private readonly actions: InputsActions) {
    this.list = h('ol', { className: 'inputs', 'aria-label': l10n.t('Input images') });
    this.error = h('div', { className: 'field-error', id: 'images-error', 'aria-live': 'polite' });
    this.urlField = h('input', {
      id: 'image-url',
      type: 'url',
      placeholder: 'https://…',
      autocomplete: 'off',
      spellcheck: 'false',
    });
    this.urlField.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.submitUrl();
      }
    });
    const dropzone = h(
      'div',
      { className: 'dropzone' },
      this.list,
      h('p', { className: 'drop-hint' }, icon('cloud-upload'), l10n.t(' Drop or paste images here (hold Shift while dragging from VS Code), or')),
      h(
        'div',
        { className: 'row' },
        button(l10n.t('Choose images…'), () => this.actions.pick(), { icon: 'folder-opened' }),
        h('label', { for: 'image-url', className: 'inline-label' }, l10n.t('Image URL')),
        this.urlField,
        button(l10n.t('Add URL'), () => this.submitUrl(), { icon: 'link' }),
      ),
    );
    this.wireDrop(dropzone);
    this.wirePaste(dropzone);
    this.el = h(
      'section',
      { className: 'card', 'aria-labelledby': 'inputs-heading' },
      h('h2', { id: 'inputs-heading' }, l10n.t('Input images')),
      h('p', { className: 'hint' }, l10n.t('Image 1 is the main image for edits. Local files are uploaded when a run starts.')),
      dropzone,
      this.error,
    );
    this.render();
  }

  get sources(): string[] {
    return this.items.map((i) => i.source);
  }

  get count(): number {
    return this.items.length;
  }

  add(inputs: readonly InputImage[], rejected: readonly RejectedInput[]): void {
    for (const input of inputs) {
      if (!this.items.some((i) => i.source === input.source)) this.items.push(input);
    }
    this.showError(rejected.length ? rejected.map((r) => `${shortName(r.value)}: ${r.reason}`).join(' ') : '');
    this.render();
    this.actions.changed();
  }

  /** Replaces the list (host re-described the inputs restored from state). */
  reset(inputs: readonly InputImage[]): void {
    this.items = [...inputs];
    this.render();
  }

  showError(message: string): void {
    this.error.textContent = message;
    this.list.toggleAttribute('aria-invalid', !!message);
  }

  private submitUrl(): void {
    const url = this.urlField.value.trim();
    if (!url) {
      this.showError(l10n.t('Paste a public https:// link to an image first.'));
      this.urlField.focus();
      return;
    }
    this.actions.addUrl(url);
    this.urlField.value = '';
  }

  private move(index: number, delta: number): void {
    const target = index + delta;
    if (target < 0 || target >= this.items.length) return;
    const [item] = this.items.splice(index, 1);
    this.items.splice(target, 0, item!);
    this.render();
    this.actions.changed();
    // Keep keyboard users on the control they used, now on the moved item.
    const buttons = this.list.children[target]?.querySelectorAll<HTMLButtonElement>('button');
    const again = delta < 0 ? buttons?.[0] : buttons?.[1];
    (again && !again.disabled ? again : buttons?.[2])?.focus();
  }

  private remove(index: number): void {
    this.items.splice(index, 1);
    this.render();
    this.actions.changed();
    const next = this.list.children[Math.min(index, this.items.length - 1)]?.querySelector<HTMLButtonElement>('button:last-of-type');
    (next ?? this.urlField).focus();
  }

  private render(): void {
    clear(this.list);
    this.list.hidden = this.items.length === 0;
    this.items.forEach((item, index) => {
      const n = index + 1;
      const meta = [
        item.width && item.height ? `${item.width} × ${item.height}` : undefined,
        item.size !== undefined ? formatBytes(item.size) : undefined,
        item.remote ? l10n.t('Public URL') : undefined,
      ].filter(Boolean);
      const thumb = item.thumbnail
        ? h('img', { src: item.thumbnail, alt: '', className: 'thumb', draggable: 'false' })
        : h('span', { className: 'thumb placeholder' }, icon(item.remote ? 'globe' : 'file-media'));
      this.list.append(
        h(
          'li',
          { className: 'input-item', 'data-source': item.source },
          thumb,
          h(
            'div',
            { className: 'input-text' },
            h('span', { className: 'badge' }, index === 0 ? l10n.t('Image {0} · main', n) : l10n.t('Image {0}', n)),
            h('span', { className: 'name', title: item.source }, item.name),
            h('span', { className: 'meta' }, meta.join(' · ')),
          ),
          h(
            'div',
            { className: 'item-actions' },
            button(l10n.t('Move image {0} up', n), () => this.move(index, -1), { icon: 'arrow-up', iconOnly: true, disabled: index === 0 }),
            button(l10n.t('Move image {0} down', n), () => this.move(index, 1), {
              icon: 'arrow-down',
              iconOnly: true,
              disabled: index === this.items.length - 1,
            }),
            button(l10n.t('Remove image {0}', n), () => this.remove(index), { icon: 'close', iconOnly: true }),
          ),
        ),
      );
    });
  }

  /** Pasting into the drop area works like dropping: an image from the clipboard, or an https link. */
  private wirePaste(zone: HTMLElement): void {
    zone.tabIndex = -1;
    zone.addEventListener('paste', (e) => {
      if (e.target === this.urlField || !e.clipboardData) return;
      const files = [...e.clipboardData.files].filter((f) => f.type.startsWith('image/'));
      const text = e.clipboardData.getData('text/plain').trim();
      if (files.length) this.actions.addFiles(files);
      else if (/^https:\/\/\S+$/i.test(text)) this.actions.addUrl(text);
      else return;
      e.preventDefault();
    });
  }

  private wireDrop(zone: HTMLElement): void {
    zone.addEventListener('dragover', (e) => {
      if (!e.dataTransfer) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('dragging');
      const data = e.dataTransfer;
      if (!data) return;
      const values = droppedUris(data);
      if (values.length) {
        this.actions.addValues(values);
        return;
      }
      // Files from the OS carry no path inside a webview: their bytes go to the host instead.
      const files = [...data.files];
      if (files.length) this.actions.addFiles(files);
      else this.showError(l10n.t('Nothing usable was dropped: drop image files or an https link.'));
    });
  }
}

function shortName(value: string): string {
  const last = value.split(/[\\/]/).filter(Boolean).pop() ?? value;
  return last.length > 60 ? `${last.slice(0, 59)}…` : last;
}

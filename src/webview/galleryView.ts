// The generated files of this workspace, newest first, with their recipes. Thumbnails can be dragged into an editor
// (the host's drop provider inserts the reference) or acted on with the buttons under each one.
import * as l10n from './l10n';
import type { GalleryItem } from '../shared/protocol';
import { GALLERY_DRAG_MIME, type GalleryDragData } from '../shared/dragData';
import { button, clear, h, icon } from './dom';
import { shorten } from './format';

export type GalleryAction = 'open' | 'reveal' | 'insert' | 'copyPath' | 'upscale' | 'useAsInput' | 'regenerateSame' | 'regenerateNew';

export class GalleryView {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLElement;
  private signature = '';

  constructor(private readonly act: (action: GalleryAction, item: GalleryItem) => void) {
    this.list = h('ul', { className: 'gallery', 'aria-label': l10n.t('Gallery') });
    this.empty = h('p', { className: 'hint empty' }, l10n.t('Generated files of this workspace appear here.'));
    this.el = h(
      'section',
      { className: 'card', 'aria-labelledby': 'gallery-heading' },
      h('h2', { id: 'gallery-heading' }, l10n.t('Gallery')),
      this.empty,
      this.list,
    );
  }

  update(items: readonly GalleryItem[]): void {
    const signature = JSON.stringify(items);
    if (signature === this.signature) return;
    this.signature = signature;
    // Keep the expanded recipes and the focused control across a refresh.
    const open = new Set([...this.list.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.dataset.uri));
    const focused = document.activeElement instanceof HTMLElement && this.list.contains(document.activeElement) ? focusKey(document.activeElement) : undefined;
    clear(this.list);
    for (const item of items) this.list.append(this.renderItem(item, open.has(item.uri)));
    this.empty.hidden = items.length > 0;
    if (focused) this.list.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
  }

  private renderItem(item: GalleryItem, recipeOpen: boolean): HTMLLIElement {
    const { recipe } = item;
    const preview = item.thumbnail
      ? item.media === 'video'
        ? h('video', { src: item.thumbnail, muted: true, preload: 'metadata', className: 'preview', 'aria-hidden': 'true' })
        : h('img', { src: item.thumbnail, alt: '', className: 'preview', loading: 'lazy', draggable: 'false' })
      : h('span', { className: 'preview placeholder' }, icon(item.media === 'video' ? 'device-camera-video' : 'file-media'));
    const openButton = h(
      'button',
      { type: 'button', className: 'thumb-button', draggable: 'true', title: l10n.t('Open {0} (drag into an editor to insert a reference)', item.name), 'data-focus-key': `${item.uri}#open` },
      preview,
      h('span', { className: 'visually-hidden' }, l10n.t('Open {0}', item.name)),
    );
    openButton.addEventListener('click', () => this.act('open', item));
    openButton.addEventListener('dragstart', (e) => {
      if (!e.dataTransfer) return;
      const data: GalleryDragData = { uri: item.uri };
      e.dataTransfer.setData(GALLERY_DRAG_MIME, JSON.stringify(data));
      e.dataTransfer.setData('text/plain', item.path);
      e.dataTransfer.effectAllowed = 'copy';
    });

    const actions = h('div', { className: 'item-actions' });
    const add = (label: string, action: GalleryAction, iconName: string) => {
      const b = button(label, () => this.act(action, item), { icon: iconName, iconOnly: true });
      b.dataset.focusKey = `${item.uri}#${action}`;
      actions.append(b);
    };
    add(l10n.t('Insert {0} into the editor', item.name), 'insert', 'insert');
    add(l10n.t('Reveal {0} in the Explorer', item.name), 'reveal', 'list-tree');
    add(l10n.t('Copy the path of {0}', item.name), 'copyPath', 'copy');
    if (item.media === 'image') add(l10n.t('Use {0} as input', item.name), 'useAsInput', 'arrow-circle-up');
    if (item.media === 'image') add(l10n.t('Upscale {0} with Pruna', item.name), 'upscale', 'zoom-in');
    if (recipe.seed !== undefined) add(l10n.t('Regenerate {0} with the same seed', item.name), 'regenerateSame', 'refresh');
    add(l10n.t('Regenerate {0} with a new seed', item.name), 'regenerateNew', 'sparkle');

    const params = Object.entries(recipe.params).filter(([k]) => k !== 'prompt' && k !== 'seed');
    const details = h(
      'details',
      { className: 'recipe', 'data-uri': item.uri },
      h('summary', {}, l10n.t('Recipe')),
      h(
        'dl',
        {},
        h('dt', {}, l10n.t('Prompt')),
        h('dd', {}, recipe.prompt),
        h('dt', {}, l10n.t('Model')),
        h('dd', {}, recipe.model),
        h('dt', {}, l10n.t('Seed')),
        h('dd', {}, recipe.seed !== undefined ? String(recipe.seed) : l10n.t('not recorded')),
        ...params.flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, shorten(typeof value === 'string' ? value : JSON.stringify(value), 200))]),
        h('dt', {}, l10n.t('Created')),
        h('dd', {}, new Date(recipe.createdAt).toLocaleString()),
      ),
    );
    details.open = recipeOpen;

    return h(
      'li',
      { className: 'gallery-item', 'data-uri': item.uri, title: `${recipe.prompt}\n${recipe.model}${recipe.seed !== undefined ? ` · ${l10n.t('seed {0}', recipe.seed)}` : ''}` },
      openButton,
      h('div', { className: 'caption' }, h('span', { className: 'name' }, item.name), h('span', { className: 'meta' }, item.path)),
      actions,
      details,
    );
  }
}

function focusKey(el: HTMLElement): string | undefined {
  return el.closest<HTMLElement>('[data-focus-key]')?.dataset.focusKey;
}

// The generated files of this workspace, newest first, with their recipes. Thumbnails can be dragged into an editor
// (the host's drop provider inserts the reference) or acted on with the buttons under each one.
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
    this.list = h('ul', { className: 'gallery', 'aria-label': 'Gallery' });
    this.empty = h('p', { className: 'hint empty' }, 'Generated files of this workspace appear here.');
    this.el = h(
      'section',
      { className: 'card', 'aria-labelledby': 'gallery-heading' },
      h('h2', { id: 'gallery-heading' }, 'Gallery'),
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
      { type: 'button', className: 'thumb-button', draggable: 'true', title: `Open ${item.name} (drag into an editor to insert a reference)`, 'data-focus-key': `${item.uri}#open` },
      preview,
      h('span', { className: 'visually-hidden' }, `Open ${item.name}`),
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
    add(`Insert ${item.name} into the editor`, 'insert', 'insert');
    add(`Reveal ${item.name} in the Explorer`, 'reveal', 'list-tree');
    add(`Copy the path of ${item.name}`, 'copyPath', 'copy');
    if (item.media === 'image') add(`Use ${item.name} as input`, 'useAsInput', 'arrow-circle-up');
    if (item.media === 'image') add(`Upscale ${item.name} with Pruna`, 'upscale', 'zoom-in');
    if (recipe.seed !== undefined) add(`Regenerate ${item.name} with the same seed`, 'regenerateSame', 'refresh');
    add(`Regenerate ${item.name} with a new seed`, 'regenerateNew', 'sparkle');

    const params = Object.entries(recipe.params).filter(([k]) => k !== 'prompt' && k !== 'seed');
    const details = h(
      'details',
      { className: 'recipe', 'data-uri': item.uri },
      h('summary', {}, 'Recipe'),
      h(
        'dl',
        {},
        h('dt', {}, 'Prompt'),
        h('dd', {}, recipe.prompt),
        h('dt', {}, 'Model'),
        h('dd', {}, recipe.model),
        h('dt', {}, 'Seed'),
        h('dd', {}, recipe.seed !== undefined ? String(recipe.seed) : 'not recorded'),
        ...params.flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, shorten(typeof value === 'string' ? value : JSON.stringify(value), 200))]),
        h('dt', {}, 'Created'),
        h('dd', {}, new Date(recipe.createdAt).toLocaleString()),
      ),
    );
    details.open = recipeOpen;

    return h(
      'li',
      { className: 'gallery-item', 'data-uri': item.uri, title: `${recipe.prompt}\n${recipe.model}${recipe.seed !== undefined ? ` · seed ${recipe.seed}` : ''}` },
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

// A tiny element builder: enough to keep the panel free of a UI framework and of innerHTML (no injection paths).

type Child = Node | string | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'className') {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A codicon glyph; hidden from screen readers because the control around it carries the name. */
export function icon(name: string, extra = ''): HTMLElement {
  return h('span', { className: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, 'aria-hidden': 'true' });
}

/** A button whose accessible name is its visible text (or, for icon-only buttons, its tooltip). */
export function button(label: string, onClick: () => void, opts: { icon?: string; iconOnly?: boolean; className?: string; disabled?: boolean } = {}): HTMLButtonElement {
  const el = h(
    'button',
    {
      type: 'button',
      className: `${opts.className ?? 'secondary'}${opts.iconOnly ? ' icon-only' : ''}`,
      title: opts.iconOnly ? label : undefined,
      'aria-label': opts.iconOnly ? label : undefined,
      disabled: opts.disabled,
    },
    opts.icon ? icon(opts.icon) : null,
    opts.iconOnly ? null : h('span', { className: 'label' }, label),
  );
  el.addEventListener('click', onClick);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

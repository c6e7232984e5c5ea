// Messages beside fields: one slot per field name, wired to its control with aria-describedby and aria-invalid, so
// a screen reader reads the problem with the field and the first wrong field can take focus.
import { h } from './dom';
import type { FieldErrors } from './form';

export class FieldErrorSlots {
  private readonly slots = new Map<string, { slot: HTMLElement; control?: HTMLElement }>();

  /** Creates the slot for a field (its id is "<name>-error") and links the control to it. */
  slot(name: string, control?: HTMLElement): HTMLElement {
    const slot = h('div', { className: 'field-error', id: `${name}-error` });
    if (control) control.setAttribute('aria-describedby', `${name}-error`);
    this.slots.set(name, control ? { slot, control } : { slot });
    return slot;
  }

  clear(name: string): void {
    const target = this.slots.get(name);
    if (!target) return;
    target.slot.textContent = '';
    target.control?.removeAttribute('aria-invalid');
  }

  clearAll(): void {
    for (const name of this.slots.keys()) this.clear(name);
  }

  /** Drops slots whose fields were removed from the page (the model changed). */
  forgetExcept(keep: readonly string[]): void {
    for (const name of [...this.slots.keys()]) if (!keep.includes(name)) this.slots.delete(name);
  }

  forget(name: string): void {
    this.slots.delete(name);
  }

  /** Shows each message beside its field; returns those with no field here and the first control to focus. */
  show(errors: FieldErrors): { unplaced: string[]; first?: HTMLElement } {
    this.clearAll();
    const unplaced: string[] = [];
    let first: HTMLElement | undefined;
    for (const [name, message] of Object.entries(errors)) {
      const target = this.slots.get(name);
      if (!target) {
        unplaced.push(`${name}: ${message}`);
        continue;
      }
      target.slot.textContent = message;
      target.control?.setAttribute('aria-invalid', 'true');
      first ??= target.control;
    }
    return first ? { unplaced, first } : { unplaced };
  }
}

/** A labelled field: label (its text is the control's accessible name), control, optional hint, error slot. */
export function field(id: string, label: string, control: HTMLElement, error: HTMLElement, hint?: string): HTMLElement {
  return h('div', { className: 'field' }, h('label', { for: id }, label), control, hint ? h('span', { className: 'hint' }, hint) : null, error);
}

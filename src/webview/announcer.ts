// One polite live region for status changes (job states, inputs added, run accepted) so screen readers hear them
// without focus moving.
export class Announcer {
  readonly el: HTMLElement;
  private flip = false;

  constructor() {
    this.el = document.createElement('div');
    this.el.className = 'visually-hidden';
    this.el.setAttribute('role', 'status');
    this.el.setAttribute('aria-live', 'polite');
  }

  announce(text: string): void {
    // Repeating the same sentence must still be read: alternate a trailing no-break space.
    this.flip = !this.flip;
    this.el.textContent = this.flip ? text : `${text}\u00a0`;
  }
}

// postMessage-based request/reply used on both sides of the panel. It never imports zod: the host validates what it
// receives before handing it here, and the webview trusts the host (the extension is the trusted side).
import type { Envelope } from './protocol';

type Pending<TIn> = { resolve: (body: TIn) => void; reject: (error: Error) => void };

export class Messenger<TOut, TIn> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<TIn>>();

  constructor(
    private readonly post: (envelope: Envelope<TOut>) => void,
    /** Handles a message that is not a reply; a returned body is sent back as the reply. */
    private readonly onMessage: (body: TIn, envelope: Envelope<TIn>) => Promise<TOut | undefined> | TOut | undefined,
  ) {}

  /** Sends a message that expects no answer. */
  send(body: TOut): void {
    this.post({ id: this.nextId++, body });
  }

  /** Sends a message and resolves with the other side's reply. */
  request(body: TOut): Promise<TIn> {
    const id = this.nextId++;
    return new Promise<TIn>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ id, body });
    });
  }

  reply(to: number, body: TOut): void {
    this.post({ id: this.nextId++, replyTo: to, body });
  }

  /** Feeds one received (already validated) envelope in. */
  async receive(envelope: Envelope<TIn>): Promise<void> {
    if (envelope.replyTo !== undefined) {
      const waiting = this.pending.get(envelope.replyTo);
      this.pending.delete(envelope.replyTo);
      waiting?.resolve(envelope.body);
      return;
    }
    const answer = await this.onMessage(envelope.body, envelope);
    if (answer !== undefined) this.reply(envelope.id, answer);
  }

  /** Rejects every request still waiting (the panel closed). */
  dispose(): void {
    for (const waiting of this.pending.values()) waiting.reject(new Error('The Studio panel was closed.'));
    this.pending.clear();
  }
}

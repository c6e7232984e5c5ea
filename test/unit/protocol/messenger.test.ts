import * as assert from 'node:assert/strict';
import { Messenger } from '../../../src/shared/messenger';
import type { Envelope } from '../../../src/shared/protocol';

type Msg = { type: string; n?: number };

/** Two messengers wired back to back, as host and webview are through postMessage. */
function pair(answer: (body: Msg) => Msg | undefined) {
  const sent: Envelope<Msg>[] = [];
  let b!: Messenger<Msg, Msg>;
  const a = new Messenger<Msg, Msg>(
    (env) => {
      sent.push(env);
      void b.receive(JSON.parse(JSON.stringify(env)));
    },
    () => undefined,
  );
  b = new Messenger<Msg, Msg>((env) => void a.receive(env), answer);
  return { a, b, sent };
}

describe('studio messenger', () => {
  it('resolves a request with the reply to that request', async () => {
    const { a } = pair((body) => ({ type: 'echo', n: (body.n ?? 0) * 2 }));
    const [first, second] = await Promise.all([a.request({ type: 'q', n: 1 }), a.request({ type: 'q', n: 5 })]);
    assert.deepEqual(first, { type: 'echo', n: 2 });
    assert.deepEqual(second, { type: 'echo', n: 10 });
  });

  it('gives every message its own id', async () => {
    const { a, sent } = pair(() => undefined);
    a.send({ type: 'x' });
    a.send({ type: 'y' });
    assert.notEqual(sent[0]!.id, sent[1]!.id);
    assert.equal(sent[0]!.replyTo, undefined);
  });

  it('rejects pending requests when disposed', async () => {
    const a = new Messenger<Msg, Msg>(() => undefined, () => undefined);
    const pending = a.request({ type: 'never answered' });
    a.dispose();
    await assert.rejects(pending, /closed/);
  });
});

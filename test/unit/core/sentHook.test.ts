import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { Transport, type SendRequest } from '../../../src/core/http/transport';

/** A server that holds every request until the test answers it, and records what it received. */
async function holdingServer() {
  const held: { req: IncomingMessage; res: ServerResponse; body: string }[] = [];
  let arrived: () => void = () => undefined;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      held.push({ req, res, body });
      arrived();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    /** Resolves once a request has fully arrived. */
    nextArrival: () => new Promise<void>((r) => (arrived = r)),
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

function post(url: string, events: string[], extra: Partial<SendRequest> = {}): SendRequest {
  return {
    method: 'POST',
    url: `${url}/v1/predictions`,
    apiKey: 'k',
    headers: { 'content-type': 'application/json' },
    body: '{"input":{"prompt":"x"}}',
    timeoutMs: 5000,
    followRedirects: false,
    attempt: 1,
    onSent: () => events.push('sent'),
    onDone: () => events.push('done'),
    ...extra,
  };
}

describe('transport: knowing when a request was written', () => {
  for (const withAgent of [false, true]) {
    it(`reports the write before the answer${withAgent ? ' through a dispatcher passed in' : ''}, sending the body as one sized request`, async () => {
      const server = await holdingServer();
      const agent = withAgent ? new Agent() : undefined;
      try {
        const transport = new Transport({ apiOrigin: () => server.url, now: Date.now, ...(agent ? { dispatcher: agent } : {}) });
        const events: string[] = [];
        const arrival = server.nextArrival();
        const answered = transport.send(post(server.url, events));
        await arrival;
        assert.deepEqual(events, ['sent'], 'written, not yet answered');
        const { req, res, body } = server.held[0]!;
        assert.equal(body, '{"input":{"prompt":"x"}}');
        assert.equal(req.headers['content-length'], String(body.length));
        assert.equal(req.headers['transfer-encoding'], undefined);
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"p1"}');
        const sent = await answered;
        assert.equal(sent.status, 201);
        assert.equal(await sent.body.text(), '{"id":"p1"}');
        assert.equal(events[1], 'done');
      } finally {
        await agent?.close();
        await server.close();
      }
    });
  }

  it('logs a request that asked to wait for its body once, naming the prediction the caller read', async () => {
    const server = await holdingServer();
    try {
      const log: unknown[] = [];
      const transport = new Transport({ apiOrigin: () => server.url, now: Date.now, onRequest: (e) => log.push(e) });
      const arrival = server.nextArrival();
      const answered = transport.send(post(server.url, [], { logAfterBody: true }));
      await arrival;
      server.held[0]!.res.writeHead(201).end('{"id":"p1"}');
      const sent = await answered;
      assert.equal(log.length, 0, 'nothing logged before the body was read');
      sent.logged?.('p1');
      sent.logged?.('p1');
      assert.equal(log.length, 1);
      assert.deepEqual(
        [(log[0] as { method: string }).method, (log[0] as { status: number }).status, (log[0] as { predictionId: string }).predictionId],
        ['POST', 201, 'p1'],
      );
    } finally {
      await server.close();
    }
  });
});

// Helpers for the core suites: a simulator per suite, a client/engine wired to it, temp files and a bare HTTP
// server that records what reached it (to prove the key never goes anywhere but the API origin).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobEngine, PrunaClient, realSleep, type ClientOptions, type EngineOptions } from '../../../src/core';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/index';

export const KEY = 'test-key';

const ALL_DEFAULTS: Record<keyof SimulatorOptions, undefined> = {
  apiKeys: undefined,
  timeScale: undefined,
  latencyMs: undefined,
  syncWindowMs: undefined,
  successStatus: undefined,
  generationUrlStyle: undefined,
  deliveryBaseUrl: undefined,
  deliveryRequiresKey: undefined,
  uploadTtlMs: undefined,
  outputTtlMs: undefined,
  predictionTtlMs: undefined,
  rateLimitPerMinute: undefined,
  rateWindowMs: undefined,
  pollIntervalHeader: undefined,
  maxUploadBytes: undefined,
  tls: undefined,
  hfTokens: undefined,
};

/** Starts a simulator (instant, unless told otherwise) before the suite; resets it before each test. */
export function useSimulator(options: SimulatorOptions = {}): () => Simulator {
  let sim: Simulator | undefined;
  before(async () => {
    sim = await startSimulator({ timeScale: 0, syncWindowMs: 2000, ...options });
  });
  beforeEach(() => {
    sim?.reset();
    // Every option back to its default (undefined means default), then the suite's own.
    sim?.setOptions({ ...ALL_DEFAULTS, timeScale: 0, syncWindowMs: 2000, ...options });
  });
  after(async () => {
    await sim?.close();
  });
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}

/** Sleeps compressed 50x: model poll intervals (1-3 s) become tens of ms without changing engine code. */
export const fastSleep: NonNullable<ClientOptions['sleep']> = (ms, signal) => realSleep(ms / 50, signal);

export function makeClient(sim: Simulator, overrides: Partial<ClientOptions> = {}): PrunaClient {
  return new PrunaClient({
    baseUrl: sim.url,
    getApiKey: () => Promise.resolve(KEY),
    sleep: fastSleep,
    random: () => 0.5,
    ...overrides,
  });
}

/** A clock that runs 50x fast, consistent with fastSleep (the engine schedules polls on absolute times). */
export function fastNow(): () => number {
  const start = Date.now();
  return () => start + (Date.now() - start) * 50;
}

/**
 * An engine clock that moves only when the engine sleeps (each sleep also waits `realMsPerSleep` wall milliseconds, so
 * the simulator's real-time jobs progress): waits and the status requests' times on it are exact, whatever the load.
 */
export function fakeClock(realMsPerSleep = 2) {
  let now = 1_000_000;
  const sleeps: number[] = [];
  const statusAt: number[] = [];
  return {
    sleeps,
    statusAt,
    now: () => now,
    sleep: (ms: number, signal?: AbortSignal) => {
      sleeps.push(ms);
      now += ms;
      return realSleep(realMsPerSleep, signal);
    },
    onRequest: (e: { path: string }) => {
      if (e.path.startsWith('/v1/predictions/status/')) statusAt.push(now);
    },
  };
}

export function makeEngine(client: PrunaClient, tempDir: string, overrides: Partial<EngineOptions> = {}): JobEngine {
  return new JobEngine({ client, tempDir, sleep: fastSleep, now: fastNow(), ...overrides });
}

/** A temp folder removed after the suite. */
export function useTempDir(): () => string {
  let dir: string | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pruna-core-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error('temp dir not created');
    return dir;
  };
}

/** A tiny valid-looking PNG (signature + IHDR), enough for type sniffing on both sides. */
export function pngBytes(extra = 0, width = 64, height = 64): Buffer {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'ascii');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr[16] = 8;
  ihdr[17] = 2;
  return Buffer.concat([sig, ihdr, Buffer.alloc(extra, 7)]);
}

export function writeFile(dir: string, name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** A bare HTTP server on 127.0.0.1:0 that records every request and answers with `respond`. */
export async function startRecorder(
  respond: (req: SeenRequest) => { status: number; headers?: Record<string, string>; body?: Buffer | string } = () => ({
    status: 200,
    headers: { 'content-type': 'image/png' },
    body: pngBytes(),
  }),
): Promise<{ url: string; seen: SeenRequest[]; close: () => Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const record = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    seen.push(record);
    req.resume();
    req.on('end', () => {
      const answer = respond(record);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POSTs to /v1/predictions the simulator received. */
export function predictionPosts(sim: Simulator): number {
  return sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').length;
}

/** Rejects with the thrown value so tests can assert on a PrunaError. */
export async function caught(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the promise to reject');
}

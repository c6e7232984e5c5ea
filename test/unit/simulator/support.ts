// Shared helpers for the simulator's own tests: start/stop per suite and terse HTTP calls over real sockets.
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/index';

export const KEY = 'test-key';

/** Starts a simulator before the suite and closes it after; call inside describe(). */
export function useSimulator(options: SimulatorOptions = {}): () => Simulator {
  let sim: Simulator | undefined;
  before(async () => {
    sim = await startSimulator({ timeScale: 0, ...options });
  });
  after(async () => {
    await sim?.close();
  });
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function asJson<T = any>(res: Response): Promise<JsonResponse<T>> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

export function submit(
  sim: Simulator,
  model: string | undefined,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const all: Record<string, string> = { apikey: KEY, 'content-type': 'application/json', ...headers };
  if (model !== undefined) all['model'] = model;
  return fetch(`${sim.url}/v1/predictions`, {
    method: 'POST',
    headers: all,
    body: typeof input === 'string' ? input : JSON.stringify({ input }),
  }).then((r) => asJson(r));
}

export function getStatus(sim: Simulator, id: string, headers: Record<string, string> = { apikey: KEY }): Promise<JsonResponse> {
  return fetch(`${sim.url}/v1/predictions/status/${id}`, { headers }).then((r) => asJson(r));
}

export async function download(sim: Simulator, generationUrl: string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(generationUrl, sim.url), { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Submits with Try-Sync at timeScale 0 and returns the generation_url. */
export async function generate(sim: Simulator, model: string, input: Record<string, unknown>): Promise<string> {
  const res = await submit(sim, model, input, { 'try-sync': 'true' });
  if (res.body?.status !== 'succeeded') throw new Error(`generation did not succeed: ${JSON.stringify(res.body)}`);
  return res.body.generation_url as string;
}

export function upload(sim: Simulator, bytes: Buffer, name = 'photo.png', type = 'image/png', part = 'content', headers: Record<string, string> = { apikey: KEY }) {
  const form = new FormData();
  form.append(part, new Blob([new Uint8Array(bytes)], { type }), name);
  return fetch(`${sim.url}/v1/files`, { method: 'POST', headers, body: form }).then((r) => asJson(r));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until the status is terminal, returning every status seen in order. */
export async function pollToEnd(sim: Simulator, id: string): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const res = await getStatus(sim, id);
    seen.push(res.body.status);
    if (['succeeded', 'failed', 'canceled'].includes(res.body.status)) return seen;
    await sleep(5);
  }
}

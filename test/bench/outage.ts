// Bench part "outage": jobs submitted, then a sustained status outage (30 s of mixed 502/503, resets, held requests
// and a 429 with Retry-After) while they run. Measures how many were saved (target 100 %), how many POSTs were sent
// beyond one per job (target 0), and the shortest gap between two polls of one prediction (floor 500 ms for images,
// 1500 ms for video).
import { JobEngine, PrunaClient } from '../../src/core';
import { startSimulator } from '../simulator/index';
import type { BenchPart } from './part';

const KEY = 'bench-key';
const STATUS = '/v1/predictions/status/';

export const outagePart: BenchPart = {
  name: 'outage',
  async run({ tmp, quick }) {
    const outageMs = quick ? 10_000 : 30_000;
    const sim = await startSimulator({
      apiKeys: [KEY],
      timeScale: 1,
      latencyMs: { 'p-image': { starting: 1_000, processing: 2_000 }, 'p-video': { starting: 2_000, processing: 4_000 } },
    });
    try {
      const client = new PrunaClient({ baseUrl: sim.url, getApiKey: () => Promise.resolve(KEY), requestTimeoutMs: 5_000 });
      const engine = new JobEngine({ client, tempDir: tmp, syncMode: 'never', maxConcurrent: 40 });
      const jobs = quick ? 10 : 20;
      const started = performance.now();
      const runs = Array.from({ length: jobs }, (_, i) =>
        engine.run({ model: i % 2 ? 'p-video' : 'p-image', input: { prompt: `outage ${i}`, seed: i + 1 } }).then(
          () => true,
          () => false,
        ),
      );
      // The outage starts once every job has its prediction (the POSTs themselves are not what is measured).
      while (sim.requests.filter((r) => r.method === 'POST' && r.status !== 0).length < jobs) await new Promise((r) => setTimeout(r, 20));
      sim.inject({
        path: STATUS,
        forMs: outageMs,
        fault: {
          kind: 'cycle',
          faults: [
            { kind: 'status', code: 502, body: 'text' },
            { kind: 'reset' },
            { kind: 'status', code: 503, body: 'kong' },
            { kind: 'hold', ms: 8_000 },
            { kind: 'status', code: 429, headers: { 'Retry-After': '10' } },
            { kind: 'status', code: 500 },
          ],
        },
      });
      const saved = (await Promise.all(runs)).filter(Boolean).length;
      const ms = performance.now() - started;
      const posts = sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').length;
      const byId = new Map<string, number[]>();
      for (const r of sim.requests) {
        if (!r.path.startsWith(STATUS)) continue;
        const id = r.path.slice(STATUS.length);
        byId.set(id, [...(byId.get(id) ?? []), r.at]);
      }
      let minGap = Infinity;
      for (const times of byId.values()) for (let i = 1; i < times.length; i++) minGap = Math.min(minGap, times[i]! - times[i - 1]!);
      const ratio = saved / jobs;
      return {
        rows: [
          ['outageJobsSavedRatio', `${saved}/${jobs} saved under a ${outageMs / 1000} s status outage (${Math.round(ms / 1000)} s)`, '= 1'],
          ['outageExtraPosts', `${posts - jobs}`, '= 0'],
          ['outageMinPollGapMs', `${minGap}`, '>= 500'],
        ],
        json: { outageJobsSavedRatio: ratio, outageExtraPosts: posts - jobs, outageMinPollGapMs: minGap, outageSeconds: outageMs / 1000 },
      };
    } finally {
      await sim.close();
    }
  },
};

// Bench part "detectors" (issue 10): the worst time of any detector on the adversarial corpus (the bombs,
// generated nesting and repetition bombs, random bytes, 1 MB real files), the 129-byte selector bomb on its own, and
// scan throughput in MB/s on real files. Each figure is the best of a few runs (the machine's noise only adds).
import { scanDocument } from '../../src/core/placeholders/find';
import { adversarialCorpus, realCorpus } from '../unit/placeholders/adversarial-corpus';

type Row = [metric: string, measured: string, target: string];

const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

function bestOf(runs: number, scan: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    scan();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export function detectorsPart(quick: boolean): { rows: Row[]; json: Record<string, number> } {
  const runs = quick ? 1 : 3;
  let worst = { ms: 0, name: '' };
  let bombMs = 0;
  for (const c of adversarialCorpus()) {
    for (const language of c.languages) {
      const ms = bestOf(runs, () => scanDocument(c.text, language));
      if (c.budgetMs === 20) bombMs = Math.max(bombMs, ms);
      if (ms > worst.ms) worst = { ms, name: `${c.name} as ${language}` };
    }
  }
  let bytes = 0;
  let ms = 0;
  for (const c of realCorpus()) {
    for (const language of c.languages) {
      bytes += Buffer.byteLength(c.text);
      ms += bestOf(runs + 2, () => scanDocument(c.text, language));
    }
  }
  const throughput = bytes / 1e6 / (ms / 1000);
  return {
    rows: [
      ['detectorWorstMs', `${round(worst.ms)} (${worst.name})`, '< 200'],
      ['detectorSelectorBombMs', `${round(bombMs, 2)} (a,b,c,d{ x12, 129 bytes, every stylesheet dialect and <style>)`, '< 20'],
      ['detectorThroughputMBps', `${round(throughput)} (real Markdown, CSS, JS, HTML files, ${round(bytes / 1e6)} MB scanned)`, 'info'],
    ],
    json: { detectorWorstMs: round(worst.ms), detectorSelectorBombMs: round(bombMs, 2), detectorThroughputMBps: round(throughput) },
  };
}

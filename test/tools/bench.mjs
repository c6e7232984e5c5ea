// `npm run bench`: builds the test bundles and runs the core benchmark against the P-API simulator. Each part runs
// in a fresh process (one part's garbage, sockets and JIT state must not be measured in the next one), then one
// table is printed and, as the last line, one JSON object with every measured number (see test/bench/bench.ts).
// Extra arguments go to every part (e.g. --quick); `--only=<parts>` runs those parts in one process, unmerged.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PARTS = ['upload', 'overhead', 'detect', 'batch', 'plan', 'detectors', 'imaging', 'activation'];
const bench = join('out', 'test', 'bench', 'bench.js');
/** Parts with a runner of their own: activation starts real extension hosts (see test/bench/activation.mjs). */
const RUNNERS = { activation: join('test', 'bench', 'activation.mjs') };
const command = (part) => (RUNNERS[part] ? [RUNNERS[part]] : ['--expose-gc', bench, `--only=${part}`]);
const extra = process.argv.slice(2);

const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const only = extra.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only !== undefined && RUNNERS[only]) {
  const run = spawnSync(process.execPath, [RUNNERS[only], ...extra.filter((a) => !a.startsWith('--only='))], { cwd: root, stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
if (only !== undefined) {
  const run = spawnSync(process.execPath, ['--expose-gc', bench, ...extra], { cwd: root, stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const rows = [];
const json = {};
for (const part of PARTS) {
  const run = spawnSync(process.execPath, [...command(part), '--part-result', ...extra], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('BENCH_PART '));
  if (run.status !== 0 || !line) {
    process.stdout.write(run.stdout);
    console.error(`bench: the ${part} part failed (exit ${run.status ?? run.signal}).`);
    process.exit(1);
  }
  const result = JSON.parse(line.slice('BENCH_PART '.length));
  rows.push(...result.rows);
  Object.assign(json, result.json);
}
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`${'metric'.padEnd(w0)}  ${'measured'.padEnd(w1)}  target`);
for (const [k, v, t] of rows) console.log(`${k.padEnd(w0)}  ${v.padEnd(w1)}  ${t}`);
console.log(JSON.stringify(json));

// `npm run bench -- --only=activation`: cold load + activate() of the production bundle in the real extension host.
// Builds dist/ with --production (minified, as shipped), then starts a fresh code-server + headless Chromium per run
// with test/bench/activationHost.ts as the extension tests entry: the first thing that touches the extension in that
// new extension host process is the measured activate() call. Prints the table rows and, with --part-result, one
// BENCH_PART line for test/tools/bench.mjs. Runs: 4 (1 with --quick, or --runs=N); the median is reported. After
// activation each run times the first code-action request and the first command; runs alternate which comes first
// (the first one pays for loading what activation left unloaded), and both orders are reported.
// --extension=<dir> measures another build of the extension (a folder with package.json and dist/, e.g. an older
// commit's production build) with this checkout's host entry: run it alternately with this checkout for an A/B on a
// shared machine (--json prints one JSON line per run for that; --first=command|codeAction fixes the order).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../tools/lib/browser.mjs';
import { startCodeServer, workbenchUrl } from '../tools/lib/code-server.mjs';
import { findRepoRoot } from '../tools/lib/paths.mjs';

const TARGET_MS = 30;
const root = findRepoRoot();
const args = new Set(process.argv.slice(2));
const option = (name) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const runs = Number(option('runs') ?? (args.has('--quick') ? 1 : 4));
const extensionPath = option('extension') ?? root;

// --no-build measures whatever dist/ holds (e.g. an older bundle copied there for a before/after comparison).
if (!args.has('--no-build') && extensionPath === root) {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const hostEntry = join(root, 'out', 'test', 'bench', 'activationHost.js');
if (!existsSync(hostEntry)) {
  console.error(`activation bench: ${hostEntry} is missing (node esbuild.mjs --tests builds it)`);
  process.exit(1);
}

async function oneRun(index) {
  const dir = mkdtempSync(join(tmpdir(), 'pruna-bench-activation-'));
  const resultsPath = join(dir, 'result.json');
  writeFileSync(join(dir, 'README.md'), '# activation bench\n');
  writeFileSync(join(dir, 'page.md'), '# A page\n\n![a lighthouse at dusk](img/missing.png)\n');
  const first = option('first') ?? (index % 2 === 1 ? 'codeAction' : 'command');
  const server = await startCodeServer({ logPath: join(dir, 'code-server.log'), env: { PRUNA_BENCH_RESULTS: resultsPath, PRUNA_BENCH_FIRST: first } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', () => {});
    await page.goto(workbenchUrl(server.url, { folder: dir, extensionDevelopmentPath: extensionPath, extensionTestsPath: hostEntry }));
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 120_000));
    const code = await Promise.race([done, timeout]);
    if (!existsSync(resultsPath)) throw new Error(`run ${index}: no result (exit ${code}); see ${server.logTail(20)}`);
    const result = JSON.parse(readFileSync(resultsPath, 'utf8'));
    if (result.error) throw new Error(`run ${index}: ${result.error}`);
    return result;
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const results = [];
for (let i = 1; i <= runs; i++) results.push(await oneRun(i));
const total = median(results.map((r) => r.totalMs));
const cpu = median(results.map((r) => r.cpuMs));
const loads = results.map((r) => r.loadMs).filter((x) => typeof x === 'number');
const load = loads.length ? median(loads) : undefined;
const bytes = statSync(join(extensionPath, 'dist', 'extension.js')).size;
const round = (x) => Math.round(x * 10) / 10;
// First and second use, by kind and position: medians over the runs that had them.
const use = (position, name, key) => {
  const xs = results.map((r) => r[position]).filter((u) => u?.name === name).map((u) => u[key]);
  return xs.length ? round(median(xs)) : null;
};
const uses = {};
for (const name of ['codeAction', 'command']) {
  for (const position of ['firstUse', 'secondUse']) {
    uses[`${name}${position === 'firstUse' ? 'First' : 'AfterOther'}Ms`] = use(position, name, 'ms');
    uses[`${name}${position === 'firstUse' ? 'First' : 'AfterOther'}CpuMs`] = use(position, name, 'cpuMs');
  }
}
const useRow = (name, label) => [`${name}FirstMs`, `${uses[`${name}FirstMs`] ?? '?'} wall / ${uses[`${name}FirstCpuMs`] ?? '?'} CPU ` +
  `(${label} right after activation; after the other use: ${uses[`${name}AfterOtherMs`] ?? '?'} / ${uses[`${name}AfterOtherCpuMs`] ?? '?'})`, 'info'];
const elsewhereMs = round(median(results.map((r) => r.codeActionElsewhere?.ms ?? NaN)));
const elsewhereCpuMs = round(median(results.map((r) => r.codeActionElsewhere?.cpuMs ?? NaN)));
const rows = [
  ['activationColdMs', `${round(total)} (median of ${runs} fresh hosts: ${results.map((r) => round(r.totalMs)).join(', ')}; ` +
    `load ${load === undefined ? '?' : round(load)}, activate ${load === undefined ? '?' : round(total - load)}; ${results[0].node}; ` +
    `1-min load average ${results.map((r) => round(r.loadAverage)).join(', ')} on ${cpus().length} cores)`, `<= ${TARGET_MS}`],
  ['activationColdCpuMs', `${round(cpu)} (process CPU time over the same window: ${results.map((r) => round(r.cpuMs)).join(', ')})`, 'info'],
  ['codeActionElsewhereMs', `${elsewhereMs} wall / ${elsewhereCpuMs} CPU (a code-action request away from any image, right after activation; ` +
    `every Markdown provider answers; dist/main.js loaded by it: ${results.map((r) => r.mainLoadedByElsewhere ?? '?').join(', ')})`, 'info'],
  useRow('codeAction', 'first code-action request on a missing image'),
  useRow('command', 'first command, pruna.setApiKey {key}'),
  ['extensionBundleBytes', `${bytes} (the activation entry)`, '<= 50000'],
];
if (results.some((r) => r.lightbulb === false)) console.error('activation bench: a run got no "Generate placeholder with Pruna" action');
if (results.some((r) => r.codeActionAttempts > 1)) console.error('activation bench: a code-action request was canceled and asked again (the time includes both)');
const json = { activationColdMs: round(total), activationColdCpuMs: round(cpu), activationLoadMs: load === undefined ? null : round(load), ...uses, codeActionElsewhereMs: elsewhereMs, codeActionElsewhereCpuMs: elsewhereCpuMs, extensionBundleBytes: bytes };
if (args.has('--json')) for (const r of results) console.log(`BENCH_RUN ${JSON.stringify({ extension: extensionPath, ...r })}`);
if (args.has('--part-result')) console.log(`BENCH_PART ${JSON.stringify({ rows, json })}`);
else {
  for (const [k, v, t] of rows) console.log(`${k}  ${v}  ${t}`);
  console.log(JSON.stringify(json));
}

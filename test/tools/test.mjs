// npm test: type-check, build, then the unit, integration (real VS Code host) and e2e (browser) layers.
// Flags: --unit / --integration / --e2e (only those layers), --grep <re> (mocha grep in every layer).
// Closing line: "N passed, N failed (unit a/b, integration c/d, e2e e/f)"; exit 1 on any failure, on a layer that
// could not run, or on a layer with test files that ran none.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { e2eLayer, integrationLayer, unitLayer } from './lib/layers.mjs';
import { findRepoRoot, newRunDir } from './lib/paths.mjs';

const LAYERS = { unit: unitLayer, integration: integrationLayer, e2e: e2eLayer };

function parseArgs(argv) {
  const chosen = [];
  let grep;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--grep') {
      grep = argv[++i];
      if (!grep) fail('--grep needs a regular expression, e.g. --grep "saves under a new name"');
      try {
        new RegExp(grep);
      } catch (err) {
        fail(`--grep ${JSON.stringify(grep)} is not a valid regular expression: ${err.message}`);
      }
    } else if (arg.startsWith('--') && Object.hasOwn(LAYERS, arg.slice(2))) chosen.push(arg.slice(2));
    else fail(`unknown argument "${arg}"; use --unit, --integration, --e2e and/or --grep <re>`);
  }
  return { layers: chosen.length ? Object.keys(LAYERS).filter((l) => chosen.includes(l)) : Object.keys(LAYERS), grep };
}

function fail(message) {
  console.error(`test.mjs: ${message}`);
  process.exit(2);
}

function step(title, command, args, root) {
  const t0 = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds} s`);
  return result.status === 0;
}

const { layers, grep } = parseArgs(process.argv.slice(2));
const root = findRepoRoot();
const artifacts = newRunDir(root);
const started = Date.now();

// A type error fails the run, but the tests still run (esbuild does not type-check), so one broken file in a
// shared checkout does not hide every other result.
const typesOk = step('type-check', process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.'], root);
if (!step('build', process.execPath, ['esbuild.mjs', '--tests'], root)) {
  console.log('\nthe build failed: no tests were run');
  process.exit(1);
}

const outcomes = [];
for (const name of layers) {
  console.log(`\n===== ${name} =====`);
  const t0 = Date.now();
  let result;
  try {
    result = await LAYERS[name]({ root, artifacts, grep });
  } catch (err) {
    result = { passed: 0, failed: 0, pending: 0, failures: [], sourceFiles: 0, error: err.stack ?? String(err) };
  }
  outcomes.push({ name, ms: Date.now() - t0, ...result });
}

console.log('\n===== summary =====');
const problems = typesOk ? [] : ['type-check failed (errors above)'];
for (const o of outcomes) {
  const pending = o.pending ? `, ${o.pending} pending` : '';
  console.log(`${o.name}: ${o.passed} passed, ${o.failed} failed${pending} in ${(o.ms / 1000).toFixed(1)} s` +
    (o.sourceFiles === 0 && !o.error ? ' (no test files)' : ''));
  for (const f of o.failures) console.log(`  FAILED ${o.name}: ${f.title}\n    ${f.error.split('\n').slice(0, 6).join('\n    ')}`);
  if (o.error) problems.push(`${o.name} could not run: ${o.error}`);
  else if (o.failed > 0) problems.push(`${o.name}: ${o.failed} failed`);
  else if (o.sourceFiles > 0 && o.passed + o.failed === 0 && !grep) problems.push(`${o.name}: test files ran no test`);
}
const total = outcomes.reduce((n, o) => n + o.passed + o.failed, 0);
if (total === 0) problems.push(grep ? `--grep ${JSON.stringify(grep)} matched no test in any layer` : 'no test ran');
for (const p of problems) console.log(`PROBLEM: ${p}`);
console.log(`total wall time ${((Date.now() - started) / 1000).toFixed(1)} s; logs and results in ${artifacts}`);
const passed = outcomes.reduce((n, o) => n + o.passed, 0);
// A red run never closes on "0 failed": a failed type-check, a layer that could not run or ran nothing counts as one.
const failedTests = outcomes.reduce((n, o) => n + o.failed, 0);
const otherProblems = problems.length - outcomes.filter((o) => !o.error && o.failed > 0).length;
const breakdown = outcomes.map((o) => `${o.name} ${o.passed}/${o.failed}${o.error ? ' could not run' : ''}`);
if (!typesOk) breakdown.push('type-check failed');
console.log(`${passed} passed, ${failedTests + otherProblems} failed (${breakdown.join(', ')})`);
process.exit(problems.length > 0 ? 1 : 0);

// The three test layers as test.mjs runs them; each returns counts, or an error when it could not run at all.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHost } from './code-server.mjs';
import { runIntegrationHost } from './integration.mjs';

/** Every *.test.<ext> below dir, sorted by path (the order mocha runs them in). */
export function findTests(dir, ext) {
  if (!existsSync(dir)) return [];
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const full = join(d, e.name);
    if (e.isDirectory()) return walk(full);
    return e.name.endsWith(`.test.${ext}`) ? [full] : [];
  });
  return walk(dir).sort();
}

const empty = () => ({ passed: 0, failed: 0, pending: 0, failures: [] });

function runMochaChild({ root, artifacts, name, files, timeoutMs, grep, env }) {
  const resultsPath = join(artifacts, `${name}-results.json`);
  rmSync(resultsPath, { force: true });
  const child = fileURLToPath(new URL('./mocha-child.mjs', import.meta.url));
  const args = [child, resultsPath, String(timeoutMs), ...(grep ? ['--grep', grep] : []), ...files];
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    proc.on('exit', (code, signal) => {
      if (!existsSync(resultsPath)) {
        resolve({ ...empty(), error: `mocha stopped before reporting (exit ${code ?? signal})` });
        return;
      }
      const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
      const error = code !== 0 && results.failed === 0 ? `mocha exited with ${code ?? signal}` : undefined;
      resolve({ ...results, ...(error ? { error } : {}) });
    });
  });
}

/** Source test files exist but nothing was built from them: a build problem, not "no tests". */
function missingBuild(root, sourceDir, files) {
  const sources = findTests(join(root, sourceDir), 'ts');
  if (sources.length > 0 && files.length === 0) {
    return { ...empty(), error: `${sources.length} test file(s) in ${sourceDir} but none built into out/` };
  }
  return undefined;
}

export async function unitLayer({ root, artifacts, grep }) {
  const files = findTests(join(root, 'out', 'test', 'unit'), 'js');
  const missing = missingBuild(root, 'test/unit', files);
  if (missing || files.length === 0) return { ...(missing ?? empty()), sourceFiles: 0 };
  const result = await runMochaChild({ root, artifacts, name: 'unit', files, timeoutMs: 10_000, grep });
  return { ...result, sourceFiles: files.length };
}

export async function e2eLayer({ root, artifacts, grep }) {
  const files = findTests(join(root, 'out', 'test', 'e2e'), 'js');
  const missing = missingBuild(root, 'test/e2e', files);
  if (missing || files.length === 0) return { ...(missing ?? empty()), sourceFiles: 0 };
  try {
    ensureHost();
  } catch (err) {
    return { ...empty(), sourceFiles: files.length, error: err.message };
  }
  // Each e2e test starts a whole workbench, which takes 10-20 s on two cores.
  const result = await runMochaChild({ root, artifacts, name: 'e2e', files, timeoutMs: 120_000, grep,
    env: { PRUNA_TEST_LOGS: artifacts } });
  return { ...result, sourceFiles: files.length };
}

export async function integrationLayer({ root, artifacts, grep }) {
  const all = findTests(join(root, 'out', 'test', 'integration'), 'js');
  const missing = missingBuild(root, 'test/integration', all);
  if (missing || all.length === 0) return { ...(missing ?? empty()), sourceFiles: 0 };
  try {
    ensureHost();
  } catch (err) {
    return { ...empty(), sourceFiles: all.length, error: err.message };
  }
  const inDir = (dir) => all.filter((f) => relative(join(root, 'out', 'test', 'integration'), f).startsWith(dir));
  const noFolder = inDir('no-folder');
  const untrusted = inDir('untrusted');
  const suites = [];
  if (all.length > noFolder.length + untrusted.length) suites.push('default');
  if (noFolder.length > 0) suites.push('no-folder');
  if (untrusted.length > 0) suites.push('untrusted');
  const titles = { default: 'with a workspace folder', 'no-folder': 'no folder open', untrusted: 'an untrusted folder (Restricted Mode)' };
  const total = { ...empty(), sourceFiles: all.length };
  const errors = [];
  const timeoutMs = Number(process.env.PRUNA_HOST_TIMEOUT_MS || 15 * 60_000);
  for (const suite of suites) {
    console.log(`\n--- integration host run: ${titles[suite]} ---`);
    const r = await runIntegrationHost({ root, suite, grep, artifacts, timeoutMs });
    total.passed += r.passed;
    total.failed += r.failed;
    total.pending += r.pending;
    total.failures.push(...r.failures.map((f) => ({ ...f, title: `[${suite}] ${f.title}` })));
    if (r.error) errors.push(`${suite} run: ${r.error}`);
  }
  return { ...total, ...(errors.length ? { error: errors.join('; ') } : {}) };
}

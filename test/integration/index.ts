// Entry point VS Code calls inside the extension host (extensionTestsPath). Runs the mocha suites found next to this
// bundle and hands the counts to test/tools/test.mjs through a JSON file, because the workbench only reports an exit
// code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * Which host run this is: the default one has a workspace folder open, "no-folder" has none, "untrusted" opens a
 * folder with workspace trust on and not granted (Restricted Mode). Each non-default run takes the tests in the
 * folder of its name.
 */
type SuiteName = 'default' | 'no-folder' | 'untrusted';
const SEPARATE_RUNS: readonly SuiteName[] = ['no-folder', 'untrusted'];

interface Failure {
  title: string;
  error: string;
}

export interface IntegrationResults {
  suite: SuiteName;
  files: string[];
  passed: number;
  failed: number;
  pending: number;
  failures: Failure[];
}

function suiteName(): SuiteName {
  const raw = process.env.PRUNA_TEST_SUITE ?? 'default';
  if (raw !== 'default' && raw !== 'no-folder' && raw !== 'untrusted') {
    throw new Error(`PRUNA_TEST_SUITE must be "default", "no-folder" or "untrusted", got "${raw}"`);
  }
  return raw;
}

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

/** Sorted by path so 00-activation runs first, before any other suite could have activated the extension. */
function filesFor(suite: SuiteName): string[] {
  const runOf = (file: string): SuiteName => SEPARATE_RUNS.find((run) => file.startsWith(path.join(__dirname, run) + path.sep)) ?? 'default';
  return testFiles(__dirname)
    .filter((file) => runOf(file) === suite)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

function writeResults(results: IntegrationResults): void {
  const target = process.env.PRUNA_TEST_RESULTS;
  if (target) fs.writeFileSync(target, JSON.stringify(results, null, 2));
}

export async function run(): Promise<void> {
  const suite = suiteName();
  const files = filesFor(suite);
  const grep = process.env.PRUNA_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
  if (grep) mocha.grep(new RegExp(grep));
  for (const file of files) mocha.addFile(file);
  const results: IntegrationResults = {
    suite,
    files: files.map((file) => path.relative(__dirname, file)),
    passed: 0,
    failed: 0,
    pending: 0,
    failures: [],
  };
  // test/tools/lib/integration.mjs echoes the host's console from this line on (before it: workbench start-up noise).
  console.log(`pruna integration suite: ${suite} run, ${files.length} file(s)${grep ? `, grep /${grep}/` : ''}`);
  try {
    await mocha.loadFilesAsync();
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => results.passed++);
      runner.on('pending', () => results.pending++);
      // Hook failures arrive here too ("before all" hook for ...), so a broken setup is never counted as a pass.
      runner.on('fail', (test, err) => {
        results.failed++;
        results.failures.push({ title: test.fullTitle(), error: describeError(err) });
      });
    });
  } catch (err) {
    results.failed++;
    results.failures.push({ title: `loading the ${suite} integration suites`, error: describeError(err) });
  }
  writeResults(results);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  for (const failure of results.failures) console.log(`FAILED: ${failure.title}\n${failure.error}`);
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
}

// npm run test:desktop: the same integration suites in desktop VS Code through @vscode/test-electron, on machines
// that can download VS Code (or with VSCODE_EXECUTABLE_PATH pointing at an installed one). Offline machines use
// `npm run test:integration` (code-server) instead. Flag: --grep <re>.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { findTests } from './lib/layers.mjs';
import { findRepoRoot, newRunDir } from './lib/paths.mjs';

const grepAt = process.argv.indexOf('--grep');
const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;
if (grepAt > 0 && !grep) {
  console.error('test:desktop: --grep needs a regular expression');
  process.exit(2);
}
const root = findRepoRoot();
const artifacts = newRunDir(root);

const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

/** "^1.100.0" -> "1.100.0": the oldest VS Code the manifest claims to support is the one worth testing. */
const engine = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.vscode;
const version = engine.replace(/^[\^~>=\s]+/, '');

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
if (vscodeExecutablePath && !existsSync(vscodeExecutablePath)) {
  console.error(`test:desktop: VSCODE_EXECUTABLE_PATH=${vscodeExecutablePath} does not exist`);
  process.exit(1);
}
if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, timeout: 30_000 });
  } catch (err) {
    console.error(`\ntest:desktop: could not download VS Code ${version} (${err instanceof Error ? err.message : err}).\n` +
      'This needs access to update.code.visualstudio.com. Either set VSCODE_EXECUTABLE_PATH to an installed VS Code ' +
      `${version}+ binary, or run the same suite offline in code-server with: npm run test:integration`);
    process.exit(1);
  }
}

const integrationOut = join(root, 'out', 'test', 'integration');
const all = findTests(integrationOut, 'js');
const suites = [];
if (all.some((f) => !f.startsWith(join(integrationOut, 'no-folder')))) suites.push('default');
if (all.some((f) => f.startsWith(join(integrationOut, 'no-folder')))) suites.push('no-folder');
let passed = 0;
let failed = 0;
let broken = false;
for (const suite of suites) {
  const resultsPath = join(artifacts, `desktop-${suite}-results.json`);
  rmSync(resultsPath, { force: true });
  const userData = mkdtempSync(join(tmpdir(), 'pruna-desktop-'));
  const workspace = suite === 'default' ? mkdtempSync(join(tmpdir(), 'pruna-desktop-ws-')) : undefined;
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: join(integrationOut, 'index.js'),
      launchArgs: [...(workspace ? [workspace] : []), '--disable-extensions', '--disable-workspace-trust',
        '--skip-welcome', '--skip-release-notes', `--user-data-dir=${join(userData, 'user-data')}`,
        `--extensions-dir=${join(userData, 'extensions')}`],
      extensionTestsEnv: {
        PRUNA_TEST_RESULTS: resultsPath,
        PRUNA_TEST_SUITE: suite,
        ...(grep ? { PRUNA_TEST_GREP: grep } : {}),
      },
    });
  } catch (err) {
    // runTests rejects when the suite fails, too; the results file tells the two apart.
    if (!existsSync(resultsPath)) {
      console.error(`test:desktop: the ${suite} run produced no results: ${err instanceof Error ? err.message : err}`);
      broken = true;
    }
  } finally {
    rmSync(userData, { recursive: true, force: true });
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  }
  if (existsSync(resultsPath)) {
    const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
    passed += results.passed;
    failed += results.failed;
  }
}
if (suites.length === 0 || passed + failed === 0) broken = true;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);

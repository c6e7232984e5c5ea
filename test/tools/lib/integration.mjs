// One integration host run: code-server + headless Chromium open the workbench with the test payload; the suite runs
// inside the extension host (test/integration/index.ts) and reports its counts through a JSON file.
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './browser.mjs';
import { UNTRUSTED_SETTINGS, startCodeServer, workbenchUrl } from './code-server.mjs';

/** Printed by test/integration/index.ts when mocha starts. */
const SUITE_START_MARKER = 'pruna integration suite:';

/**
 * @param {{ root: string, suite: 'default' | 'no-folder' | 'untrusted', grep?: string, artifacts: string, timeoutMs: number }} o
 * @returns {Promise<{ passed: number, failed: number, pending: number, failures: {title: string, error: string}[],
 *   error?: string }>}
 */
export async function runIntegrationHost(o) {
  const name = `integration-${o.suite}`;
  const resultsPath = join(o.artifacts, `${name}-results.json`);
  rmSync(resultsPath, { force: true });
  const workspace = o.suite !== 'no-folder' ? mkdtempSync(join(tmpdir(), 'pruna-ws-')) : null;
  if (workspace) writeFileSync(join(workspace, 'README.md'), '# Integration test workspace\n');
  const browserLog = createWriteStream(join(o.artifacts, `${name}-browser.log`));
  let server;
  let browser;
  let error;
  let exitCode;
  try {
    server = await startCodeServer({
      logPath: join(o.artifacts, `${name}-code-server.log`),
      env: {
        PRUNA_TEST_RESULTS: resultsPath,
        PRUNA_TEST_SUITE: o.suite,
        ...(o.grep ? { PRUNA_TEST_GREP: o.grep } : {}),
      },
      // The untrusted run opens its folder in Restricted Mode, as a freshly cloned repository opens.
      ...(o.suite === 'untrusted' ? { settings: UNTRUSTED_SETTINGS, workspaceTrust: true } : {}),
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    // The workbench forwards its own and the extension host's console here. Until the suite announces itself it is
    // workbench start-up chatter (gallery unreachable, sockets...), which goes to the log file only.
    let suiteStarted = false;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(args ?? []));
      suiteStarted ||= text.includes(SUITE_START_MARKER);
      if (suiteStarted) console.log(text);
      browserLog.write(`[host ${type}] ${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish({ code }));
    page.on('console', (m) => browserLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => browserLog.write(`[pageerror] ${e.stack ?? e.message}\n`));
    page.on('crash', () => finish({ error: 'the workbench page crashed' }));
    server.exited.then(() => finish({ error: 'code-server exited during the run' }));
    const timer = setTimeout(() => finish({ error: `no result after ${o.timeoutMs / 1000} s (PRUNA_HOST_TIMEOUT_MS)` }),
      o.timeoutMs);
    await page.goto(workbenchUrl(server.url, {
      folder: workspace,
      extensionDevelopmentPath: o.root,
      extensionTestsPath: join(o.root, 'out', 'test', 'integration', 'index.js'),
    }));
    const outcome = await finished;
    clearTimeout(timer);
    error = outcome.error;
    exitCode = outcome.code;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    await browser?.close().catch(() => {});
    if ((error || exitCode !== 0) && server) console.log(`--- last lines of ${server.logPath} ---\n${server.logTail(40)}\n---`);
    await server?.stop();
    browserLog.end();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  }
  if (!existsSync(resultsPath)) {
    return { passed: 0, failed: 0, pending: 0, failures: [],
      error: error ?? `the suite wrote no results to ${resultsPath} (did the extension host start? see ${name}-*.log)` };
  }
  const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
  if (!error && exitCode !== 0 && results.failed === 0) error = `the workbench exited with ${exitCode} after the suite`;
  return { passed: results.passed, failed: results.failed, pending: results.pending, failures: results.failures,
    ...(error ? { error } : {}) };
}

// Resuming after a reload with no Pruna command: a slow image job is started from the palette, the window is
// reloaded while the prediction is still processing, and the `workspaceContains:.pruna/jobs-in-flight` activation
// event alone must bring the extension back to poll it, save the file and remove the marker.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../simulator/index';
import { launchWorkbench, type Workbench } from './harness';

const PROMPT = 'A lighthouse that survives a reload';
const SLUG = 'a-lighthouse-that-survives-a-reload';

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('resuming a job after a window reload', function () {
  this.timeout(240_000);
  let sim: Simulator;
  let workbench: Workbench;

  before(async () => {
    // Long enough that the prediction is still processing while the window reloads (a reload takes 5-20 s here).
    sim = await startSimulator({ timeScale: 1, latencyMs: { 'p-image': { starting: 2_000, processing: 25_000 } } });
    workbench = await launchWorkbench({
      name: 'e2e-resume',
      env: { PRUNA_API_BASE_URL: sim.url, PRUNA_API_KEY: 'test-key' },
      // Submit-and-poll, so the job has a prediction id to resume (a held Try-Sync request would die with the window).
      settings: { 'pruna.syncMode': 'never', 'pruna.openAfterSave': false },
      files: { 'README.md': '# Resume test\n' },
    });
  });

  after(async () => {
    await workbench?.close();
    await sim?.close();
  });

  it('saves the result and removes the marker without any Pruna command after the reload', async () => {
    const { page } = workbench;
    const dir = workbench.workspaceDir!;
    const marker = join(dir, '.pruna', 'jobs-in-flight');
    const outputDir = join(dir, 'assets', 'generated');
    const saved = () => (existsSync(outputDir) ? readdirSync(outputDir).filter((name) => name.startsWith(SLUG)) : []);
    const submits = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').length;

    await workbench.runCommand('Pruna: Generate Image');
    const input = page.locator('.quick-input-widget input[placeholder*="lighthouse on a cliff"]');
    await input.waitFor({ timeout: 30_000 });
    await input.fill(PROMPT);
    await input.press('Enter');
    // The aspect-ratio pick: the default ratio is listed first.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '16:9' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');

    await until(() => submits() === 1 && existsSync(marker), 'the job to be submitted and the marker written', 30_000);
    assert.deepEqual(saved(), [], 'the prediction is still processing when the window reloads');

    await workbench.runCommand('Developer: Reload Window');
    await page.waitForEvent('load', { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // From here on no Pruna command runs: only the activation event can bring the extension back.

    await until(() => saved().length === 1, `${SLUG}-<seed>.png in assets/generated`, 90_000);
    assert.match(saved()[0]!, new RegExp(`^${SLUG}-\\d+\\.png$`));
    await until(() => !existsSync(marker), 'the marker to be removed once nothing is unfinished', 15_000);
    assert.equal(submits(), 1, 'the resumed job polls the prediction it had; nothing is submitted twice');
  });
});

// The cost outside agent mode, as a person sees it: the Studio's run button carries the estimate of the filled-in
// form (from the same price table as the agent tools) and it follows the variations count and the model.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { startSimulator, type Simulator } from '../simulator/index';
import { launchWorkbench, type Workbench } from './harness';

describe('Studio run button estimate in the workbench', function () {
  this.timeout(300_000);
  let sim: Simulator;
  let workbench: Workbench;
  let studio: Frame;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.05 });
    workbench = await launchWorkbench({
      name: 'e2e-estimate',
      env: { PRUNA_API_BASE_URL: sim.url, PRUNA_API_KEY: 'test-key' },
      files: { 'notes.md': '# Notes\n' },
    });
    await workbench.runCommand('Pruna: Open Studio');
    studio = await workbench.webviewFrame((text) => text.includes('Input images') && text.includes('Gallery'), 30_000);
  });

  after(async () => {
    await workbench?.close();
    await sim?.close();
  });

  async function estimate(expected: RegExp): Promise<string> {
    const el = studio.locator('#run-estimate');
    await studio.waitForFunction((re) => new RegExp(re).test(document.querySelector('#run-estimate')?.textContent ?? ''), expected.source, { timeout: 10_000 });
    return el.innerText();
  }

  it('shows the estimate of the form next to the run button and updates it with the count and the model', async () => {
    await studio.getByLabel('Model', { exact: true }).selectOption('p-image');
    await studio.getByLabel('Prompt', { exact: true }).fill('A lighthouse');
    assert.equal(await estimate(/≈ \$0\.005$/), 'Estimated ≈ $0.005');
    assert.match((await studio.locator('#run-estimate').getAttribute('title')) ?? '', /published prices/);
    assert.equal(await studio.locator('#run').getAttribute('aria-describedby'), 'run-estimate');
    await studio.locator('#count').fill('4');
    assert.equal(await estimate(/≈ \$0\.02$/), 'Estimated ≈ $0.02');
    assert.equal(sim.requests.length, 0, 'estimating sends nothing');
  });
});

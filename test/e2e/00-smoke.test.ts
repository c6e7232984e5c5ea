// The cheapest proof that the whole chain works: code-server serves a workbench with the extension under
// development loaded, its commands are in the palette, and a screenshot can be taken.
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { launchWorkbench, type Workbench } from './harness';

describe('workbench smoke', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await launchWorkbench({ name: 'e2e-smoke', files: { 'README.md': '# smoke\n' } });
  });

  after(async () => {
    await workbench?.close();
  });

  it('lists the Pruna commands in the command palette', async () => {
    const titles = await workbench.commandTitles('Pruna:');
    assert.ok(titles.includes('Pruna: Set API Key'), `palette showed: ${JSON.stringify(titles)}`);
  });

  it('saves a screenshot of the workbench', async () => {
    const path = await workbench.screenshot('e2e-smoke-workbench');
    assert.ok(statSync(path).size > 10_000, `${path} is too small to be a rendered workbench`);
  });
});

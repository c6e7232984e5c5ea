// The `.pruna/jobs-in-flight` marker that makes VS Code start the extension after a reload only when a job is
// unfinished: present while a job runs, gone when it is saved, and ignored by git without touching the user's lines.
// The root hooks at the bottom keep one test file's unfinished jobs (and so its marker) from leaking into the next.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PrunaServices } from '../../src/extension/services';
import { useSimulator } from './support/simulator';
import { deletePath, exists, readText, waitFor, writeFile } from './support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';
const MARKER = '.pruna/jobs-in-flight';
const GITIGNORE = '.pruna/.gitignore';
const OUT = 'marker-test-out';
const SLOW = { 'p-image': { starting: 1_500, processing: 1_500 } };

describe('the jobs-in-flight marker', function () {
  const sim = useSimulator({ timeScale: 1, latencyMs: SLOW });

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });
  afterEach(async () => {
    sim().setOptions({ latencyMs: SLOW });
    await deletePath(GITIGNORE);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(OUT);
  });

  it('exists with the job count while a job runs and is removed once the result is saved', async () => {
    const run = Promise.resolve(vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'marker while running', seed: 3, outputFolder: OUT }));
    await waitFor(() => exists(MARKER), 'the marker to appear while the job runs');
    const text = await readText(MARKER);
    assert.match(text, /unfinished jobs: 1\n$/);
    assert.doesNotMatch(text, /marker while running|test-key/, 'the marker carries no prompt and no key');
    await waitFor(() => exists(GITIGNORE), '.pruna/.gitignore to be written after the marker');
    assert.equal(await readText(GITIGNORE), 'jobs-in-flight\n', 'a missing .pruna/.gitignore is created with the marker only');
    const saved = await run;
    assert.ok(saved instanceof vscode.Uri);
    await waitFor(async () => !(await exists(MARKER)), 'the marker to be removed after the save');
    assert.ok(await exists(`${OUT}/marker-while-running-3.png`));
  });

  it('counts every unfinished job and stays until the last one ends', async () => {
    const first = Promise.resolve(vscode.commands.executeCommand('pruna.generateImage', { prompt: 'marker first', seed: 4, outputFolder: OUT }));
    const second = Promise.resolve(vscode.commands.executeCommand('pruna.generateImage', { prompt: 'marker second', seed: 5, outputFolder: OUT }));
    await waitFor(async () => (await exists(MARKER)) && /unfinished jobs: 2/.test(await readText(MARKER)), 'the marker to count two jobs');
    await Promise.all([first, second]);
    await waitFor(async () => !(await exists(MARKER)), 'the marker to be removed after both saves');
  });

  it('appends the marker to a user\'s own .pruna/.gitignore and keeps their lines', async () => {
    await writeFile(GITIGNORE, '# mine\nrecipes.json');
    await vscode.commands.executeCommand('pruna.generateImage', { prompt: 'marker with gitignore', seed: 6, outputFolder: OUT });
    await waitFor(async () => (await readText(GITIGNORE)) !== '# mine\nrecipes.json', 'the marker line to be appended');
    assert.equal(await readText(GITIGNORE), '# mine\nrecipes.json\njobs-in-flight\n');
  });

  it('is removed when the user cancels the only running job', async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as PrunaServices;
    sim().setOptions({ latencyMs: { 'p-image': { starting: 30_000, processing: 30_000 } } });
    const run = Promise.resolve(vscode.commands.executeCommand('pruna.generateImage', { prompt: 'marker canceled', seed: 7, outputFolder: OUT }));
    run.catch(() => undefined);
    const job = await waitFor(() => api.jobs.list().find((j) => j.prompt === 'marker canceled' && j.state !== 'canceled'), 'the job to be listed');
    await waitFor(() => exists(MARKER), 'the marker to appear');
    api.jobs.cancel(job.id);
    await assert.rejects(run);
    await waitFor(async () => !(await exists(MARKER)), 'the marker to be removed after the cancel');
  });
});

// Root hooks (outside any describe, so they apply to every file of this run): when the tests move on to another
// file, jobs the previous file left running are canceled and its marker must be gone, so no later test (nor a reused
// workspace) starts with a marker that would activate the extension at startup.
const TERMINAL = new Set(['saved', 'failed', 'canceled']);
let previousFile: string | undefined;

async function settleJobsOf(file: string): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext?.isActive) return;
  const api = ext.exports as PrunaServices;
  for (const job of api.jobs.list()) if (!TERMINAL.has(job.state)) api.jobs.cancel(job.id);
  await waitFor(async () => !(await exists(MARKER)), `${file} to leave no ${MARKER} behind`);
}

beforeEach(async function () {
  const file = this.currentTest?.file;
  if (previousFile !== undefined && file !== previousFile) await settleJobsOf(previousFile);
  previousFile = file;
});

after(async () => {
  if (previousFile !== undefined) await settleJobsOf(previousFile);
});

// The Studio as a person uses it, in a real workbench (code-server + Chromium) against the P-API simulator:
// open it from the palette, add an input, run, watch the job, find the result in the gallery, insert it into Markdown,
// survive a failure with Retry, come back after a reload, and look right in dark, light and high-contrast themes.
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { startSimulator, type Simulator } from '../simulator/index';
import { encodePng } from '../simulator/png';
import { launchWorkbench, STUDIO_TEXT, switchTheme, type Workbench } from './harness';


function inputPng(): Buffer {
  const width = 96;
  const height = 64;
  const rows = Array.from({ length: height }, (_, y) => {
    const row = Buffer.alloc(width * 3);
    for (let x = 0; x < width; x++) row.set([40 + x, 90 + y, 160], x * 3);
    return row;
  });
  return encodePng(width, height, (y) => rows[y]!);
}

/** Records every state a job row shows, including the short-lived ones between two polls of the test. */
async function recordJobStates(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as { __jobStates: string[] };
    w.__jobStates = [];
    const note = () => {
      for (const row of document.querySelectorAll<HTMLElement>('.job[data-state]')) {
        const entry = `${row.dataset.jobId}:${row.dataset.state}`;
        if (!w.__jobStates.includes(entry)) w.__jobStates.push(entry);
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

async function jobStates(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => (window as unknown as { __jobStates: string[] }).__jobStates);
}

async function dropUris(frame: Frame, uris: string[]): Promise<void> {
  await frame.evaluate((list) => {
    const zone = document.querySelector('.dropzone')!;
    const data = new DataTransfer();
    data.setData('text/uri-list', list.join('\r\n'));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, uris);
}

/** A screenshot with the Studio's editor group maximized, as someone working in it would see it. */
async function panelScreenshot(workbench: Workbench, name: string): Promise<string> {
  await workbench.runCommand('View: Toggle Maximize Editor Group');
  await workbench.page.waitForTimeout(500); // layout animation; the screenshot is for people, not for asserting
  const path = await workbench.screenshot(name);
  await workbench.runCommand('View: Toggle Maximize Editor Group');
  return path;
}

describe('Pruna Studio in the workbench', function () {
  this.timeout(300_000);
  let sim: Simulator;
  let workbench: Workbench;
  let studio: Frame;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.05 });
    workbench = await launchWorkbench({
      name: 'e2e-studio',
      env: { PRUNA_API_BASE_URL: sim.url, PRUNA_API_KEY: 'test-key' },
      colorTheme: 'Default Dark Modern',
      viewport: { width: 1400, height: 900 },
      // Results stay out of the way so the panel keeps its width for the screenshots.
      settings: { 'pruna.openAfterSave': false },
      files: { 'notes.md': '# Notes\n\n', 'photos/input.png': inputPng(), 'photos/second.png': inputPng() },
    });
  });

  after(async () => {
    await workbench?.close();
    await sim?.close();
  });

  it('opens from the palette next to the Markdown file the user is writing', async () => {
    const { page } = workbench;
    // Open notes.md first: it is the editor an "Insert" later writes into.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('notes.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'notes.md' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: '# Notes' }).waitFor();
    await workbench.runCommand('Pruna: Open Studio');
    studio = await workbench.webviewFrame(STUDIO_TEXT, 30_000);
    for (const name of ['Prompt', 'Model', 'Seed']) {
      assert.equal(await studio.getByLabel(name, { exact: true }).count(), 1, `one control is named "${name}"`);
    }
  });

  it('shows a size error beside Width before anything is sent', async () => {
    await studio.getByLabel('Model', { exact: true }).selectOption('p-image');
    await studio.getByLabel('Aspect ratio', { exact: true }).selectOption('custom');
    await studio.getByLabel('Width', { exact: true }).fill('1000');
    await studio.getByLabel('Height', { exact: true }).fill('512');
    await studio.getByLabel('Prompt', { exact: true }).fill('A lighthouse');
    await studio.getByRole('button', { name: 'Generate', exact: true }).click();
    assert.equal(await studio.locator('#width-error').innerText(), 'Must be a multiple of 16.');
    assert.equal(await studio.getByLabel('Width', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(sim.requests.length, 0, 'nothing reached the API');
  });

  it('adds a dropped workspace image as image 1 with its size', async () => {
    await dropUris(studio, [`file://${join(workbench.workspaceDir!, 'photos', 'input.png')}`]);
    const item = studio.locator('.input-item').first();
    await item.waitFor();
    assert.match(await item.innerText(), /input\.png[\s\S]*96 × 64/);
    assert.match(await item.innerText(), /Image 1 · main/);
  });

  it('edits the image against the simulator and shows the job states and the result in the gallery', async () => {
    await studio.getByLabel('Model', { exact: true }).selectOption('p-image-edit');
    await studio.getByLabel('Prompt', { exact: true }).fill('Make image 1 look like a night scene');
    await recordJobStates(studio);
    const before = await studio.locator('.gallery-item').count();
    // A job long enough to be seen between states (at 0.05 it can finish before the panel's first update).
    sim.setOptions({ timeScale: 1 });
    await studio.getByRole('button', { name: 'Edit 1 image', exact: true }).click();
    await studio.locator('.job[data-state="saved"]').first().waitFor({ timeout: 60_000 });
    sim.setOptions({ timeScale: 0.05 });
    const states = await jobStates(studio);
    assert.ok(
      states.some((s) => /:(queued|uploading|sent|running|downloading|downloaded)$/.test(s)),
      `a running state was shown before "saved": ${states.join(', ')}`,
    );
    console.log(`      job states shown: ${states.join(' → ')}`);
    await studio.locator('.gallery-item').nth(before).waitFor({ timeout: 20_000 });
    const edits = sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions');
    assert.equal(edits.length, 1, 'exactly one prediction was created');
  });

  it('inserts the generated file into the Markdown editor', async () => {
    const first = studio.locator('.gallery-item').first();
    const name = await first.locator('.caption .name').innerText();
    await first.getByRole('button', { name: `Insert ${name} into the editor` }).click();
    // The editor wraps long lines, so compare its text without whitespace.
    const markdownLink = await workbench.page.waitForFunction(
      (fileName) =>
        [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-lines')]
          .map((el) => el.innerText.replace(/\s+/g, ''))
          .find((text) => text.includes('Notes') && text.includes(`${fileName})`)),
      name,
      { timeout: 15_000 },
    );
    assert.match(String(await markdownLink.jsonValue()), /!\[Makeimage1looklikeanightscene\]\(assets\/generated\/[^)]+\.png\)/);
  });

  it('inserts the reference where a gallery thumbnail is dropped in the Markdown editor', async () => {
    const { page } = workbench;
    const thumb = studio.locator('.thumb-button').first();
    await thumb.scrollIntoViewIfNeeded();
    const from = (await thumb.boundingBox())!;
    const editor = page.locator('.monaco-editor .view-lines', { hasText: 'Notes' });
    const to = (await editor.boundingBox())!;
    // A real drag: out of the webview's iframe into the editor (Playwright replays it through Chromium's drag events).
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
    await page.mouse.move(to.x + 60, to.y + 10, { steps: 10 });
    await page.mouse.up();
    const text = await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-lines')]
          .map((el) => el.innerText.replace(/\s+/g, ''))
          .find((t) => t.includes('Notes') && (t.match(/!\[/g) ?? []).length >= 2),
      undefined,
      { timeout: 15_000 },
    );
    // Markdown image syntax (the drop provider's), not the bare path a plain-text drop would give. The drop may land
    // inside the earlier reference, so count the pieces rather than match whole links.
    const after = String(await text.jsonValue());
    assert.equal(after.match(/!\[Make/g)?.length, 2, after);
    assert.equal(after.match(/\]\(assets\/generated\/make-image-1[^)]*\.png\)/g)?.length, 2, after);
  });

  it('shows why a job failed and runs it again with Retry', async () => {
    sim.failNext('p-image-edit', 'The simulated GPU caught fire');
    const savedBefore = await studio.locator('.job[data-state="saved"]').count();
    await studio.getByLabel('Prompt', { exact: true }).fill('Add a red balloon to image 1');
    await studio.getByLabel('Prompt', { exact: true }).press('Control+Enter');
    const failed = studio.locator('.job[data-state="failed"]').first();
    await failed.waitFor({ timeout: 60_000 });
    assert.match(await failed.innerText(), /simulated GPU caught fire/);
    await panelScreenshot(workbench, 'studio-failed-job');
    await failed.getByRole('button', { name: 'Retry (bills again)', exact: true }).click();
    await studio.locator('.job[data-state="failed"]').waitFor({ state: 'detached', timeout: 30_000 });
    await studio.locator('.job[data-state="saved"]').nth(savedBefore).waitFor({ timeout: 60_000 });
    await studio.locator('.gallery-item').nth(1).waitFor();
    await panelScreenshot(workbench, 'studio-dark');
  });

  it('comes back after a reload with the prompt and the inputs the user had', async () => {
    await studio.getByLabel('Prompt', { exact: true }).fill('Keep this prompt across the reload');
    // "Developer: Reload Window" is the reload a user does; unlike a bare page.reload() it lets the workbench save its
    // state (webview state included) before the page goes, so the test does not race the storage flush.
    await workbench.runCommand('Developer: Reload Window');
    await workbench.page.waitForEvent('load', { timeout: 60_000 });
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    studio = await workbench.webviewFrame(STUDIO_TEXT, 60_000);
    await studio.locator('.input-item').first().waitFor({ timeout: 20_000 });
    assert.equal(await studio.getByLabel('Prompt', { exact: true }).inputValue(), 'Keep this prompt across the reload');
    assert.match(await studio.locator('.input-item').first().innerText(), /input\.png/);
    assert.ok((await studio.locator('.gallery-item').count()) >= 2, 'the gallery lists the earlier results');
  });

  it('adds the image whose title-bar button opened it', async () => {
    const { page } = workbench;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('second.png');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'second.png' }).first().click();
    await page.locator('.editor-actions [aria-label="Pruna: Open Studio"], .editor-actions [aria-label="Open Studio"]').first().click();
    studio = await workbench.webviewFrame(STUDIO_TEXT, 20_000);
    await studio.locator('.input-item', { hasText: 'second.png' }).waitFor({ timeout: 20_000 });
    assert.match(await studio.locator('.input-item').nth(1).innerText(), /Image 2[\s\S]*second\.png/);
  });

  it('is readable in the light and high-contrast themes', async () => {
    // Picker labels (the setting ids are "Default Light Modern" / "Default High Contrast").
    for (const [theme, bodyClass, shot] of [
      ['Light Modern', 'vscode-light', 'studio-light'],
      ['Dark High Contrast', 'vscode-high-contrast', 'studio-high-contrast'],
    ] as const) {
      await switchTheme(workbench, theme);
      studio = await workbench.webviewFrame(STUDIO_TEXT, 20_000);
      await studio.waitForFunction((kind) => document.body.classList.contains(kind), bodyClass);
      const path = await panelScreenshot(workbench, shot);
      assert.ok(statSync(path).size > 20_000, `${shot} looks empty`);
    }
  });

  it('takes a pasted https link as an input and can remove it again', async () => {
    await studio.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'https://images.example.com/photos/cat.png');
      document.querySelector('.dropzone')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const pasted = studio.locator('.input-item', { hasText: 'cat.png' });
    await pasted.waitFor();
    assert.match(await pasted.innerText(), /Public URL/);
    const count = await studio.locator('.input-item').count();
    await studio.getByRole('button', { name: `Remove image ${count}`, exact: true }).click();
    await pasted.waitFor({ state: 'detached' });
  });
});

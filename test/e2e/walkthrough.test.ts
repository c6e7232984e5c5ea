// "Get started with Pruna" as a new user meets it: the walkthrough opens from the Welcome page's list, each step's
// button runs its command, and the step is ticked off once its action happened.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../simulator/index';
import { launchWorkbench, type Workbench } from './harness';

const PAGE = '<!doctype html>\n<title>Landing</title>\n<h1>Cabins</h1>\n<img src="assets/hero.jpg" alt="a wooden cabin by a lake at dawn" width="1280" height="720">\n';

/** The step's row in the open walkthrough, found by its title. */
function step(page: Page, title: string): Locator {
  return page.locator('.getting-started-step', { has: page.locator('.step-title', { hasText: title }) });
}

async function isComplete(row: Locator): Promise<boolean> {
  return (await row.getAttribute('aria-checked')) === 'true';
}

async function waitComplete(row: Locator, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await isComplete(row))) {
    if (Date.now() > deadline) throw new Error(`the "${what}" step was not ticked off within 20 s`);
    await row.page().waitForTimeout(250);
  }
}

describe('the Get started walkthrough', function () {
  this.timeout(240_000);
  let sim: Simulator;
  let workbench: Workbench;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.05 });
    workbench = await launchWorkbench({
      name: 'e2e-walkthrough',
      env: { PRUNA_API_BASE_URL: sim.url },
      colorTheme: 'Default Dark Modern',
      viewport: { width: 1280, height: 800 },
      settings: { 'pruna.placeholders.confirmPrompt': false, 'workbench.startupEditor': 'none' },
      files: { 'index.html': PAGE },
    });
  });

  after(async () => {
    await workbench?.close();
    await sim?.close();
  });

  it('opens from Welcome: Open Walkthrough with five steps, none done yet', async () => {
    const { page } = workbench;
    await openWalkthrough();
    const titles = await page.locator('.getting-started-step .step-title').allInnerTexts();
    assert.deepEqual(titles.map((t) => t.trim()), [
      'Connect your P-API key', 'Make a first image', 'Fill a missing image in your page', 'Open the Studio', 'Ask an agent',
    ]);
    for (const title of titles) assert.equal(await isComplete(step(page, title.trim())), false, `${title} starts undone`);
  });

  /** Expands a step and presses its button, as a person following the walkthrough would. */
  async function pressStepButton(title: string, button: string): Promise<void> {
    const { page } = workbench;
    const row = step(page, title);
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.step-title').click();
    await row.locator('.button-container .monaco-button', { hasText: button }).click();
  }

  /** A JPEG for the walkthrough's media (media/walkthrough/ holds the chosen ones); the test asserts nothing on it. */
  async function shot(name: string): Promise<void> {
    const dir = join('test-artifacts', 'walkthrough');
    mkdirSync(dir, { recursive: true });
    await workbench.page.screenshot({ path: join(dir, `${name}.jpg`), type: 'jpeg', quality: 72 });
  }

  /** Opens (or brings back) the walkthrough the way a user finds it again: Welcome: Open Walkthrough... */
  async function openWalkthrough(): Promise<void> {
    const { page } = workbench;
    await workbench.runCommand('Welcome: Open Walkthrough...');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Pruna' });
    await row.first().waitFor({ timeout: 30_000 });
    await row.first().click();
    await page.locator('.getting-started-step').first().waitFor({ timeout: 30_000 });
  }

  const waitForAnyFile = async (candidates: string[]) => {
    const deadline = Date.now() + 60_000;
    while (!candidates.some((relative) => existsSync(join(workbench.workspaceDir!, relative)))) {
      if (Date.now() > deadline) throw new Error(`none of ${candidates.join(', ')} was saved within 60 s`);
      await workbench.page.waitForTimeout(250);
    }
  };

  it('ticks off "Connect your P-API key" once a key was entered through its button', async () => {
    const { page } = workbench;
    await pressStepButton('Connect your P-API key', 'Set API Key');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ timeout: 15_000 });
    await input.fill('test-key');
    await shot('set-api-key');
    await page.keyboard.press('Enter');
    await waitComplete(step(page, 'Connect your P-API key'), 'Connect your P-API key');
  });

  it('ticks off "Make a first image" and the image is saved', async () => {
    const { page } = workbench;
    await pressStepButton('Make a first image', 'Generate Image');
    // Each box by its title: on a loaded machine the previous box (the key) may still be closing when this one opens.
    const promptBox = page.locator('.quick-input-widget', { hasText: 'Pruna: Generate Image' });
    await promptBox.waitFor({ timeout: 15_000 });
    await promptBox.locator('input').fill('a red fox curled up in fresh snow, soft morning light');
    await page.keyboard.press('Enter');
    // Click the default ratio: an Enter pressed while the picker is still opening can be lost.
    const ratioBox = page.locator('.quick-input-widget', { hasText: 'aspect ratio' });
    await ratioBox.locator('.quick-input-list .monaco-list-row', { hasText: '16:9' }).first().click({ timeout: 15_000 });
    const saved = await waitForSavedImage();
    await page.locator('.notification-toast', { hasText: 'Insert Reference' }).first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    // VS Code's image preview is a webview: wait for the picture itself before taking the step's screenshot.
    const preview = await workbench.webviewFrame(() => true, 20_000).catch(() => undefined);
    await preview?.locator('img').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    await shot('generate-image');
    assert.match(saved, /^assets\/generated\/a-red-fox.*\.(png|jpe?g|webp)$/);
    await openWalkthrough();
    await waitComplete(step(page, 'Make a first image'), 'Make a first image');
  });

  async function waitForSavedImage(): Promise<string> {
    const dir = join(workbench.workspaceDir!, 'assets', 'generated');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { readdirSync } = await import('node:fs');
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('.')) : [];
      if (files.length > 0) return `assets/generated/${files[0]}`;
      if (Date.now() > deadline) {
        await workbench.screenshot('walkthrough-no-image');
        throw new Error('no image was saved in assets/generated within 60 s (see walkthrough-no-image.png)');
      }
      await workbench.page.waitForTimeout(250);
    }
  }

  it('ticks off "Fill a missing image in your page" and the page\'s image appears at its path', async () => {
    const { page } = workbench;
    // From the Explorer, as a new user would (Quick Open's file search can lag behind on a loaded machine).
    await page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: /^index\.html$/ }) }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'index.html' }).waitFor({ timeout: 15_000 });
    // The lightbulb on the reference, for the step's picture.
    await page.locator('.monaco-editor .view-line span', { hasText: /hero\.jpg/ }).last().click();
    await page.locator('.lightBulbWidget').first().waitFor({ timeout: 20_000 }).catch(() => undefined);
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget', { hasText: 'Pruna' }).first().waitFor({ timeout: 20_000 }).catch(() => undefined);
    await shot('fill-missing');
    await page.keyboard.press('Escape');
    // With the page in front, as the step says (the palette command is the step's button).
    await workbench.runCommand('Pruna: Generate Missing Images');
    const list = page.locator('.quick-input-widget', { hasText: 'missing image' });
    await list.waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await waitForAnyFile(['assets/hero.jpg', 'assets/hero.png']);
    await openWalkthrough();
    await waitComplete(step(page, 'Fill a missing image in your page'), 'Fill a missing image in your page');
  });

  it('ticks off "Open the Studio" when the Studio opens from its button', async () => {
    const { page } = workbench;
    await pressStepButton('Open the Studio', 'Open Studio');
    const studio = await workbench.webviewFrame((text) => text.includes('Gallery'), 30_000);
    // The placeholder was saved where the page refers to it (outside the output folder): its thumbnail still loads.
    const thumbnail = studio.locator('.gallery-item', { hasText: 'hero.' }).locator('img.preview');
    await thumbnail.waitFor({ timeout: 20_000 });
    await studio.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await thumbnail.elementHandle(), { timeout: 20_000 });
    await shot('studio');
    await openWalkthrough();
    await waitComplete(step(page, 'Open the Studio'), 'Open the Studio');
  });

  it('ticks off "Ask an agent" when chat is opened from its button', async () => {
    const { page } = workbench;
    await pressStepButton('Ask an agent', 'Open Chat');
    await openWalkthrough();
    await waitComplete(step(page, 'Ask an agent'), 'Ask an agent');
  });
});

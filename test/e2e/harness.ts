// Drives a real workbench (code-server + headless Chromium) with the extension under development, the way a person
// would: palette, webviews, screenshots. Each launchWorkbench() gets its own server, profile and workspace.
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchChromium } from '../tools/lib/browser.mjs';
import { startCodeServer, workbenchUrl } from '../tools/lib/code-server.mjs';
import { artifactsDir, findRepoRoot } from '../tools/lib/paths.mjs';

export interface WorkbenchOptions {
  /** Environment of the code-server process, which the extension host inherits (PRUNA_API_BASE_URL, ...). */
  env?: Record<string, string>;
  /** A folder to open; null opens no folder; omitted creates a fresh temporary workspace (removed on close). */
  workspace?: string | null;
  /** Files written into the fresh workspace: relative path -> content. */
  files?: Record<string, string | Uint8Array>;
  /** workbench.colorTheme, e.g. "Default Light Modern". */
  colorTheme?: string;
  /** More user settings (merged over the test defaults). */
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
  /** Prefix of this workbench's log files (default: e2e-<n>); they go to the test run's folder in test-artifacts/runs/. */
  name?: string;
  /** code-server's --locale: the language the extension's l10n bundles are read in (e.g. 'de'). */
  locale?: string;
}

export interface Workbench {
  readonly page: Page;
  /** The opened folder, or null when none is open. */
  readonly workspaceDir: string | null;
  /** Opens the palette (F1), types the title and runs the command whose label is exactly that title. */
  runCommand(title: string): Promise<void>;
  /** Titles the palette lists for a filter such as "Pruna:" (waits until the extension's commands are known). */
  commandTitles(filter: string): Promise<string[]>;
  /** Opens a workspace file in an editor through Quick Open and waits for its tab to be active. */
  openFile(relativePath: string): Promise<void>;
  /** The (inner) webview frame whose visible text satisfies the predicate. */
  webviewFrame(predicate: (text: string) => boolean, timeoutMs?: number): Promise<Frame>;
  /** Saves test-artifacts/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  serverLog(): string;
  close(): Promise<void>;
}

let launched = 0;

function writeWorkspace(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pruna-e2e-ws-'));
  for (const [relativePath, content] of Object.entries(files)) {
    if (relativePath.startsWith('/') || relativePath.split('/').includes('..')) {
      throw new Error(`launchWorkbench files: "${relativePath}" must be a relative path inside the workspace`);
    }
    const target = join(dir, relativePath);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return dir;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function launchWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const root = findRepoRoot(__dirname);
  // Screenshots go to test-artifacts/ where people look for them; logs to the run's own folder when test.mjs runs us.
  const artifacts = artifactsDir(root);
  const logs = process.env.PRUNA_TEST_LOGS || artifacts;
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(logs, { recursive: true });
  const name = options.name ?? `e2e-${++launched}`;
  const ownsWorkspace = options.workspace === undefined;
  if (!ownsWorkspace && options.files) {
    throw new Error('launchWorkbench: "files" only applies to the fresh workspace; omit "workspace" to use it');
  }
  const workspaceDir = ownsWorkspace ? writeWorkspace(options.files ?? {}) : (options.workspace ?? null);
  const removeWorkspace = (): void => {
    if (ownsWorkspace && workspaceDir) rmSync(workspaceDir, { recursive: true, force: true });
  };

  const server = await startCodeServer({
    logPath: join(logs, `${name}-code-server.log`),
    env: options.env ?? {},
    settings: { ...(options.colorTheme ? { 'workbench.colorTheme': options.colorTheme } : {}), ...options.settings },
    ...(options.locale ? { locale: options.locale } : {}),
  }).catch((err: unknown) => {
    removeWorkspace();
    throw err;
  });
  const browserLog = createWriteStream(join(logs, `${name}-browser.log`));
  const browser = await launchChromium().catch(async (err: unknown) => {
    await server.stop();
    browserLog.end();
    removeWorkspace();
    throw err;
  });
  const close = async (): Promise<void> => {
    await browser.close().catch(() => undefined);
    await server.stop();
    browserLog.end();
    removeWorkspace();
  };

  try {
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    page.on('console', (m) => browserLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => browserLog.write(`[pageerror] ${e.stack ?? e.message}\n`));
    await page.goto(workbenchUrl(server.url, { folder: workspaceDir, extensionDevelopmentPath: root }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });

    const paletteInput = page.locator('.quick-input-widget input');
    const paletteRows = page.locator('.quick-input-list .monaco-list-row');

    /** filter starting with ">" lists commands; without it the same widget is Quick Open (files). */
    const openPalette = async (filter: string): Promise<void> => {
      // Always F1 first, as a person would: it replaces any input box or quick pick that is open. F1 is ignored until
      // the workbench has wired its keybindings, so press again until the palette shows.
      // A webview that takes focus late (a panel just revealed, on a loaded machine) can close the palette again
      // between F1 and typing; then press F1 again rather than wait for an input that is gone.
      for (let attempt = 0; ; attempt++) {
        await page.keyboard.press('F1');
        const opened = await paletteInput.waitFor({ state: 'visible', timeout: 1_000 }).then(() => true, () => false);
        if (opened && (await paletteInput.fill(filter, { timeout: 3_000 }).then(() => true, () => false))) return;
        if (attempt === 20) throw new Error('the command palette did not open on F1 (or closed before the filter could be typed)');
      }
    };

    /**
     * The palette only lists the extension's commands once the extension host has scanned it, a few seconds after the
     * workbench shows; an open palette does not refresh, so reopen it until rows match (or the time is up).
     */
    const findInPalette = async <T>(filter: string, pick: () => Promise<T | undefined>, what: string): Promise<T> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        await openPalette(`>${filter}`);
        await paletteRows.first().waitFor({ timeout: 2_000 }).catch(() => undefined);
        const found = await pick();
        if (found !== undefined) return found;
        await page.keyboard.press('Escape');
        if (Date.now() > deadline) throw new Error(`${what} within 30 s`);
        await page.waitForTimeout(500);
      }
    };

    const commandTitles = async (filter: string): Promise<string[]> => {
      const titles = await findInPalette(filter, async () => {
        // "No matching commands" is rendered as a row too; it is not a command.
        const texts = (await paletteRows.locator('.label-name').allInnerTexts()).filter((t) => t !== 'No matching commands');
        return texts.length > 0 ? texts : undefined;
      }, `no command matched "${filter}" in the palette`);
      await page.keyboard.press('Escape');
      return titles;
    };

    const runCommand = async (title: string): Promise<void> => {
      const exact = new RegExp(`^${escapeRegExp(title)}$`);
      // A webview taking focus late can close the palette between finding the row and clicking it: find it again.
      for (let attempt = 0; ; attempt++) {
        const row = await findInPalette(title, async () => {
          const match = paletteRows.filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
          return (await match.count()) > 0 ? match : undefined;
        }, `no command titled exactly "${title}" appeared in the palette`);
        if (await row.click({ timeout: 5_000 }).then(() => true, () => false)) return;
        if (attempt === 4) throw new Error(`the palette closed five times before "${title}" could be clicked`);
      }
    };

    const openFile = async (relativePath: string): Promise<void> => {
      const name = relativePath.split('/').pop() ?? relativePath;
      await openPalette(relativePath);
      const row = paletteRows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
      await row.first().waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error(`openFile: Quick Open found no file named "${name}" for "${relativePath}"`);
      });
      await row.first().click();
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
    };

    const webviewFrame = async (predicate: (text: string) => boolean, timeoutMs = 20_000): Promise<Frame> => {
      const deadline = Date.now() + timeoutMs;
      const seen: string[] = [];
      while (Date.now() < deadline) {
        seen.length = 0;
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue;
          const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => undefined);
          if (text === undefined) continue; // frame navigated away or detached while we looked
          if (predicate(text)) return frame;
          seen.push(text.slice(0, 80).replace(/\s+/g, ' '));
        }
        await page.waitForTimeout(250);
      }
      throw new Error(`no webview frame matched within ${timeoutMs} ms; frames had: ${JSON.stringify(seen)}`);
    };

    const screenshot = async (shotName: string): Promise<string> => {
      const path = join(artifacts, `${shotName}.png`);
      await page.screenshot({ path });
      return path;
    };

    const serverLog = (): string => readFileSync(server.logPath, 'utf8');

    return { page, workspaceDir, runCommand, commandTitles, openFile, webviewFrame, screenshot, serverLog, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Switches the color theme through its picker, as a person would (Preferences: Color Theme). */
export async function switchTheme(workbench: Workbench, theme: string): Promise<void> {
  const { page } = workbench;
  await workbench.runCommand('Preferences: Color Theme');
  // The palette turns into the theme picker; typing before that would filter the palette instead.
  const input = page.locator('.quick-input-widget input[placeholder*="Color Theme"]');
  await input.waitFor();
  await input.fill(theme);
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${theme}$`) }) });
  await row.first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** webviewFrame predicate for the Pruna Studio panel (its two section headings). */
export const STUDIO_TEXT = (text: string): boolean => text.includes('Input images') && text.includes('Gallery');

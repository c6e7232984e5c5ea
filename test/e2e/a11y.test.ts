// The Studio for people who do not use a mouse or do not see the screen the way we do: axe-core's WCAG 2.1 A/AA rules
// (plus best practices) find no serious or critical violation in dark, light and high-contrast themes, and the main
// flow (prompt, run, result in the gallery, act on it) works with the keyboard alone.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { startSimulator, type Simulator } from '../simulator/index';
import { launchWorkbench, STUDIO_TEXT, switchTheme, type Workbench } from './harness';

const AXE_SOURCE = readFileSync(createRequire(join(process.cwd(), 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core inside the webview's own document (evaluated through the debugger, so the panel's CSP stays as it ships). */
async function axeViolations(frame: Frame): Promise<AxeViolation[]> {
  await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
}

async function activeElement(frame: Frame): Promise<{ tag: string; label: string; outline: string }> {
  return frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', label: '', outline: '' };
    const labelled = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ?? el.textContent ?? '';
    const style = getComputedStyle(el);
    return { tag: el.tagName.toLowerCase(), label: labelled.trim(), outline: `${style.outlineStyle} ${style.outlineWidth}` };
  });
}

/** Presses Tab until the focused element matches, failing with the path taken when it never does. */
async function tabTo(workbench: Workbench, frame: Frame, matches: (el: { tag: string; label: string }) => boolean, what: string): Promise<{ tag: string; label: string; outline: string }> {
  const path: string[] = [];
  for (let i = 0; i < 60; i++) {
    const el = await activeElement(frame);
    if (matches(el)) return el;
    path.push(`${el.tag}:${el.label.slice(0, 30)}`);
    await workbench.page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}; focus went through: ${path.join(' → ')}`);
}

describe('Studio accessibility', function () {
  this.timeout(300_000);
  let sim: Simulator;
  let workbench: Workbench;
  let studio: Frame;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.05 });
    workbench = await launchWorkbench({
      name: 'e2e-a11y',
      env: { PRUNA_API_BASE_URL: sim.url, PRUNA_API_KEY: 'test-key' },
      colorTheme: 'Default Dark Modern',
      viewport: { width: 1400, height: 900 },
      settings: { 'pruna.openAfterSave': false },
      files: { 'notes.md': '# Notes\n\n' },
    });
    await workbench.runCommand('Pruna: Open Studio');
    studio = await workbench.webviewFrame(STUDIO_TEXT, 30_000);
  });

  after(async () => {
    await workbench?.close();
    await sim?.close();
  });

  it('runs the main flow with the keyboard alone: prompt, run, the result in the gallery, open it', async () => {
    const { page } = workbench;
    await studio.locator('body').focus().catch(() => undefined);
    await tabTo(workbench, studio, (el) => el.tag === 'textarea' && /prompt/i.test(el.label), 'the Prompt field');
    await page.keyboard.type('A paper boat on a calm lake');
    const run = await tabTo(workbench, studio, (el) => el.tag === 'button' && /^Generate/.test(el.label), 'the Generate button');
    assert.notEqual(run.outline.split(' ')[0], 'none', 'the focused run button shows a focus outline');
    await page.keyboard.press('Enter');
    const item = studio.locator('.gallery-item', { hasText: 'a-paper-boat' });
    await item.first().waitFor({ timeout: 60_000 });
    const open = await tabTo(workbench, studio, (el) => el.tag === 'button' && /^Open a-paper-boat/.test(el.label), 'the new gallery item');
    assert.notEqual(open.outline.split(' ')[0], 'none', 'the focused gallery item shows a focus outline');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: /a-paper-boat.*\.png/ }).waitFor({ timeout: 20_000 });
    assert.equal(sim.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/predictions')).length, 1, 'one run, one request');
  });

  // Theme picker labels (the setting ids are "Default Dark Modern" and so on) and the class VS Code gives the webview body.
  for (const [theme, bodyClass] of [
    ['Dark Modern', 'vscode-dark'],
    ['Light Modern', 'vscode-light'],
    ['Dark High Contrast', 'vscode-high-contrast'],
    ['Light High Contrast', 'vscode-high-contrast-light'],
  ] as const) {
    it(`has no serious or critical axe violation in ${theme}`, async () => {
      await switchTheme(workbench, theme);
      await workbench.runCommand('Pruna: Open Studio');
      studio = await workbench.webviewFrame(STUDIO_TEXT, 30_000);
      await studio.waitForFunction((kind) => document.body.classList.contains(kind), bodyClass);
      await studio.locator('.gallery-item').first().waitFor({ timeout: 20_000 });
      const violations = await axeViolations(studio);
      const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (violations.length) console.log(`axe in ${theme}:\n${describeViolations(violations)}`);
      assert.deepEqual(blocking.map((v) => v.id), [], describeViolations(blocking));
    });
  }
});

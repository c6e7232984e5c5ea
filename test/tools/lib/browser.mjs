// Debian's Chromium driven by playwright-core (no browser download is possible on these machines).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

export async function launchChromium() {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: run bash test/tools/setup-vscode-host.sh (installs Debian's ` +
      'chromium) or point PRUNA_CHROMIUM at a Chromium binary');
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

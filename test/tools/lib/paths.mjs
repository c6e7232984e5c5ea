// Where things live for the harness scripts; one place so test.mjs, start.mjs and the e2e harness agree.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/**
 * The repository root: the nearest folder above `from` whose package.json is this extension's. Walking up (instead of
 * a fixed "../..") keeps it right for bundled callers too, which live at any depth under out/.
 */
export function findRepoRoot(from = process.cwd()) {
  let dir = resolve(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).name === 'pruna-vscode') return dir;
      } catch {
        // not ours (or unreadable): keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pruna-vscode package.json above ${from}: run this from the repository`);
    dir = parent;
  }
}

/** The offline VS Code host (code-server) lives outside the clone so every clone on a machine reuses it. */
export function hostDir() {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return process.env.PRUNA_VSCODE_HOST_DIR || join(cache, 'pruna-vscode-host', `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerEntry() {
  return join(hostDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The same "installed" test as setup-vscode-host.sh: node-pty is the last native module code-server builds. */
export function hostInstalled() {
  const marker = join(hostDir(), 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', 'node-pty', 'build',
    'Release', 'pty.node');
  return existsSync(marker);
}

export function chromiumPath() {
  return process.env.PRUNA_CHROMIUM || '/usr/bin/chromium';
}

export function artifactsDir(root = findRepoRoot()) {
  return join(root, 'test-artifacts');
}

/**
 * A folder of its own for one test run's logs and result files under test-artifacts/runs/, so two runs at the same
 * time (two terminals on one checkout) never truncate or read each other's files. Keeps the newest `keep` runs.
 */
export function newRunDir(root = findRepoRoot(), keep = 10) {
  const runs = join(artifactsDir(root), 'runs');
  mkdirSync(runs, { recursive: true });
  const old = readdirSync(runs).sort(); // names start with a UTC timestamp, so this is oldest first
  for (const name of old.slice(0, Math.max(0, old.length - keep + 1))) {
    rmSync(join(runs, name), { recursive: true, force: true });
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const dir = join(runs, `${stamp}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

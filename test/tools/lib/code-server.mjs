// Starts code-server (VS Code 1.100 in a browser, with the real Node extension host) on 127.0.0.1 with a random
// port and a throw-away HOME and user-data-dir, so runs never share state with each other or with the developer.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry, findRepoRoot, hostDir, hostInstalled } from './paths.mjs';

/** Settings every test profile gets: no trust prompt, no welcome page, nothing phoning home. */
export const BASE_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
};

/**
 * Variables the host must not inherit: an API key or base URL from the developer's shell would make tests talk to
 * the real API, and VS Code's own variables (when run from a VS Code terminal) make code-server attach to that VS Code.
 */
function inheritedEnv() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('PRUNA_API_') || name.startsWith('VSCODE_') || name === 'ELECTRON_RUN_AS_NODE') delete env[name];
  }
  return env;
}

/** Installs the host on first use; the script is idempotent and also installs the Debian packages it needs. */
export function ensureHost() {
  if (hostInstalled()) return;
  const script = join(findRepoRoot(), 'test', 'tools', 'setup-vscode-host.sh');
  console.log(`VS Code test host missing in ${hostDir()}: installing it (one time)`);
  const result = spawnSync('bash', [script], { stdio: 'inherit' });
  if (result.status !== 0 || !hostInstalled()) {
    throw new Error(`installing the VS Code test host failed (exit ${result.status}); run bash ${script} to see why`);
  }
}

function tail(text, lines) {
  return text.split('\n').slice(-lines).join('\n');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** User settings that turn workspace trust on without the start-up prompt: the folder opens in Restricted Mode. */
export const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/**
 * `--locale xx` alone leaves VS Code in English unless a language pack for xx is installed (none can be downloaded
 * here). The server only needs the pack's entry in languagepacks.json and a core translation file: an empty one
 * keeps VS Code's own texts English, but the workbench and the extension host then run in `locale`, so extensions
 * read their package.nls.<locale>.json and l10n/bundle.l10n.<locale>.json, as with a real language pack.
 */
function writeLanguagePack(userDataDir, stateDir, locale) {
  const core = join(stateDir, `language-pack-${locale}.i18n.json`);
  writeFileSync(core, JSON.stringify({ contents: {} }));
  const pack = {
    hash: `pruna-test-${locale}`,
    extensions: [{ extensionIdentifier: { id: `pruna-test.language-pack-${locale}` }, version: '0.0.0' }],
    translations: { vscode: core },
    label: locale,
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

/**
 * @param {{ env?: Record<string,string>, settings?: Record<string,unknown>, logPath: string, port?: number,
 *           profileDir?: string, workspaceTrust?: boolean, locale?: string }} options
 */
export async function startCodeServer(options) {
  ensureHost();
  const stateDir = mkdtempSync(join(tmpdir(), 'pruna-host-'));
  // A caller-chosen profile survives restarts (npm start keeps the stored API key); tests always get a fresh one.
  const profileDir = options.profileDir ?? join(stateDir, 'profile');
  const userDataDir = join(profileDir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settingsPath = join(userDataDir, 'User', 'settings.json');
  if (options.locale) writeLanguagePack(userDataDir, stateDir, options.locale);
  // A kept profile keeps the settings its user changed; only a new one gets the defaults.
  if (!options.profileDir || !existsSync(settingsPath)) {
    writeFileSync(settingsPath, JSON.stringify({ ...BASE_SETTINGS, ...(options.settings ?? {}) }, null, 2));
  }
  const home = join(stateDir, 'home');
  mkdirSync(home, { recursive: true });
  const env = {
    ...inheritedEnv(),
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    ...(options.env ?? {}),
  };
  mkdirSync(join(options.logPath, '..'), { recursive: true });
  const logFd = openSync(options.logPath, 'w');
  const args = [codeServerEntry(), '--auth', 'none', '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--user-data-dir', userDataDir, '--extensions-dir', join(profileDir, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    // Workspace trust stays off unless a run asks for it (the untrusted integration run).
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    // The display language the workbench and the extension host get (`vscode.env.language`), e.g. 'de'.
    ...(options.locale ? ['--locale', options.locale] : [])];
  // Own process group, so stop() ends code-server together with the extension host and watchers it spawns.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exitCode = null;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    exitCode = code ?? signal;
    resolve();
  }));
  const readLog = () => {
    try {
      return readFileSync(options.logPath, 'utf8');
    } catch {
      return '';
    }
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await exited;
      }
    }
    // Children of the group may still hold files for a moment; removal is best effort.
    rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
  };

  // The real port is only known from the log line, because we ask for port 0 (other helpers run hosts concurrently).
  const deadline = Date.now() + 60_000;
  let url;
  while (!url) {
    const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(readLog());
    if (match) url = match[1];
    else if (exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not start (${exitCode !== null ? `exit ${exitCode}` : 'no listen line in 60 s'}); ` +
        `log ${options.logPath}:\n${tail(readLog(), 20)}`);
    } else await sleep(100);
  }
  while ((await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) === false) {
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server at ${url} never became healthy; log ${options.logPath}:\n${tail(readLog(), 20)}`);
    }
    await sleep(100);
  }
  return { url, logPath: options.logPath, pid: child.pid, log: readLog, logTail: (n = 40) => tail(readLog(), n), stop,
    exited };
}

/**
 * The workbench address. Paths in the payload are on the "remote" (the code-server machine), which is this machine.
 * @param {{ folder?: string | null, extensionDevelopmentPath: string, extensionTestsPath?: string }} target
 */
export function workbenchUrl(base, target) {
  const authority = new URL(base).host;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${target.extensionDevelopmentPath}`]];
  if (target.extensionTestsPath) {
    payload.push(['extensionTestsPath', `vscode-remote://${authority}${target.extensionTestsPath}`]);
  }
  const query = new URLSearchParams();
  if (target.folder) query.set('folder', target.folder);
  else query.set('ew', 'true'); // an empty window: without it code-server reopens the last folder
  query.set('payload', JSON.stringify(payload));
  return `${base}/?${query.toString()}`;
}

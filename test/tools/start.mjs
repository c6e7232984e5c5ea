// npm start: build, then open the extension in a playground workspace, in desktop VS Code (Extension Development
// Host) when `code` is on PATH, else in code-server on 127.0.0.1 (prints the address to open).
//   npm start -- --simulator      also start the local P-API simulator and point the extension at it
//   npm start -- --folder <path>  open this folder instead of the playground
//   npm start -- --port <n>       code-server port (default: a free one)
//   npm start -- --browser        use code-server even when `code` is on PATH
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCodeServer, workbenchUrl } from './lib/code-server.mjs';
import { artifactsDir, findRepoRoot } from './lib/paths.mjs';
import { startSimulatorProcess } from './lib/simulator-process.mjs';

const USAGE = 'usage: npm start -- [--simulator] [--folder <path>] [--port <n>] [--browser]';

function parseArgs(argv) {
  const options = { simulator: false, folder: undefined, port: 0, browser: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--simulator') options.simulator = true;
    else if (arg === '--browser') options.browser = true;
    else if (arg === '--folder' && argv[i + 1]) options.folder = resolve(argv[++i]);
    else if (arg === '--port' && /^\d+$/.test(argv[i + 1] ?? '') && Number(argv[i + 1]) < 65536) options.port = Number(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`start.mjs: unexpected argument "${arg}"\n${USAGE}`);
      process.exit(2);
    }
  }
  if (options.folder && !(existsSync(options.folder) && statSync(options.folder).isDirectory())) {
    console.error(`start.mjs: --folder ${options.folder} is not a folder`);
    process.exit(2);
  }
  return options;
}

/** The playground survives restarts (so generated images stay); sample files are only added when missing. */
function preparePlayground(root) {
  const folder = join(tmpdir(), 'pruna-playground');
  const samples = join(root, 'test', 'tools', 'playground');
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(samples)) {
    if (!existsSync(join(folder, name))) copyFileSync(join(samples, name), join(folder, name));
  }
  return folder;
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function waitForSignal() {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

const options = parseArgs(process.argv.slice(2));
const root = findRepoRoot();
const build = spawnSync(process.execPath, ['esbuild.mjs', ...(options.simulator ? ['--tests'] : [])],
  { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const folder = options.folder ?? preparePlayground(root);
const cleanups = [];
const cleanUp = async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
};

try {
  const env = {};
  if (options.simulator) {
    const simulator = await startSimulatorProcess(root);
    cleanups.push(() => simulator.stop());
    env.PRUNA_API_BASE_URL = simulator.url;
    env.PRUNA_API_KEY = 'test-key';
    console.log(`simulator listening on ${simulator.url} (API key "test-key" is preset)`);
  }

  if (onPath('code') && !options.browser) {
    console.log(`opening an Extension Development Host on ${folder}`);
    const code = spawn('code', [`--extensionDevelopmentPath=${root}`, '--new-window', folder],
      { stdio: 'inherit', env: { ...process.env, ...env } });
    await new Promise((done) => code.once('exit', done));
    if (options.simulator) {
      console.log('the simulator keeps running for that window; press Ctrl+C here to stop it');
      await waitForSignal();
    }
  } else {
    const server = await startCodeServer({
      port: options.port,
      env,
      logPath: join(artifactsDir(root), 'start-code-server.log'),
      // Kept between starts so a stored API key and layout survive.
      profileDir: join(tmpdir(), 'pruna-vscode-start-profile'),
    });
    cleanups.push(() => server.stop());
    console.log(`\nVS Code (code-server) with the extension under development is ready. Open:\n\n  ${
      workbenchUrl(server.url, { folder, extensionDevelopmentPath: root })}\n`);
    console.log(`workspace: ${folder}\nserver log: ${server.logPath}\nrebuild with "npm run watch" in another ` +
      'terminal and reload the page (Developer: Reload Window); Ctrl+C here stops everything');
    await Promise.race([waitForSignal(), server.exited.then(() => console.log('code-server stopped on its own'))]);
  }
} catch (err) {
  console.error(`start.mjs: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

// Runs the P-API simulator as a child process (for npm start) and waits for the one line that gives its URL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export async function startSimulatorProcess(root, extraArgs = []) {
  const cli = join(root, 'out', 'test', 'simulator', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build with "node esbuild.mjs --tests" first`);
  const child = spawn(process.execPath, [cli, ...extraArgs], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', (chunk) => process.stderr.write(`[simulator] ${chunk}`));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulator printed no PRUNA_SIMULATOR_URL line in 15 s')), 15_000);
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before it was listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^PRUNA_SIMULATOR_URL=(\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      } else process.stdout.write(`[simulator] ${line}\n`);
    });
  });
  return {
    url,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';

// The bundle of this test lives in out/test/unit/simulator; the CLI bundle in out/test/simulator.
const CLI = join(__dirname, '..', '..', 'simulator', 'cli.js');

/** Collects a stream's text and resolves when `predicate` holds for it. */
function waitFor(stream: NodeJS.ReadableStream, predicate: (text: string) => boolean): Promise<string> {
  let text = '';
  return new Promise((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (predicate(text)) resolve(text);
    });
  });
}

describe('simulator: command line', function () {
  // Spawning node and loading the bundle is slow on a loaded 2-core machine; this is a budget, not an assertion.
  this.timeout(20_000);
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints its URL once listening, logs requests on stderr without the key, and stops on SIGTERM', async function () {
    if (!existsSync(CLI)) this.skip(); // built by `node esbuild.mjs --tests`; absent only in partial builds
    child = spawn(process.execPath, [CLI, '--time-scale', '0', '--key', 'cli-key'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = await waitFor(child.stdout!, (t) => t.includes('\n'));
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const match = /^PRUNA_SIMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '');
    assert.ok(match, stdout);

    const logged = waitFor(child.stderr!, (t) => t.includes('POST /v1/predictions 201'));
    const res = await fetch(`${match[1]}/v1/predictions`, {
      method: 'POST',
      headers: { apikey: 'cli-key', model: 'p-image' },
      body: JSON.stringify({ input: { prompt: 'x' } }),
    });
    assert.equal(res.status, 201);
    const log = await logged;
    assert.match(log, /^POST \/v1\/predictions 201 \d+ms$/m);
    assert.ok(!log.includes('cli-key'), 'the key is never logged');

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('exits with a usage message on an unknown argument', async function () {
    if (!existsSync(CLI)) this.skip(); // see above
    child = spawn(process.execPath, [CLI, '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr = waitFor(child.stderr!, (t) => t.includes('Usage'));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(await stderr, /Unknown argument --bogus/);
  });
});

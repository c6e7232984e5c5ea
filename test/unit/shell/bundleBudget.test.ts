// The size budgets of the shipped bundles (BUDGETS in esbuild.mjs) hold in every test run, not only when packaging:
// a production build into out/budget/dist/ fails when a file outgrows its budget or has none.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

describe('bundle size budgets', function () {
  this.timeout(120_000);
  const dist = join('out', 'budget', 'dist');

  before(() => {
    const run = spawnSync(process.execPath, ['esbuild.mjs', '--budget-check'], { encoding: 'utf8' });
    assert.equal(run.status, 0, `esbuild.mjs --budget-check failed:\n${run.stderr}${run.stdout}`);
  });

  it('keeps the activation entry dist/extension.js small: stand-ins and the detectors, no library, no schema, no catalog', () => {
    const bundle = join(dist, 'extension.js');
    assert.ok(statSync(bundle).size <= 50_000, `dist/extension.js is ${statSync(bundle).size} bytes`);
    const text = readFileSync(bundle, 'utf8');
    // undici's and zod's own error texts, the job engine's state key, the model catalog's first model.
    for (const marker of ['UND_ERR', 'ZodError', 'Invalid input', 'p-image-edit']) {
      assert.ok(!text.includes(marker), `dist/extension.js carries more than the stand-ins (found "${marker}")`);
    }
    assert.match(text, /main\.js/, 'the activation entry requires dist/main.js');
  });

  it('keeps dist/main.js within 700 KB minified, loading no undici global and no fetch machinery', () => {
    const bundle = join(dist, 'main.js');
    assert.ok(statSync(bundle).size <= 700_000);
    const text = readFileSync(bundle, 'utf8');
    assert.doesNotMatch(text, /undici\.globalDispatcher/, 'undici lib/global.js is bundled');
    for (const marker of ['cannot have body', 'Cache.match', 'EventSource', 'WebSocketStream']) {
      assert.ok(!text.includes(marker), `undici's fetch/cache/WebSocket/EventSource code is bundled (found "${marker}")`);
    }
    assert.doesNotMatch(text, /[A-Za-z0-9+/]{20000}/, 'a large base64 blob (the HTTP parser wasm) is inline');
  });
});

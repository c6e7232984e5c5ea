// The codecs share the extension host with every other extension: their Node shim's globalThis.ImageData must not
// outlive a conversion. Run in a fresh Node process (this one's globals are not pristine), loading dist/codecs.js the
// way the shell does.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './support';

const SCRIPT = String.raw`
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const dist = process.argv[1];
const report = {};
report.before = Object.getOwnPropertyDescriptor(globalThis, 'ImageData') !== undefined;
const bundle = require(join(dist, 'codecs.js'));
const after = Object.getOwnPropertyDescriptor(globalThis, 'ImageData');
report.shimDefinedAtLoad = after !== undefined;
delete globalThis.ImageData;
const codecs = bundle.squooshCodecs((file) => Promise.resolve(readFileSync(join(dist, 'codecs', file))), { imageData: after && after.value });
(async () => {
  const png = await codecs.encode({ width: 32, height: 16, data: new Uint8ClampedArray(32 * 16 * 4).fill(200) }, 'png', 100);
  const pixels = await codecs.decode(png, 'png');
  const jpeg = await codecs.encode(pixels, 'jpeg', 85);
  const back = await codecs.decode(jpeg, 'jpeg');
  const webp = await codecs.encode(back, 'webp', 85);
  const both = await Promise.all([codecs.decode(webp, 'webp'), codecs.decode(jpeg, 'jpeg')]);
  report.sizes = [pixels.width, back.width, both[0].width, both[1].height];
  report.afterConversions = Object.getOwnPropertyDescriptor(globalThis, 'ImageData') !== undefined;
  console.log(JSON.stringify(report));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe('image codecs and the shared extension host', function () {
  this.timeout(60_000);

  it('leave no ImageData on globalThis after conversions, though their shim defines one at load', () => {
    const root = repoRoot();
    const run = spawnSync(process.execPath, ['-e', SCRIPT, join(root, 'dist')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout.trim()) as { before: boolean; shimDefinedAtLoad: boolean; afterConversions: boolean; sizes: number[] };
    assert.equal(report.before, false, 'Node has no ImageData of its own');
    assert.equal(report.shimDefinedAtLoad, true, 'the shim this guards against is still there (else this test proves nothing)');
    assert.deepEqual(report.sizes, [32, 32, 32, 16], 'the conversions ran');
    assert.equal(report.afterConversions, false, 'no ImageData left behind');
  });
});

// HEIC and AVIF photos (what phones save) are images the P-API does not read: a run with one is refused before any
// upload or POST, with a message naming the formats it takes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useSimulator } from './support/simulator';
import { deletePath, writeFile } from './support/workspace';

const DIR = 'input-formats-test';

/** The start of an ISO-BMFF image: an `ftyp` box with these brands, then an empty `mdat`. */
function ftypImage(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + compatible.length * 4;
  const out = Buffer.alloc(size + 64);
  out.writeUInt32BE(size, 0);
  out.write('ftyp', 4, 'ascii');
  out.write(major, 8, 'ascii');
  compatible.forEach((brand, i) => out.write(brand, 16 + i * 4, 'ascii'));
  out.writeUInt32BE(64, size);
  out.write('mdat', size + 4, 'ascii');
  return out;
}

describe('input formats the P-API does not read', function () {
  const sim = useSimulator({ timeScale: 0.01 });
  after(() => deletePath(DIR));

  it('refuses a HEIC or AVIF input before any upload, naming JPEG, PNG and WebP', async function () {
    this.timeout(20_000);
    const heic = await writeFile(`${DIR}/IMG_0001.heic`, ftypImage('heic', 'mif1', 'heic'));
    const avif = await writeFile(`${DIR}/photo.avif`, ftypImage('avif', 'mif1', 'miaf'));
    for (const [file, format] of [[heic, 'HEIC'], [avif, 'AVIF']] as const) {
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-image-edit', input: { prompt: 'make it blue', images: [file] }, outputFolder: `${DIR}/out` })),
        (e: Error) => new RegExp(`${format} image.*JPEG, PNG, WebP`).test(e.message),
      );
    }
    assert.deepEqual(sim().requests.map((r) => `${r.method} ${r.path}`), [], 'nothing was uploaded or posted');
  });
});

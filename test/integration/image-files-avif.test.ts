// AVIF in the real host: the first .avif placeholder asks once to download the encoder; agreed, the tarball comes
// from a local server (a tarball made now from node_modules/@jsquash/avif, so the test runs offline), is checked
// and unpacked into the extension's global storage (never the workspace), and both files are AVIFs ('ftyp avif',
// 'ispe' of the size asked). A tampered tarball or an unreachable host: nothing is kept, the model's PNG is saved at
// the size asked and the reference update is offered with the reason, never applied.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { sniffImageFormat } from '../../src/core/http/sniff';
import { imageSize } from '../../src/core/snippets/imageSize';
import { tgzOf } from '../unit/imaging/tar';
import { useSimulator } from './support/simulator';
import { deletePath, exists, readBytes, stub, waitFor, writeFile } from './support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';
const root = `image-files-avif-${Date.now().toString(36)}`;
const repo = join(__dirname, '..', '..', '..');

interface AvifEncoderSeam {
  readonly wasmPath: string;
  useSourceForTests(source: { url?: string; integrity?: string }): Promise<void>;
}

function ispeSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const at = Buffer.from(bytes).indexOf('ispe');
  if (at < 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at + 8, 8);
  return { width: view.getUint32(0), height: view.getUint32(4) };
}

describe('image files: AVIF with the encoder downloaded on first use', function () {
  this.timeout(120_000);
  const simulator = useSimulator({ timeScale: 0 });
  const restores: (() => void)[] = [];
  let encoder: AvifEncoderSeam;
  let server: Server;
  let served: Uint8Array = new Uint8Array();
  const hits: string[] = [];
  let baseUrl = '';
  const tarball = tgzOf({
    'package/package.json': readFileSync(join(repo, 'node_modules/@jsquash/avif/package.json')),
    'package/codec/enc/avif_enc.wasm': readFileSync(join(repo, 'node_modules/@jsquash/avif/codec/enc/avif_enc.wasm')),
  });
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;

  before(async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { avifEncoder: AvifEncoderSeam };
    encoder = api.avifEncoder;
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(served.length) });
      res.end(served);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    while (restores.length) restores.pop()!();
    simulator().reset();
    hits.length = 0;
  });
  after(async () => {
    await encoder.useSourceForTests({});
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await new Promise((resolve) => server.close(resolve));
    await deletePath(root);
  });

  /** Answers the encoder question with `answer` and every other notification (the reference offer) with "Keep". */
  function answerQuestions(answer: string): string[] {
    const shown: string[] = [];
    restores.push(
      stub(vscode.window, 'showInformationMessage', (async (message: string) => {
        shown.push(message);
        return /needs an AVIF encoder/.test(message) ? answer : 'Keep';
      }) as typeof vscode.window.showInformationMessage),
    );
    return shown;
  }

  it('asks once, downloads once, keeps the encoder outside the workspace, and saves both .avif files as AVIF', async () => {
    await encoder.useSourceForTests({ url: `${baseUrl}/@jsquash/avif/-/avif-2.1.1.tgz`, integrity });
    served = tarball;
    const text = [
      '<img src="pics/cover.avif" alt="a red bicycle against a white wall" width="600" height="400">',
      '<img src="pics/thumb.avif" alt="a green bicycle bell" width="200" height="200">',
      '',
    ].join('\n');
    const page = await writeFile(`${root}/ok/index.html`, text);
    const shown = answerQuestions('Download');
    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: page.toString() });
    assert.deepEqual(saved.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)).sort(), ['cover.avif', 'thumb.avif']);
    for (const [name, size] of [['cover', { width: 600, height: 400 }], ['thumb', { width: 200, height: 200 }]] as const) {
      const bytes = await readBytes(`${root}/ok/pics/${name}.avif`);
      assert.equal(Buffer.from(bytes.subarray(4, 12)).toString('latin1'), 'ftypavif', `${name}.avif is no AVIF`);
      assert.equal(sniffImageFormat(bytes), 'avif');
      assert.deepEqual(ispeSize(bytes), size);
      assert.equal(await exists(`${root}/ok/pics/${name}.png`), false);
    }
    const questions = shown.filter((m) => /needs an AVIF encoder/.test(m));
    assert.equal(questions.length, 1, shown.join(' | '));
    assert.match(questions[0]!, /a 2\.7 MB download from registry\.npmjs\.org/);
    assert.equal(hits.length, 1, 'the tarball was fetched more than once');
    assert.deepEqual(shown.filter((m) => /reference/i.test(m)), []);
    assert.equal((await vscode.workspace.openTextDocument(page)).getText(), text);
    // Kept in the extension's storage, never in the workspace.
    assert.ok(existsSync(encoder.wasmPath));
    const workspace = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    assert.ok(!encoder.wasmPath.startsWith(workspace), `the encoder was written into the workspace: ${encoder.wasmPath}`);
  });

  it('refuses a tampered tarball: nothing kept, the PNG saved at the size asked, the update offered with the reason', async () => {
    await encoder.useSourceForTests({ url: `${baseUrl}/@jsquash/avif/-/avif-2.1.1.tgz`, integrity });
    const tampered = new Uint8Array(tarball);
    tampered[tampered.length >> 1]! ^= 0x40;
    served = tampered;
    const text = '<img src="pics/cover.avif" alt="a red bicycle against a white wall" width="600" height="400">\n';
    const page = await writeFile(`${root}/tampered/index.html`, text);
    const shown = answerQuestions('Download');
    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: page.toString() });
    assert.deepEqual(saved.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)), ['cover.png']);
    assert.equal(hits.length, 1);
    assert.equal(existsSync(encoder.wasmPath), false, 'a tampered encoder was kept');
    const png = await readBytes(`${root}/tampered/pics/cover.png`);
    assert.equal(sniffImageFormat(png), 'png');
    assert.deepEqual(imageSize(png), { width: 600, height: 400 });
    const offer = await waitFor(() => shown.find((m) => m.includes('saved as cover.png')), 'the offer to update the reference');
    assert.match(offer, /^The AVIF encoder could not be downloaded from 127\.0\.0\.1:\d+ \(the downloaded encoder does not match its published sha512 hash/);
    assert.equal((await vscode.workspace.openTextDocument(page)).getText(), text, 'the reference changed without the user');
  });

  it('offline: says the host could not be reached and saves the PNG', async () => {
    // A port nothing listens on: the server is up, so take one it is not on.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await encoder.useSourceForTests({ url: `http://127.0.0.1:${port}/avif.tgz`, integrity });
    const text = '<img src="pics/cover.avif" alt="a red bicycle against a white wall" width="300" height="200">\n';
    const page = await writeFile(`${root}/offline/index.html`, text);
    const shown = answerQuestions('Download');
    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: page.toString() });
    assert.deepEqual(saved.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)), ['cover.png']);
    assert.deepEqual(imageSize(await readBytes(`${root}/offline/pics/cover.png`)), { width: 300, height: 200 });
    const offer = await waitFor(() => shown.find((m) => m.includes('saved as cover.png')), 'the offer to update the reference');
    assert.match(offer, /^The AVIF encoder could not be downloaded from 127\.0\.0\.1:\d+/);
    assert.equal(simulator().requests.filter((r) => r.method === 'POST').length, 1);
  });
});

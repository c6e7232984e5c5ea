// The file the code asks for, in the real host: the playground's references (hero.jpg 1280×720, two .webp rooms
// 800×600, ana.png 256×256) become files at exactly those paths, in those formats and sizes, with no reference
// rewritten and no offer to rewrite one. An AVIF name whose encoder download is declined, or a model result no codec
// can read, still gets the model's file and the offer (never applied); densities (2x, @2x) multiply the size;
// fileName + width/height on a command gives exactly that file; Regenerate repeats the post-processing.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import * as jpegJs from 'jpeg-js';
import { decode as decodeFastPng } from 'fast-png';
import { sniffImageFormat } from '../../src/core/http/sniff';
import { renderImage } from '../simulator/outputs';
import { imageSize } from '../../src/core/snippets/imageSize';
import { useSimulator } from './support/simulator';
import { deletePath, exists, readBytes, readText, stub, waitFor, writeFile } from './support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';
const root = `image-files-${Date.now().toString(36)}`;

/** The playground page `npm start` opens, as shipped in the repository. */
function playgroundHtml(): string {
  return readFileSync(join(__dirname, '..', '..', '..', 'test', 'tools', 'playground', 'index.html'), 'utf8');
}

function postedInputs(requests: readonly { method: string; path: string; status: number; body?: unknown }[]) {
  return requests
    .filter((r) => r.method === 'POST' && r.path === '/v1/predictions' && r.status >= 200 && r.status < 300)
    .map((r) => (r.body as { input: Record<string, unknown> }).input);
}

/** Format from the bytes, size from a full decode where a decoder independent of the encoder exists (else the header). */
function inspect(bytes: Uint8Array): { format: string | undefined; width: number; height: number } {
  const format = sniffImageFormat(bytes);
  if (format === 'jpeg') {
    const image = jpegJs.decode(bytes, { useTArray: true });
    return { format, width: image.width, height: image.height };
  }
  if (format === 'png') {
    const image = decodeFastPng(bytes);
    return { format, width: image.width, height: image.height };
  }
  const size = imageSize(bytes);
  return { format, width: size?.width ?? 0, height: size?.height ?? 0 };
}

describe('image files as the code names them', function () {
  this.timeout(90_000);
  const simulator = useSimulator({ timeScale: 0 });
  const restores: (() => void)[] = [];

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });
  afterEach(() => {
    while (restores.length) restores.pop()!();
    simulator().reset();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(root);
  });

  function recordMessages(): string[] {
    const shown: string[] = [];
    const record = (kind: string) =>
      (async (message: string) => {
        shown.push(`${kind}: ${message}`);
        return undefined;
      }) as typeof vscode.window.showInformationMessage;
    restores.push(
      stub(vscode.window, 'showErrorMessage', record('error')),
      stub(vscode.window, 'showWarningMessage', record('warning')),
      stub(vscode.window, 'showInformationMessage', record('info')),
    );
    return shown;
  }

  it('makes the playground\'s four images at their paths, formats and sizes, touching no reference', async () => {
    const html = playgroundHtml();
    const page = await writeFile(`${root}/playground/index.html`, html);
    const shown = recordMessages();

    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: page.toString() });

    const expected: Record<string, { format: string; width: number; height: number }> = {
      'assets/hero.jpg': { format: 'jpeg', width: 1280, height: 720 },
      'assets/rooms/loft.webp': { format: 'webp', width: 800, height: 600 },
      'assets/rooms/kitchen.webp': { format: 'webp', width: 800, height: 600 },
      'assets/team/ana.png': { format: 'png', width: 256, height: 256 },
    };
    assert.deepEqual(
      saved.map((u) => vscode.workspace.asRelativePath(u, false)).sort(),
      Object.keys(expected).map((p) => `${root}/playground/${p}`).sort(),
    );
    for (const [path, want] of Object.entries(expected)) {
      assert.deepEqual(inspect(await readBytes(`${root}/playground/${path}`)), want, path);
    }
    // The model was asked for the smallest custom size that covers each (multiples of 16).
    const sizes = postedInputs(simulator().requests).map((i) => `${String(i.width)}×${String(i.height)}`).sort();
    assert.deepEqual(sizes, ['1280×720', '256×256', '800×608', '800×608']);
    const document = await vscode.workspace.openTextDocument(page);
    assert.equal(document.getText(), html, 'a reference was rewritten');
    assert.deepEqual(shown.filter((s) => !s.startsWith('info')), []);
    assert.deepEqual(shown.filter((s) => /reference|extension/i.test(s)), [], 'the user was asked about references');
    assert.ok(shown.some((s) => s.includes('made 4 placeholders')), shown.join(' | '));
  });

  it('saves the model\'s PNG for an AVIF name when the encoder download is declined, at the size asked, and offers the reference update', async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { avifEncoder: { useSourceForTests(s: object): Promise<void> } };
    // No encoder stored and no answer yet: the question comes, and "Keep" (not "Download") declines it.
    await api.avifEncoder.useSourceForTests({});
    const text = '<img src="pics/cover.avif" alt="a red bicycle against a white wall" width="600" height="400">\n';
    const page = await writeFile(`${root}/avif/index.html`, text);
    const offers: string[] = [];
    restores.push(
      stub(vscode.window, 'showInformationMessage', (async (message: string) => {
        offers.push(message);
        return 'Keep';
      }) as typeof vscode.window.showInformationMessage),
    );
    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: page.toString() });
    assert.deepEqual(saved.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)), ['cover.png']);
    assert.deepEqual(inspect(await readBytes(`${root}/avif/pics/cover.png`)), { format: 'png', width: 600, height: 400 });
    assert.equal(await exists(`${root}/avif/pics/cover.avif`), false);
    const offer = await waitFor(() => offers.find((m) => m.includes('saved as cover.png')), 'the offer to update the reference');
    assert.match(offer, /^AVIF needs an encoder download, which was declined; saved as PNG\. Pruna returned a PNG image/);
    assert.equal(offers.filter((m) => /needs an AVIF encoder: a 2\.7 MB download from registry\.npmjs\.org/.test(m)).length, 1, offers.join(' | '));
    assert.equal((await vscode.workspace.openTextDocument(page)).getText(), text, 'the reference changed without the user');
  });

  it('gives a command exactly the file fileName and width × height name, and Regenerate the same bytes', async () => {
    const folder = `${root}/command`;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', {
      prompt: 'a social card with a lighthouse',
      seed: 5,
      outputFolder: folder,
      fileName: 'card.webp',
      width: 1200,
      height: 630,
    });
    assert.equal(vscode.workspace.asRelativePath(uri, false), `${folder}/card.webp`);
    const first = await readBytes(`${folder}/card.webp`);
    assert.deepEqual(inspect(first), { format: 'webp', width: 1200, height: 630 });
    const [input] = postedInputs(simulator().requests);
    assert.deepEqual([input?.aspect_ratio, input?.width, input?.height], ['custom', 1200, 640]);

    const recipes = JSON.parse(await readText('.pruna/recipes.json')).recipes as Record<string, { post?: Record<string, unknown> }>;
    assert.deepEqual(recipes[`${folder}/card.webp`]?.post, {
      sourceFormat: 'png',
      sourceWidth: 1200,
      sourceHeight: 640,
      crop: { x: 0, y: 5, width: 1200, height: 630 },
      width: 1200,
      height: 630,
      format: 'webp',
      quality: 85,
    });

    const again = await vscode.commands.executeCommand<vscode.Uri>('pruna.regenerate', { file: `${folder}/card.webp`, seed: 'same' });
    assert.notEqual(again.toString(), uri.toString());
    assert.ok(Buffer.from(await vscode.workspace.fs.readFile(again)).equals(Buffer.from(first)), 'Regenerate with the same seed made other bytes');
  });

  it('declares pruna.placeholders.size (exact), pruna.outputFormat (auto) and pruna.outputQuality (85)', () => {
    const properties = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.configuration.properties;
    assert.deepEqual(
      ['pruna.placeholders.size', 'pruna.outputFormat', 'pruna.outputQuality'].map((id) => [id, properties[id]?.default]),
      [['pruna.placeholders.size', 'exact'], ['pruna.outputFormat', 'auto'], ['pruna.outputQuality', 85]],
    );
    assert.deepEqual(properties['pruna.outputFormat'].enum, ['auto', 'png', 'jpeg', 'webp', 'avif']);
  });

  it('says so when a placeholder must be enlarged more than 1.5×, and still makes the exact size', async () => {
    const page = await writeFile(`${root}/wide/index.html`, '<img src="banner.png" alt="a long panorama of dunes" width="3000" height="1000">\n');
    const shown = recordMessages();
    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: page.toString() });
    assert.equal(saved.length, 1);
    assert.deepEqual(inspect(await readBytes(`${root}/wide/banner.png`)), { format: 'png', width: 3000, height: 1000 });
    assert.ok(shown.some((s) => /enlarged more than 1\.5× \(will look soft\): .*banner\.png 2\.1×/.test(s)), shown.join(' | '));
  });

  it('converts a nameless result to pruna.outputFormat', async () => {
    await vscode.workspace.getConfiguration('pruna').update('outputFormat', 'jpeg', vscode.ConfigurationTarget.Global);
    restores.push(() => void vscode.workspace.getConfiguration('pruna').update('outputFormat', undefined, vscode.ConfigurationTarget.Global));
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'a jpeg please', seed: 8, outputFolder: `${root}/format`, aspectRatio: '1:1' });
    assert.match(uri.path, /\.jpg$/);
    assert.deepEqual(inspect(await vscode.workspace.fs.readFile(uri)), { format: 'jpeg', width: 1024, height: 1024 });
  });
  it('multiplies the size by the density the code states: srcset 2x, @2x names; sizes="180x180" is the size', async () => {
    const text = [
      '<img src="d/logo@2x.png" alt="a blue fox logo" width="100" height="40">',
      '<img src="d/card.png" srcset="d/card-hd.jpg 2x" alt="a mountain lake at dawn" width="150" height="100">',
      '<link rel="icon" type="image/png" href="d/touch.png" sizes="180x180">',
      '',
    ].join('\n');
    const page = await writeFile(`${root}/density/index.html`, text);
    const shown = recordMessages();
    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: page.toString() });
    assert.equal(saved.length, 4, shown.join(' | '));
    assert.deepEqual(inspect(await readBytes(`${root}/density/d/logo@2x.png`)), { format: 'png', width: 200, height: 80 });
    assert.deepEqual(inspect(await readBytes(`${root}/density/d/card.png`)), { format: 'png', width: 150, height: 100 });
    assert.deepEqual(inspect(await readBytes(`${root}/density/d/card-hd.jpg`)), { format: 'jpeg', width: 300, height: 200 });
    assert.deepEqual(inspect(await readBytes(`${root}/density/d/touch.png`)), { format: 'png', width: 180, height: 180 });
    assert.equal((await vscode.workspace.openTextDocument(page)).getText(), text);
    assert.deepEqual(shown.filter((s) => /reference|extension/i.test(s)), []);
  });

  it('saves the model\'s bytes under the model\'s extension when they cannot be decoded, and only offers the update', async () => {
    const text = '<img src="photo.jpg" alt="a lighthouse in fog" width="300" height="200">\n';
    const page = await writeFile(`${root}/broken/index.html`, text);
    // The model's result is a PNG that stops after its first 120 bytes: it sniffs as PNG, no decoder reads it.
    simulator().inject({ path: '/v1/predictions/delivery/', fault: { kind: 'corrupt-image' } });
    const offers: string[] = [];
    restores.push(
      stub(vscode.window, 'showInformationMessage', (async (message: string) => {
        offers.push(message);
        return undefined;
      }) as typeof vscode.window.showInformationMessage),
    );
    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: page.toString() });
    assert.deepEqual(saved.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)), ['photo.png']);
    assert.equal(await exists(`${root}/broken/photo.jpg`), false);
    const bytes = await readBytes(`${root}/broken/photo.png`);
    assert.ok(Buffer.from(bytes).equals(renderImage('corrupt', 1, 512, 512).subarray(0, 120)), 'the saved file is not the model\'s bytes');
    const offer = await waitFor(() => offers.find((m) => m.includes('saved as photo.png')), 'the offer to update the reference');
    assert.match(offer, /^The conversion failed \(.+\); saved as the model made it\. /);
    assert.match(offer, /Update the reference to photo\.png\?$/);
    assert.equal(simulator().requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').length, 1);
    // Offered, never applied: the page still names photo.jpg.
    assert.equal((await vscode.workspace.openTextDocument(page)).getText(), text);
  });
});

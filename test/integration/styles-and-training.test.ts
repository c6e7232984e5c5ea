// LoRA styles and "Train Pruna Style…" against the simulator: a style from .pruna/styles.json runs the -lora model with
// its weights, scale and trigger word; a folder of 10 images (with a caption) is zipped, uploaded and trained, and the
// weights zip is saved into the workspace with a publishing note and a draft style entry.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { unzipSync } from 'fflate';
import { encodePng } from '../simulator/png';
import { useSimulator } from './support/simulator';
import { deletePath, exists, readBytes, readText, writeFile } from './support/workspace';

const DIR = 'styles-test';

describe('LoRA styles and training a style', function () {
  const sim = useSimulator({ timeScale: 0.01, pollIntervalHeader: 0.1 });
  let stylesBefore: string | undefined;

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    stylesBefore = (await exists('.pruna/styles.json')) ? await readText('.pruna/styles.json') : undefined;
    await writeFile('.pruna/styles.json', JSON.stringify({ styles: [{ name: 'Ink Wash', weights: 'huggingface.co/someone/ink-wash', scale: 0.8, trigger: 'inkwash style' }] }));
    for (let i = 1; i <= 10; i++) {
      await writeFile(`${DIR}/ink/${String(i).padStart(2, '0')}.png`, encodePng(32, 32, () => Buffer.alloc(96, i * 20)));
    }
    await writeFile(`${DIR}/ink/01.txt`, 'a heron, inkwash style');
    await writeFile(`${DIR}/ink/notes.md`, 'not an image');
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(DIR);
    await deletePath('.pruna/styles/ink-wash');
    if (stylesBefore === undefined) await deletePath('.pruna/styles.json');
    else await writeFile('.pruna/styles.json', stylesBefore);
  });

  it('generates "in style X" with the matching -lora model, the style’s weights, scale and trigger word', async function () {
    this.timeout(30_000);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.run', { model: 'p-image', style: 'ink wash', input: { prompt: 'a lighthouse' }, outputFolder: `${DIR}/out` });
    assert.ok(uri instanceof vscode.Uri);
    const post = sim().requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions').at(-1)!;
    assert.equal(post.headers['model'], 'p-image-lora', 'the billed model is the one the style names, shown in the header');
    const input = (post.body as { input: Record<string, unknown> }).input;
    assert.equal(input.lora_weights, 'huggingface.co/someone/ink-wash');
    assert.equal(input.lora_scale, 0.8);
    assert.equal(input.prompt, 'inkwash style, a lighthouse');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-video', style: 'Ink Wash', input: { prompt: 'x' } })), /applies to p-image-lora/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-image', style: 'Nope', input: { prompt: 'x' } })), /No style "Nope"/);
  });

  it('trains a style from a folder of 10 images: zip uploaded, weights saved with a note and a draft style', async function () {
    this.timeout(60_000);
    const before = sim().requests.length;
    const result = await vscode.commands.executeCommand<{ weights: vscode.Uri; note: vscode.Uri; style: string }>('pruna.trainStyle', {
      images: [`${DIR}/ink`],
      name: 'Ink Wash',
      trainingType: 'style',
      steps: 500,
      defaultCaption: 'inkwash style',
    });
    const sent = sim().requests.slice(before);
    const upload = sent.find((r) => r.method === 'POST' && r.path === '/v1/files')!;
    assert.ok(upload, 'the zip was uploaded');
    const post = sent.find((r) => r.method === 'POST' && r.path === '/v1/predictions')!;
    assert.equal(post.headers['model'], 'p-image-trainer');
    const input = (post.body as { input: Record<string, unknown> }).input;
    assert.match(String(input.image_data), /^http/);
    assert.deepEqual([input.training_type, input.steps, input.default_caption], ['style', 500, 'inkwash style']);

    // The zip the trainer got: the 10 images and the one caption, nothing else from the folder.
    const fileId = String(input.image_data).split('/').pop()!;
    const uploaded = Buffer.from(await (await fetch(`${sim().url}/v1/files/${fileId}`, { headers: { apikey: 'test-key' } })).arrayBuffer());
    assert.deepEqual(Object.keys(unzipSync(new Uint8Array(uploaded))).sort(), ['01.png', '01.txt', '02.png', '03.png', '04.png', '05.png', '06.png', '07.png', '08.png', '09.png', '10.png']);

    const weights = vscode.workspace.asRelativePath(result.weights, false);
    assert.equal(weights, '.pruna/styles/ink-wash/ink-wash-lora-weights.zip');
    const bytes = Buffer.from(await readBytes(weights));
    assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a zip');
    assert.ok(Object.keys(unzipSync(new Uint8Array(bytes))).some((n) => n.endsWith('.safetensors')));
    assert.match(await readText(vscode.workspace.asRelativePath(result.note, false)), /huggingface\.co\/<your-user>\/ink-wash/);
    const styles = JSON.parse(await readText('.pruna/styles.json')).styles as Record<string, unknown>[];
    const draft = styles.find((s) => s.name === result.style)!;
    assert.equal(result.style, 'Ink Wash 2', 'the existing style keeps its name');
    assert.deepEqual([draft.draft, draft.localWeights, draft.trigger], [true, weights, 'inkwash style']);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.run', { model: 'p-image', style: 'Ink Wash 2', input: { prompt: 'x' } })), /is a draft/);
  });

  it('refuses fewer than 10 images before anything is sent', async () => {
    const before = sim().requests.length;
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.trainStyle', { images: [`${DIR}/ink/01.png`, `${DIR}/ink/02.png`] })), /at least 10 images/);
    assert.equal(sim().requests.length, before);
  });
});

// Agent mode against the simulator in the real host: the tools are listed with their schemas, vscode.lm.invokeTool
// runs them outside a chat (toolInvocationToken undefined), results carry path, snippet, seed and size, mistakes come
// back as text an agent can act on with nothing sent, a canceled token stops watching, and the confirmation names the
// model and the estimate (prepareInvocation through the extension's exports: the test host has no chat UI).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EditImageArgs, GenerateImageArgs, GenerateVideoArgs } from '../../src/extension/commands/args';
import type { AgentToolsApi } from '../../src/extension/tools/register';
import { studioEstimate } from '../../src/extension/tools/studioEstimate';
import { parseToWebview } from '../../src/shared/protocol';
import type { PrunaServices } from '../../src/extension/services';
import { decodePngSize } from '../simulator/index';
import { useSimulator } from './support/simulator';
import { deletePath, exists, listFiles, readBytes, waitFor, workspaceUri, writeFile } from './support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';
const DIR = 'agent-tools-test';
const TOOL_NAMES = ['pruna_generate_image', 'pruna_edit_image', 'pruna_generate_video', 'pruna_fill_missing_images', 'pruna_list_models'];

type Api = PrunaServices & { agentTools: AgentToolsApi };

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

function messageOf(prepared: vscode.PreparedToolInvocation | null | undefined): string {
  const message = prepared?.confirmationMessages?.message;
  return typeof message === 'string' ? message : (message?.value ?? '');
}

function invoke(name: string, input: object, token?: vscode.CancellationToken): Promise<string> {
  return Promise.resolve(vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, token)).then(textOf);
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('pruna').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('agent tools', function () {
  const sim = useSimulator({ timeScale: 0.05 });
  let api: Api;

  before(async () => {
    api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as Api;
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await setting('openAfterSave', false);
    // Outside a chat, VS Code asks for a tool's confirmation in a modal dialog no test can answer: runs under $1 are
    // let through here, and the confirmation itself is checked through prepareInvocation below.
    await setting('confirmCostAbove', 1);
    await writeFile(`${DIR}/page.html`, '<main>\n</main>\n');
  });
  after(async () => {
    await setting('openAfterSave', undefined);
    await setting('confirmCostAbove', undefined);
    await deletePath(DIR);
  });

  function sent(before: number): string[] {
    return sim().requests.slice(before).map((r) => `${r.method} ${r.path}`);
  }

  describe('registration', () => {
    it('lists every tool in vscode.lm.tools with its input schema', () => {
      const listed = vscode.lm.tools.filter((t) => t.name.startsWith('pruna_'));
      assert.deepEqual(listed.map((t) => t.name).sort(), [...TOOL_NAMES].sort());
      for (const tool of listed) {
        const schema = tool.inputSchema as { type?: string; properties?: Record<string, unknown> } | undefined;
        assert.equal(schema?.type, 'object', `${tool.name} has an object schema`);
        assert.ok(tool.description.length > 80, `${tool.name} tells the model when to use it`);
      }
      const required = (name: string) => (listed.find((t) => t.name === name)?.inputSchema as { required?: string[] }).required;
      assert.deepEqual(required('pruna_generate_image'), ['prompt']);
      assert.deepEqual(required('pruna_edit_image'), ['prompt', 'images']);
    });

    it('mirrors each command\'s argument object in the tool schema (plus document, and count for variations)', () => {
      const props = (name: string) =>
        Object.keys((vscode.lm.tools.find((t) => t.name === name)?.inputSchema as { properties: Record<string, unknown> }).properties).sort();
      const keys = (shape: object, extra: string[]) => [...Object.keys(shape).filter((k) => k !== 'wait'), ...extra].sort();
      assert.deepEqual(props('pruna_generate_image'), keys(GenerateImageArgs.shape, ['count', 'document']));
      assert.deepEqual(props('pruna_edit_image'), keys(EditImageArgs.shape, ['document']));
      assert.deepEqual(props('pruna_generate_video'), keys(GenerateVideoArgs.shape, ['document']));
    });

    it('declares a reference name (#prunaImage, …) for every tool so a user can name it in a prompt', () => {
      const declared = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.languageModelTools as {
        name: string;
        toolReferenceName: string;
        canBeReferencedInPrompt: boolean;
      }[];
      assert.deepEqual(
        declared.map((t) => [t.name, t.toolReferenceName, t.canBeReferencedInPrompt]),
        [
          ['pruna_generate_image', 'prunaImage', true],
          ['pruna_edit_image', 'prunaEdit', true],
          ['pruna_generate_video', 'prunaVideo', true],
          ['pruna_fill_missing_images', 'prunaFill', true],
          ['pruna_list_models', 'prunaModels', true],
        ],
      );
    });
  });

  describe('invoking', () => {
    it('generates an image, saves it and returns the path, the snippet for the document, the seed and the size', async () => {
      const before = sim().requests.length;
      const text = await invoke('pruna_generate_image', {
        prompt: 'A lighthouse at dusk',
        aspectRatio: '1:1',
        seed: 42,
        outputFolder: `${DIR}/out`,
        document: `${DIR}/page.html`,
      });
      const path = `${DIR}/out/a-lighthouse-at-dusk-42.png`;
      assert.ok(await exists(path), `saved ${path}; the tool said:\n${text}`);
      assert.deepEqual(decodePngSize(Buffer.from(await readBytes(path))), { width: 1024, height: 1024 });
      assert.match(text, new RegExp(`${path.replace(/[.]/g, '\\.')} \\(1024×1024 px, seed 42\\)`));
      const document = await vscode.workspace.openTextDocument(workspaceUri(`${DIR}/page.html`));
      const snippet = await api.referenceFor(document, workspaceUri(path));
      assert.match(snippet, /^<img src="out\/a-lighthouse-at-dusk-42\.png"/);
      assert.ok(text.includes(snippet), `the result carries the same snippet Insert Reference makes:\n${text}`);
      assert.match(text, /estimated cost: about \$0\.005/);
      assert.equal(sent(before).filter((r) => r === 'POST /v1/predictions').length, 1);
    });

    it('makes variations with count and lists every file', async () => {
      const text = await invoke('pruna_generate_image', { prompt: 'three icons', count: 3, aspectRatio: '1:1', outputFolder: `${DIR}/out` });
      assert.match(text, /Saved 3 images with p-image \(estimated cost: about \$0\.015\)/);
      assert.equal(text.match(/^- agent-tools-test\/out\/three-icons-\d+\.png \(1024×1024 px, seed \d+\)$/gm)?.length, 3, text);
    });

    it('edits a workspace file and an https URL', async () => {
      const { encodePng } = await import('../simulator/png');
      await writeFile(`${DIR}/in.png`, encodePng(64, 64, () => Buffer.alloc(64 * 3, 120)));
      const before = sim().requests.length;
      const text = await invoke('pruna_edit_image', { prompt: 'make it blue', images: [`${DIR}/in.png`, 'https://example.com/cat.png'], seed: 3, outputFolder: `${DIR}/out` });
      assert.match(text, /Saved 1 image with p-image-edit \(estimated cost: price unknown\)/);
      assert.match(text, /agent-tools-test\/out\/make-it-blue-3\.png/);
      assert.deepEqual(sent(before).filter((r) => r.startsWith('POST')), ['POST /v1/files', 'POST /v1/predictions']);
    });

    it('answers invalid input with the field and the allowed values, and sends nothing', async () => {
      const before = sim().requests.length;
      const ratio = await invoke('pruna_generate_image', { prompt: 'x', aspectRatio: '5:4', outputFolder: `${DIR}/out` });
      assert.match(ratio, /^Error \(field "aspectRatio"\): .*must be one of "1:1", "16:9"/);
      assert.match(ratio, /Nothing was sent; fix the input and call pruna_generate_image again\./);
      const unknownKey = await invoke('pruna_generate_image', { prompt: 'x', aspect_ratio: '1:1' });
      assert.match(unknownKey, /field "aspect_ratio".*unknown argument "aspect_ratio"/);
      const model = await invoke('pruna_generate_video', { prompt: 'x', model: 'p-image' });
      assert.match(model, /field "model".*Use one of: p-video, wan-t2v, wan-i2v/);
      const empty = await invoke('pruna_edit_image', { prompt: 'x', images: [] });
      assert.match(empty, /^Error \(field "images"\)/);
      assert.deepEqual(sent(before), [], 'no request reached the API');
    });

    it('says "no API key: ask the user to run Pruna: Set API Key" and sends nothing', async () => {
      const saved = process.env.PRUNA_API_KEY;
      delete process.env.PRUNA_API_KEY;
      const before = sim().requests.length;
      try {
        const text = await invoke('pruna_generate_image', { prompt: 'no key', outputFolder: `${DIR}/out` });
        assert.match(text, /^Error: no API key: ask the user to run the command "Pruna: Set API Key"/);
      } finally {
        process.env.PRUNA_API_KEY = saved;
      }
      assert.deepEqual(sent(before), []);
    });

    it('stops watching when the token is canceled, polls no more and saves nothing', async () => {
      sim().setOptions({ latencyMs: { 'p-video': { starting: 1000, processing: 600_000 } } });
      const source = new vscode.CancellationTokenSource();
      try {
        const before = sim().requests.length;
        const pending = invoke('pruna_generate_video', { prompt: 'a slow sunrise', duration: 2, outputFolder: `${DIR}/video` }, source.token);
        await waitFor(() => sim().requests.slice(before).some((r) => r.method === 'POST' && r.path === '/v1/predictions' && r.status === 201), 'the submit');
        source.cancel();
        // VS Code answers a canceled invokeTool with a CancellationError itself; the tool's own text is checked below.
        await assert.rejects(pending, (e: Error) => e.name === 'Canceled' || /Canceled/.test(e.message));
        const job = await waitFor(() => api.jobs.list().find((j) => j.prompt === 'a slow sunrise' && j.state === 'canceled'), 'the job to be canceled');
        assert.match(job.error ?? '', /no cancel endpoint/);
        const polls = () => sim().requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/predictions/status/')).length;
        const seen = polls();
        await new Promise((r) => setTimeout(r, 3500));
        assert.equal(polls(), seen, 'no more polling after the cancel (p-video polls every 3 s)');
        assert.deepEqual(await listFiles(`${DIR}/video`), [], 'nothing saved (the folder is made before the request, empty)');
      } finally {
        source.dispose();
        sim().setOptions({ latencyMs: undefined });
      }
    });

    it('tells the agent that canceling stopped watching and may still be billed', async () => {
      sim().setOptions({ latencyMs: { 'p-video': { starting: 1000, processing: 600_000 } } });
      const source = new vscode.CancellationTokenSource();
      try {
        const before = sim().requests.length;
        const tool = api.agentTools.tools.get('pruna_generate_video')!;
        const pending = Promise.resolve(tool.invoke({ input: { prompt: 'another slow sunrise', outputFolder: `${DIR}/video` }, toolInvocationToken: undefined }, source.token));
        await waitFor(() => sim().requests.slice(before).some((r) => r.method === 'POST' && r.path === '/v1/predictions' && r.status === 201), 'the submit');
        source.cancel();
        const text = textOf((await pending) as vscode.LanguageModelToolResult);
        assert.match(text, /^Canceled: stopped watching 1 job\. The P-API has no cancel endpoint, so the prediction may still finish on the server and be billed/);
      } finally {
        source.dispose();
        sim().setOptions({ latencyMs: undefined });
      }
    });

    it('lists the models with what they do, their options and their price', async () => {
      const text = await invoke('pruna_list_models', {});
      for (const id of ['p-image', 'p-image-edit', 'p-video', 'wan-t2v', 'wan-i2v']) assert.match(text, new RegExp(`^## ${id} `, 'm'));
      assert.match(text, /Price: \$0\.005 per image/);
      assert.match(text, /## p-image-edit[^]*?Price: price unknown/);
      assert.match(text, /- aspectRatio: 1:1 \| 16:9/);
      const videos = await invoke('pruna_list_models', { kind: 'video' });
      assert.doesNotMatch(videos, /## p-image/);
    });

    it('tallies the estimated spend of this window for Show Jobs', async () => {
      const spend = api.agentTools.spend;
      spend.scan();
      const window = spend.thisWindow();
      assert.ok(window.runs >= 5, `counted the runs of this suite (${JSON.stringify(window)})`);
      assert.ok(window.usd >= 0.02, 'the four p-image runs at $0.005 at least');
      assert.match(spend.summary(), /^Spent today ≈ \$[\d.]+ \(\d+ runs?.*\), this window ≈ .* estimated from published prices, not a bill$/);
    });
  });

  describe('confirmation', () => {
    const token = new vscode.CancellationTokenSource().token;
    const prepare = (name: string, input: Record<string, unknown>) => Promise.resolve(api.agentTools.tools.get(name)!.prepareInvocation!({ input }, token));

    before(() => setting('confirmCostAbove', undefined));
    after(() => setting('confirmCostAbove', 1));

    it('says what will be sent and what it costs, with the model and the estimate', async () => {
      const prepared = await prepare('pruna_generate_image', { prompt: 'hero image for a bakery', outputFolder: 'assets/generated' });
      assert.ok(prepared?.confirmationMessages, 'asks by default (confirmCostAbove 0)');
      assert.match(messageOf(prepared), /^Generate 1 image with p-image \(about \$0\.005\), save to `assets\/generated\/`\./);
      assert.match(messageOf(prepared), /Prompt: “hero image for a bakery”/);
    });

    it('shows the total of a batch and of a video', async () => {
      assert.match(messageOf(await prepare('pruna_generate_image', { prompt: 'x', count: 4 })), /^Generate 4 images with p-image \(about \$0\.02 in total, 4 × \$0\.005\)/);
      assert.match(
        messageOf(await prepare('pruna_generate_video', { prompt: 'x', duration: 10, resolution: '1080p' })),
        /^Generate a 10-second 1080p video with p-video \(about \$0\.40\)/,
      );
      assert.match(messageOf(await prepare('pruna_generate_video', { prompt: 'x' })), /^Generate a 5-second 720p video with p-video \(about \$0\.10\)/);
    });

    it('says plainly when the price is unknown, and always asks then', async () => {
      await setting('confirmCostAbove', 5);
      try {
        const prepared = await prepare('pruna_edit_image', { prompt: 'x', images: ['https://example.com/a.png'] });
        assert.match(messageOf(prepared), /with p-image-edit into 1 new image \(price unknown: p-image-edit has no published price\)/);
        assert.match(messageOf(prepared), /Sends the URL: `https:\/\/example\.com\/a\.png`/);
      } finally {
        await setting('confirmCostAbove', undefined);
      }
    });

    it('skips the question for runs at or under pruna.confirmCostAbove', async () => {
      await setting('confirmCostAbove', 0.01);
      try {
        const cheap = await prepare('pruna_generate_image', { prompt: 'x' });
        assert.equal(cheap?.confirmationMessages, undefined);
        assert.match(String(cheap?.invocationMessage), /Generating 1 image with p-image/);
        assert.ok((await prepare('pruna_generate_image', { prompt: 'x', count: 4 }))?.confirmationMessages, '$0.02 is above $0.01');
      } finally {
        await setting('confirmCostAbove', undefined);
      }
    });

    it('ignores a workspace value of pruna.confirmCostAbove: a cloned repository cannot turn the question off', async () => {
      // The repository's own .vscode/settings.json, as a clone brings it; pruna.seed proves the file was read.
      await writeFile('.vscode/settings.json', JSON.stringify({ 'pruna.confirmCostAbove': 100, 'pruna.seed': '7' }));
      try {
        await waitFor(() => vscode.workspace.getConfiguration('pruna').get('seed') === '7', 'the workspace settings to load');
        assert.ok((await prepare('pruna_generate_image', { prompt: 'x' }))?.confirmationMessages, 'still asks');
      } finally {
        await deletePath('.vscode/settings.json');
        await waitFor(() => vscode.workspace.getConfiguration('pruna').get('seed') !== '7', 'the workspace settings to go');
      }
    });

    it('asks nothing for input that will be refused (nothing is sent)', async () => {
      const prepared = await prepare('pruna_generate_image', { prompt: 'x', aspect_ratio: '1:1' });
      assert.equal(prepared?.confirmationMessages, undefined);
    });
  });

  describe('filling missing images', () => {
    before(async () => {
      await writeFile(`${DIR}/fill/page.md`, '# Bakery\n\n![A loaf of sourdough bread on a wooden board](img/bread.png)\n');
    });

    it('confirms the plan of the dry run: every file it will make, its size and prompt, and the total', async () => {
      await setting('confirmCostAbove', undefined);
      try {
        const before = sim().requests.length;
        const tool = api.agentTools.tools.get('pruna_fill_missing_images')!;
        const prepared = await tool.prepareInvocation!({ input: { uri: `${DIR}/fill/page.md` } }, new vscode.CancellationTokenSource().token);
        const message = messageOf(prepared);
        assert.ok(prepared?.confirmationMessages, message);
        assert.match(message, /^Generate 1 missing image with p-image \(about \$0\.005 in total\), saved at the paths `agent-tools-test\/fill\/page\.md` references:/);
        assert.match(message, /^- `agent-tools-test\/fill\/img\/bread\.png` \d+×\d+: “.*sourdough bread/m);
        assert.deepEqual(sent(before), [], 'planning sends nothing');
      } finally {
        await setting('confirmCostAbove', 1);
      }
    });

    it('generates the missing file at the referenced path and returns it', async () => {
      const text = await invoke('pruna_fill_missing_images', { uri: `${DIR}/fill/page.md` });
      assert.match(text, /^Made 1 of 1 missing image with p-image \(estimated cost: about \$0\.005\)/);
      assert.match(text, /^- agent-tools-test\/fill\/img\/bread\.png \(\d+×\d+ px, seed \d+\)$/m);
      assert.ok(await exists(`${DIR}/fill/img/bread.png`));
      assert.match(await invoke('pruna_fill_missing_images', { uri: `${DIR}/fill/page.md` }), /^No missing images in agent-tools-test\/fill\/page\.md/);
    });

    it('generates only what the user confirmed, with the prompt they saw, even if the document changed since', async () => {
      await writeFile(`${DIR}/fill/two.md`, '![a red kite](img/kite.png)\n');
      const tool = api.agentTools.tools.get('pruna_fill_missing_images')!;
      const input = { uri: `${DIR}/fill/two.md` };
      const prepared = await tool.prepareInvocation!({ input }, new vscode.CancellationTokenSource().token);
      assert.match(String(prepared?.invocationMessage), /^Generating 1 missing image /);
      await writeFile(`${DIR}/fill/two.md`, '![a red kite](img/kite.png)\n![a blue boat](img/boat.png)\n');
      const before = sim().requests.length;
      const result = await tool.invoke({ input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
      const text = textOf(result as vscode.LanguageModelToolResult);
      assert.match(text, /^Made 1 of 1 missing image with p-image/);
      assert.ok(await exists(`${DIR}/fill/img/kite.png`));
      assert.equal(await exists(`${DIR}/fill/img/boat.png`), false, 'the unconfirmed reference is not filled');
      assert.equal(sent(before).filter((r) => r === 'POST /v1/predictions').length, 1);
      const prompt = (sim().requests.slice(before).find((r) => r.method === 'POST' && r.path === '/v1/predictions')?.body as { input: { prompt: string } }).input.prompt;
      assert.match(prompt, /red kite/);
    });
  });

  describe('Studio run button estimate', () => {
    it('answers the panel with the estimate of the filled-in form, labelled as an estimate', () => {
      const form = { model: 'p-image', prompt: 'x', params: {}, images: [], count: 4 };
      const reply = studioEstimate(form);
      assert.deepEqual([reply.known, reply.text], [true, 'Estimated ≈ $0.02']);
      assert.match(reply.detail, /4 × \$0\.005.*published prices/);
      assert.ok(parseToWebview({ id: 1, replyTo: 1, body: reply }).ok, 'a message the webview accepts');
      assert.equal(studioEstimate({ model: 'p-video', prompt: 'x', params: { duration: 8, resolution: '1080p' }, images: [], count: 1 }).text, 'Estimated ≈ $0.32');
      const unknown = studioEstimate({ model: 'wan-t2v', prompt: 'x', params: {}, images: [], count: 1 });
      assert.deepEqual([unknown.known, unknown.text], [false, 'Price unknown']);
    });
  });
});

// Each mistake of the list gets a message that says what happened and what to do, and everything that can be
// checked locally is refused before any request is sent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { encodePng } from '../simulator/png';
import { useSimulator } from './support/simulator';
import { deletePath, workspaceUri, writeFile } from './support/workspace';

const DIR = 'bad-input-test';

type Failure = Error & { kind?: string; fields?: string[] };

function run(command: string, args: unknown): Promise<unknown> {
  return Promise.resolve(vscode.commands.executeCommand(command, args));
}

describe('bad input', function () {
  const sim = useSimulator({ timeScale: 0.05 });
  let pngPath: string;

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    const png = encodePng(64, 64, () => Buffer.alloc(64 * 3, 200));
    pngPath = (await writeFile(`${DIR}/in.png`, png)).fsPath;
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(DIR);
  });

  /** Runs the command, expects a rejection matching `message`, and that nothing reached the API. */
  async function refusedLocally(command: string, args: unknown, message: RegExp, kind?: string): Promise<Failure> {
    const before = sim().requests.length;
    let caught: Failure | undefined;
    await assert.rejects(run(command, args), (e: Failure) => {
      caught = e;
      return true;
    });
    assert.match(caught!.message, message);
    if (kind) assert.equal(caught!.kind, kind);
    assert.deepEqual(sim().requests.slice(before).map((r) => `${r.method} ${r.path}`), [], 'nothing was sent');
    return caught!;
  }

  it('refuses an empty prompt', async () => {
    const e = await refusedLocally('pruna.generateImage', { prompt: '   ' }, /The prompt is empty: describe what to generate/, 'invalid-input');
    assert.deepEqual(e.fields, ['prompt']);
  });

  it('refuses a missing prompt and names the argument', async () => {
    await refusedLocally('pruna.generateImage', { aspectRatio: '1:1' }, /pruna\.generateImage: "prompt" is required/);
  });

  it('refuses an unknown argument name instead of ignoring it', async () => {
    await refusedLocally('pruna.generateImage', { prompt: 'x', aspect_ratio: '1:1' }, /unknown argument "aspect_ratio"/);
  });

  it('refuses a model that cannot do the job', async () => {
    await refusedLocally('pruna.generateImage', { prompt: 'x', model: 'p-video' }, /"p-video" is not a text-to-image model/);
    await refusedLocally('pruna.generateVideo', { prompt: 'x', model: 'sora' }, /"sora" is not a video model/);
  });

  for (const seed of [1.5, -1, 2147483648, '12']) {
    it(`refuses the seed ${JSON.stringify(seed)}`, async () => {
      const e = await refusedLocally('pruna.generateImage', { prompt: 'x', seed }, /The seed must be a whole number from 0 to 2147483647/, 'invalid-input');
      assert.deepEqual(e.fields, ['seed']);
    });
  }

  it('refuses a custom size outside the model\'s limits, saying what the limits are', async () => {
    await refusedLocally('pruna.generateImage', { prompt: 'x', width: 100, height: 512 }, /custom width of 100 .* 256–1440 pixels and a multiple of 16/);
    await refusedLocally('pruna.generateImage', { prompt: 'x', width: 512, height: 1000 }, /custom height of 1000/);
  });

  it('refuses an aspect ratio the model does not offer', async () => {
    await refusedLocally('pruna.generateImage', { prompt: 'x', aspectRatio: '5:4' }, /aspect_ratio/i, 'invalid-input');
  });

  it('refuses an output folder outside the workspace', async () => {
    await refusedLocally('pruna.generateImage', { prompt: 'x', outputFolder: '../elsewhere' }, /points outside the workspace/, 'output-folder');
    await refusedLocally('pruna.generateImage', { prompt: 'x', outputFolder: '/tmp/pruna' }, /is not relative to the workspace/, 'output-folder');
  });

  it('refuses a file name with a folder in it', async () => {
    await refusedLocally('pruna.generateImage', { prompt: 'x', fileName: 'sub/hero.png' }, /put the folder in outputFolder/);
  });

  it('refuses a target that cannot be written, before generating anything', async () => {
    await writeFile(`${DIR}/blocker`, 'a file where a folder should be');
    await refusedLocally('pruna.generateImage', { prompt: 'x', outputFolder: `${DIR}/blocker/out` }, /Cannot create the output folder .*blocker\/out/, 'read-only');
  });

  it('refuses more than 5 images to edit', async () => {
    await refusedLocally('pruna.editImage', { prompt: 'x', images: Array(6).fill(pngPath) }, /takes at most 5 images; 6 were given/, 'invalid-input');
  });

  it('refuses an edit without images', async () => {
    await refusedLocally('pruna.editImage', { prompt: 'x', images: [] }, /needs at least 1 input image/);
  });

  it('refuses a plain http URL', async () => {
    await refusedLocally('pruna.editImage', { prompt: 'x', images: ['http://example.com/cat.png'] }, /only fetches public https URLs/);
  });

  it('refuses a file that is not an image', async () => {
    const text = await writeFile(`${DIR}/notes.txt`, 'just text, not pixels');
    const e = await refusedLocally('pruna.editImage', { prompt: 'x', images: [text] }, /notes\.txt/);
    assert.equal(e.kind, 'invalid-file');
  });

  it('refuses a file that cannot be read', async () => {
    const e = await refusedLocally('pruna.editImage', { prompt: 'x', images: [`${DIR}/missing.png`] }, /missing\.png/);
    assert.equal(e.kind, 'invalid-file');
  });

  it('refuses a file over 100 MB without uploading it', async () => {
    const big = workspaceUri(`${DIR}/huge.png`).fsPath;
    fs.writeFileSync(big, encodePng(8, 8, () => Buffer.alloc(24)));
    fs.truncateSync(big, 101 * 1024 * 1024); // sparse: costs no disk
    const e = await refusedLocally('pruna.editImage', { prompt: 'x', images: [big] }, /the P-API accepts files up to 100(\.0)? MB/);
    assert.equal(e.kind, 'file-too-large');
  });

  it('refuses a variation count out of range', async () => {
    await refusedLocally('pruna.generateVariations', { prompt: 'x', count: 0 }, /"count" must be a whole number from 1 to 8/);
    await refusedLocally('pruna.generateVariations', { prompt: 'x', count: 50 }, /"count" must be a whole number from 1 to 8/);
  });

  it('refuses a duration on a video model that has none', async () => {
    await refusedLocally('pruna.generateVideo', { prompt: 'x', model: 'wan-t2v', duration: 5 }, /"duration" applies to p-video only/);
  });

  it('refuses a malformed pruna.seed setting instead of silently using a random seed', async () => {
    const config = vscode.workspace.getConfiguration('pruna');
    await config.update('seed', -5, vscode.ConfigurationTarget.Global);
    try {
      await refusedLocally('pruna.generateImage', { prompt: 'x', outputFolder: DIR }, /The setting pruna\.seed is -5; use "random" or a whole number/);
    } finally {
      await config.update('seed', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('refuses to send the key to a plain-http API base URL from the settings', async () => {
    const config = vscode.workspace.getConfiguration('pruna');
    const savedUrl = process.env.PRUNA_API_BASE_URL;
    delete process.env.PRUNA_API_BASE_URL;
    await config.update('apiBaseUrl', 'http://api.example.com', vscode.ConfigurationTarget.Global);
    try {
      await assert.rejects(run('pruna.generateImage', { prompt: 'where does my key go', outputFolder: DIR }), /pruna\.apiBaseUrl .*not an https URL/);
    } finally {
      process.env.PRUNA_API_BASE_URL = savedUrl;
      await config.update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('says the network is down when the API cannot be reached', async () => {
    const saved = process.env.PRUNA_API_BASE_URL;
    const closed = await new Promise<number>((resolve) => {
      const server = require('node:net').createServer();
      server.listen(0, '127.0.0.1', () => {
        const port = server.address().port;
        server.close(() => resolve(port));
      });
    });
    process.env.PRUNA_API_BASE_URL = `http://127.0.0.1:${closed}`;
    try {
      await assert.rejects(run('pruna.generateImage', { prompt: 'offline', outputFolder: DIR }), (e: Failure) => {
        assert.equal(e.kind, 'network');
        assert.match(e.message, /Could not reach the P-API .*Check your connection/);
        return true;
      });
    } finally {
      process.env.PRUNA_API_BASE_URL = saved;
    }
  });

  it('says the server failed, that the request may have been billed, and that retrying may help, on a 500', async () => {
    sim().inject({ method: 'POST', path: '/v1/predictions', times: Infinity, fault: { kind: 'status', code: 500, body: 'envelope' } });
    try {
      await assert.rejects(run('pruna.generateImage', { prompt: 'server down', outputFolder: DIR }), (e: Failure & { retryable?: boolean }) => {
        // A 500 to a submit may still have created the prediction: the message must say so, not just "try again".
        assert.equal(e.kind, 'ambiguous-submit');
        assert.match(e.message, /may still have been created and billed; retrying starts a new/);
        assert.equal(e.retryable, true);
        return true;
      });
    } finally {
      sim().reset();
    }
  });

  it('passes on the reason when a generation fails on the server', async () => {
    sim().failNext('p-image', 'Safety filter triggered');
    await assert.rejects(run('pruna.generateImage', { prompt: 'refused', outputFolder: DIR }), (e: Failure) => {
      assert.equal(e.kind, 'generation-failed');
      assert.match(e.message, /Safety filter triggered/);
      return true;
    });
  });
});

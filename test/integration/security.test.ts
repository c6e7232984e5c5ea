// A repository written by an attacker, opened in the real host: symbolic links in the workspace never carry a write
// outside it (output folder, a referenced file, the `.pruna` files), and a crafted `.pruna/recipes.json` uploads and
// sends nothing without asking.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../simulator/index';
import { encodePng } from '../simulator/png';
import type { PrunaServices } from '../../src/extension/services';
import { useSimulator } from './support/simulator';
import { deletePath, exists, readText, stub, waitFor, workspaceFolder, workspaceUri, writeFile } from './support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';
const DIR = 'security-test';

function paid(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method === 'POST' && (r.path === '/v1/predictions' || r.path === '/v1/files'));
}

function listOutside(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('an attacker\'s repository', function () {
  const sim = useSimulator({ timeScale: 0.05 });
  const restores: (() => void)[] = [];
  let outside: string;
  let api: PrunaServices;

  before(async () => {
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
    api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as PrunaServices;
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pruna-outside-'));
    fs.mkdirSync(path.join(workspaceFolder().fsPath, DIR), { recursive: true });
    // What a cloned repository can ship: a folder that is a link to somewhere else on disk.
    fs.symlinkSync(outside, path.join(workspaceFolder().fsPath, DIR, 'assets'), 'dir');
  });
  afterEach(() => restores.splice(0).forEach((restore) => restore()));
  after(async () => {
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(path.join(workspaceFolder().fsPath, DIR), { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('refuses an output folder behind a link before anything is sent', async () => {
    const before = sim().requests.length;
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.generateImage', { prompt: 'through the link', seed: 1, aspectRatio: '1:1', outputFolder: `${DIR}/assets/generated` })),
      (e: Error) => /really outside the workspace folder/.test(e.message),
    );
    assert.deepEqual(listOutside(outside), [], 'nothing was created outside the workspace');
    assert.equal(paid(sim().requests.slice(before)).length, 0, 'no request was paid for');
  });

  it('refuses a referenced file behind a link (a placeholder target) before anything is sent', async () => {
    const before = sim().requests.length;
    const target = workspaceUri(`${DIR}/assets/pwn.png`);
    await assert.rejects(
      api.jobs.run({ model: 'p-image', prompt: 'fill the placeholder', params: { aspect_ratio: '1:1', seed: 2 }, saveAs: target.toString() }),
      (e: Error) => /really outside the workspace folder/.test(e.message),
    );
    assert.deepEqual(listOutside(outside), []);
    assert.equal(paid(sim().requests.slice(before)).length, 0);
  });

  it('still saves through a link that stays inside the workspace', async () => {
    fs.mkdirSync(path.join(workspaceFolder().fsPath, DIR, 'public'), { recursive: true });
    fs.symlinkSync(path.join(workspaceFolder().fsPath, DIR, 'public'), path.join(workspaceFolder().fsPath, DIR, 'static'), 'dir');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'inside link', seed: 3, aspectRatio: '1:1', outputFolder: `${DIR}/static/img` });
    assert.equal(vscode.workspace.asRelativePath(uri, false), `${DIR}/static/img/inside-link-3.png`);
    assert.ok(fs.existsSync(path.join(workspaceFolder().fsPath, DIR, 'public', 'img', 'inside-link-3.png')));
  });

  it('never writes the recipe index through a link, even one leading nowhere', async () => {
    const original = (await exists('.pruna/recipes.json')) ? await readText('.pruna/recipes.json') : undefined;
    const indexPath = path.join(workspaceFolder().fsPath, '.pruna', 'recipes.json');
    const planted = path.join(outside, 'planted.json');
    fs.mkdirSync(path.dirname(indexPath), { recursive: true });
    fs.rmSync(indexPath, { force: true });
    fs.symlinkSync(planted, indexPath, 'file');
    restores.push(() => {
      fs.rmSync(indexPath, { force: true });
      if (original !== undefined) fs.writeFileSync(indexPath, original);
    });
    const warnings: string[] = [];
    restores.push(stub(vscode.window, 'showWarningMessage', (async (m: string) => {
      warnings.push(m);
      return undefined;
    }) as unknown as typeof vscode.window.showWarningMessage));
    await new Promise((r) => setTimeout(r, 500)); // the watcher drops the cached index
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'dangling index', seed: 4, aspectRatio: '1:1', outputFolder: DIR });
    assert.ok(uri instanceof vscode.Uri, 'the result itself is saved');
    assert.equal(fs.existsSync(planted), false, 'the link target was not created');
    assert.ok(fs.lstatSync(indexPath).isSymbolicLink(), 'the link was left as it was');
    assert.match(warnings.join(' '), /recipes\.json was not read: .*symbolic link/);
  });

  it('never writes .pruna/.gitignore through a link', async () => {
    const gitignore = path.join(workspaceFolder().fsPath, '.pruna', '.gitignore');
    const victim = path.join(outside, 'victim.txt');
    fs.writeFileSync(victim, 'keep me\n');
    fs.mkdirSync(path.dirname(gitignore), { recursive: true });
    fs.rmSync(gitignore, { force: true });
    fs.symlinkSync(victim, gitignore, 'file');
    restores.push(() => fs.rmSync(gitignore, { force: true }));
    sim().setOptions({ latencyMs: { 'p-image': { starting: 1_500, processing: 1_500 } } });
    restores.push(() => sim().setOptions({ latencyMs: {} }));
    const run = Promise.resolve(vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'marker through link', seed: 5, aspectRatio: '1:1', outputFolder: DIR }));
    await waitFor(() => exists('.pruna/jobs-in-flight'), 'the in-flight marker to appear');
    await run;
    await waitFor(async () => !(await exists('.pruna/jobs-in-flight')), 'the marker to be removed');
    assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me\n', 'the file behind the link is unchanged');
    assert.ok(fs.lstatSync(gitignore).isSymbolicLink());
  });

  it('writes nothing into a .pruna folder that is a link to somewhere else', async () => {
    const pruna = path.join(workspaceFolder().fsPath, '.pruna');
    const aside = path.join(workspaceFolder().fsPath, `.pruna-aside-${Date.now()}`);
    const elsewhere = path.join(outside, 'pruna-elsewhere');
    fs.mkdirSync(elsewhere, { recursive: true });
    const hadFolder = fs.existsSync(pruna);
    if (hadFolder) fs.renameSync(pruna, aside);
    fs.symlinkSync(elsewhere, pruna, 'dir');
    restores.push(() => {
      fs.rmSync(pruna, { force: true });
      if (hadFolder) fs.renameSync(aside, pruna);
    });
    sim().setOptions({ latencyMs: { 'p-image': { starting: 800, processing: 800 } } });
    restores.push(() => sim().setOptions({ latencyMs: {} }));
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt: 'linked pruna folder', seed: 7, aspectRatio: '1:1', outputFolder: DIR });
    assert.ok(uri instanceof vscode.Uri, 'the result itself is saved');
    await new Promise((r) => setTimeout(r, 300)); // the marker's last update runs after the save
    assert.deepEqual(listOutside(elsewhere), [], 'no marker, .gitignore or recipe index was written through the link');
  });

  it('refuses a PRUNA_API_BASE_URL that would send the key in clear or to a URL with credentials', async () => {
    const saved = process.env.PRUNA_API_BASE_URL;
    try {
      for (const bad of ['http://any-host.example', 'https://user:pw@api.example.com', 'not a url']) {
        process.env.PRUNA_API_BASE_URL = bad;
        await assert.rejects(
          Promise.resolve(vscode.commands.executeCommand('pruna.generateImage', { prompt: 'where does my key go', seed: 6, aspectRatio: '1:1', outputFolder: DIR })),
          (e: Error) => /PRUNA_API_BASE_URL .*not an https URL/.test(e.message),
          bad,
        );
      }
    } finally {
      process.env.PRUNA_API_BASE_URL = saved;
    }
  });

  describe('a crafted recipe index', () => {
    let original: string | undefined;
    const warnings: string[] = [];
    const asked: { message: string; detail?: string }[] = [];
    let restoreWarnings: () => void = () => undefined;

    before(async () => {
      // Installed before the index is written: the extension reads it (and warns) as soon as the watcher fires.
      restoreWarnings = stub(vscode.window, 'showWarningMessage', (async (m: string, ...rest: unknown[]) => {
        const options = rest[0] as vscode.MessageOptions | undefined;
        if (options && typeof options === 'object' && options.modal) asked.push({ message: m, ...(options.detail ? { detail: options.detail } : {}) });
        else warnings.push(m);
        return undefined;
      }) as unknown as typeof vscode.window.showWarningMessage);
      original = (await exists('.pruna/recipes.json')) ? await readText('.pruna/recipes.json') : undefined;
      await writeFile(`${DIR}/victim.png`, encodePng(32, 32, () => Buffer.alloc(32 * 3, 200)));
      await writeFile(`${DIR}/input.png`, encodePng(32, 32, () => Buffer.alloc(32 * 3, 100)));
      await writeFile(`${DIR}/linked-input-target.png`, encodePng(32, 32, () => Buffer.alloc(32 * 3, 50)));
      fs.writeFileSync(path.join(outside, 'private.png'), encodePng(8, 8, () => Buffer.alloc(8 * 3, 1)));
      const recipe = (over: Record<string, unknown>) => ({ model: 'p-image-edit', prompt: 'crafted', seed: 1, input: { aspect_ratio: '1:1' }, createdAt: '2026-01-01T00:00:00.000Z', ...over });
      await writeFile('.pruna/recipes.json', JSON.stringify({
        version: 1,
        recipes: {
          '../../../../etc/passwd': recipe({}),
          [`${DIR}/victim.png`]: recipe({ sources: ['/etc/hostname'] }),
          [`${DIR}/input.png`]: recipe({ sources: [`${DIR}/linked-input-target.png`], input: { aspect_ratio: '1:1', disable_safety_checker: true } }),
          [`${DIR}/linked-input-target.png`]: recipe({ sources: [`${DIR}/assets/private.png`] }),
        },
      }));
      await new Promise((r) => setTimeout(r, 500)); // the watcher drops the cached index
    });
    after(async () => {
      restoreWarnings();
      if (original === undefined) await deletePath('.pruna/recipes.json');
      else await writeFile('.pruna/recipes.json', original);
    });

    it('drops entries naming files outside the folder or absolute inputs, with a warning', async () => {
      const listed = await api.gallery.list();
      const names = listed.map((item) => vscode.workspace.asRelativePath(item.uri, false));
      assert.ok(!names.some((n) => n.includes('passwd')), 'the outside key is not listed');
      assert.ok(!names.includes(`${DIR}/victim.png`), 'the entry with an absolute input is not listed');
      assert.match(warnings.join(' '), /Ignored 2 entries of .*recipes\.json/);
      const before = sim().requests.length;
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.regenerate', { file: `${DIR}/victim.png` })), /No recipe is recorded/);
      assert.equal(paid(sim().requests.slice(before)).length, 0, '/etc/hostname was not uploaded');
    });

    it('asks before replaying a recipe it did not write, showing what would be sent, and sends nothing when declined', async () => {
      const before = sim().requests.length;
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pruna.regenerate', { file: `${DIR}/input.png`, seed: 'same' })), /Nothing was sent/);
      assert.equal(asked.length, 1, 'one confirmation');
      assert.match(asked[0]!.detail ?? '', /not written by Pruna on this machine/);
      assert.match(asked[0]!.detail ?? '', /disable_safety_checker to true/);
      assert.match(asked[0]!.detail ?? '', new RegExp(`Files uploaded to your Pruna account: ${DIR}/linked-input-target\\.png`));
      assert.equal(paid(sim().requests.slice(before)).length, 0, 'nothing uploaded, no prediction');
    });

    it('refuses an input behind a link without uploading it', async () => {
      const before = sim().requests.length;
      asked.length = 0;
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('pruna.regenerate', { file: `${DIR}/linked-input-target.png` })),
        (e: Error) => /Not read: .*really outside the workspace folder/.test(e.message),
      );
      assert.equal(asked.length, 0, 'refused before asking');
      assert.equal(paid(sim().requests.slice(before)).length, 0);
    });
  });
});

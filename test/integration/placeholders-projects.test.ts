// Placeholders in framework projects, in the real host: a Next.js app's `/hero.png` is offered and generated into
// public/, each app of a monorepo resolves against its own root, and the dry run returns the plan without a request.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { decodePngSize } from '../simulator/index';
import { codeActionsOnly } from './support/codeActions';
import { useSimulator } from './support/simulator';
import { deletePath, exists, readBytes, stub, workspaceUri, writeFile } from './support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';
const GENERATE = 'Generate placeholder with Pruna';
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const root = `projects-${Date.now().toString(36)}`;

interface Planned {
  target: string;
  references: { document: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
  prompt: string;
  size: { width?: number; height?: number; explanation: string };
  resolution: { form: string; root: string; rule: string };
}

async function codeActionsAt(uri: vscode.Uri, text: string, needle: string): Promise<vscode.CodeAction[]> {
  return codeActionsOnly(uri, text.indexOf(needle) + 1);
}

async function step<T>(what: string, run: () => Thenable<T> | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const nextPage = (image: string) =>
  `import Image from 'next/image';\n\nexport default function Home() {\n  return (\n    <main>\n      <h1>Cabins</h1>\n      <Image src="${image}" width={1200} height={630} alt="a mountain cabin at dusk" />\n    </main>\n  );\n}\n`;

describe('placeholders in framework projects', function () {
  this.timeout(60_000);
  const simulator = useSimulator({ timeScale: 0 });
  const restores: (() => void)[] = [];

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  afterEach(() => {
    while (restores.length) restores.pop()!();
    simulator().reset();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await deletePath(root);
  });

  it('offers /hero.png in a Next.js app/page.tsx and generates it into public/', async () => {
    await writeFile(`${root}/next/package.json`, JSON.stringify({ dependencies: { next: '15.0.0', react: '19.0.0' } }));
    const text = nextPage('/hero.png');
    const page = await writeFile(`${root}/next/app/page.tsx`, text);
    const actions = (await step('asking for code actions', () => codeActionsAt(page, text, '/hero.png'))).filter((a) => a.title === GENERATE);
    assert.equal(actions.length, 1, 'no lightbulb on /hero.png');
    restores.push(stub(vscode.window, 'showInputBox', (async (o?: vscode.InputBoxOptions) => o?.value) as typeof vscode.window.showInputBox));
    const action = actions[0]!;
    const saved = await step('running the action', () => vscode.commands.executeCommand<vscode.Uri[]>(action.command!.command, ...(action.command!.arguments ?? [])));
    assert.equal(saved[0]?.toString(), workspaceUri(`${root}/next/public/hero.png`).toString());
    const bytes = await readBytes(`${root}/next/public/hero.png`);
    assert.deepEqual([...bytes.slice(0, 4)], PNG_MAGIC);
    assert.ok(decodePngSize(Buffer.from(bytes)), 'not a PNG');
    assert.equal(await exists(`${root}/next/app/hero.png`), false, 'written next to the page instead of public/');
    // Now that it exists, no lightbulb.
    assert.equal((await step('asking again', () => codeActionsAt(page, text, '/hero.png'))).filter((a) => a.title === GENERATE).length, 0);
  });

  it('proposes nothing in a public/ folder that links out of the workspace', async () => {
    await writeFile(`${root}/linked/package.json`, JSON.stringify({ dependencies: { next: '15.0.0' } }));
    const text = nextPage('/banner.png');
    const page = await writeFile(`${root}/linked/app/page.tsx`, text);
    const outside = mkdtempSync(join(tmpdir(), 'pruna-outside-'));
    try {
      symlinkSync(outside, workspaceUri(`${root}/linked/public`).fsPath, 'dir');
      const plan = await vscode.commands.executeCommand<Planned[]>('pruna.generateMissingImages', { uri: page.toString(), dryRun: true });
      assert.deepEqual(plan, []);
      assert.equal((await codeActionsAt(page, text, '/banner.png')).filter((a) => a.title === GENERATE).length, 0);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('follows a config change (the cache is dropped by the config watcher) and falls back silently without a chat model', async () => {
    await writeFile(`${root}/vite/package.json`, JSON.stringify({ devDependencies: { vite: '6.0.0' } }));
    await writeFile(`${root}/vite/vite.config.ts`, "export default defineConfig({ publicDir: 'static' })\n");
    const html = await writeFile(`${root}/vite/index.html`, '<h1>Trail running</h1>\n<img src="/trail.png" alt="runners on a ridge at sunrise" width="1200" height="600">\n');
    const targetOf = async () => (await vscode.commands.executeCommand<Planned[]>('pruna.generateMissingImages', { uri: html.toString(), dryRun: true })).map((p) => p.target);
    assert.deepEqual(await targetOf(), [workspaceUri(`${root}/vite/static/trail.png`).toString()]);
    await writeFile(`${root}/vite/vite.config.ts`, "export default defineConfig({ publicDir: 'assets' })\n");
    const expected = workspaceUri(`${root}/vite/assets/trail.png`).toString();
    const deadline = Date.now() + 10_000;
    let now = await targetOf();
    while (now[0] !== expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      now = await targetOf();
    }
    assert.deepEqual(now, [expected]);

    const settings = vscode.workspace.getConfiguration('pruna.placeholders');
    await settings.update('promptsFromChatModel', true, vscode.ConfigurationTarget.Workspace);
    await settings.update('style', 'watercolour, soft light', vscode.ConfigurationTarget.Workspace);
    try {
      const [planned] = await vscode.commands.executeCommand<Planned[]>('pruna.generateMissingImages', { uri: html.toString(), dryRun: true });
      // No chat model in the test host: the built-in prompt, with the style appended.
      assert.equal(planned?.prompt, 'runners on a ridge at sunrise, watercolour, soft light');
    } finally {
      await settings.update('promptsFromChatModel', undefined, vscode.ConfigurationTarget.Workspace);
      await settings.update('style', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.equal(simulator().requests.length, 0);
  });

  it('resolves each app of a monorepo against its own root, in a dry run that sends no request', async () => {
    await writeFile(`${root}/mono/package.json`, JSON.stringify({ private: true, workspaces: ['apps/*'] }));
    await writeFile(`${root}/mono/apps/web/package.json`, JSON.stringify({ dependencies: { next: '15.0.0' } }));
    await writeFile(`${root}/mono/apps/web/app/page.tsx`, nextPage('/cover.png'));
    await writeFile(`${root}/mono/apps/site/package.json`, JSON.stringify({ devDependencies: { '@sveltejs/kit': '2.0.0' } }));
    await writeFile(`${root}/mono/apps/site/svelte.config.js`, "const config = { kit: { files: { assets: 'assets-static' } } };\nexport default config;\n");
    await writeFile(`${root}/mono/apps/site/src/routes/+page.svelte`, '<h1>Launch</h1>\n<img src="/cover.png" alt="rocket on a launch pad" width="800" height="400">\n');
    // Served already: the lightbulb must not propose it again elsewhere.
    await writeFile(`${root}/mono/apps/site/assets-static/logo.png`, new Uint8Array(PNG_MAGIC));
    await writeFile(`${root}/mono/apps/site/src/routes/about/+page.svelte`, '<img src="/logo.png" alt="company logo">\n');

    const plan = await vscode.commands.executeCommand<Planned[]>('pruna.generateMissingImages', { uri: workspaceUri(`${root}/mono`).toString(), dryRun: true });
    const targets = plan.map((p) => p.target).sort();
    assert.deepEqual(targets, [workspaceUri(`${root}/mono/apps/site/assets-static/cover.png`).toString(), workspaceUri(`${root}/mono/apps/web/public/cover.png`).toString()]);
    const web = plan.find((p) => p.target.includes('/apps/web/'))!;
    assert.equal(web.resolution.form, 'root');
    assert.equal(web.resolution.root, workspaceUri(`${root}/mono/apps/web/public`).toString());
    assert.match(web.resolution.rule, /Next\.js serves public\//);
    assert.equal(web.prompt, 'a mountain cabin at dusk');
    assert.equal(web.references[0]!.document, workspaceUri(`${root}/mono/apps/web/app/page.tsx`).toString());
    assert.deepEqual(web.references[0]!.range.start, { line: 6, character: 18 });
    assert.ok(web.size.width && web.size.height && web.size.explanation);
    const site = plan.find((p) => p.target.includes('/apps/site/'))!;
    assert.match(site.resolution.rule, /SvelteKit serves assets-static\/ at \/ \(kit\.files\.assets in svelte\.config\.js\)/);
    assert.equal(simulator().requests.length, 0, 'the dry run sent a request');
    assert.equal(await exists(`${root}/mono/apps/web/public/cover.png`), false);
  });
});

// Placeholders from code in the real host against the simulator: the lightbulb appears only where an image is
// missing, running it writes the file at the referenced path with the size the code asked for (and again identically
// after deletion), a batch fills five references under a tight rate limit, and a returned type that disagrees with
// the extension is saved under the right name with a reference update offered.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { placeholderSeed } from '../../src/core/placeholders';
import { decodePngSize } from '../simulator/index';
import { codeActionsOnly } from './support/codeActions';
import { useSimulator } from './support/simulator';
import { deletePath, exists, readBytes, stub, waitFor, workspaceUri, writeFile } from './support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';
const GENERATE = 'Generate placeholder with Pruna';
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

/** Each run works in its own folder, so reruns and other suites never see each other's files. */
const root = `placeholders-${Date.now().toString(36)}`;

async function codeActionsAt(uri: vscode.Uri, text: string, needle: string): Promise<vscode.CodeAction[]> {
  const offset = text.indexOf(needle) + 1;
  assert.ok(offset > 0, `${needle} is not in the fixture`);
  return codeActionsOnly(uri, offset);
}

async function runAction(action: vscode.CodeAction): Promise<vscode.Uri[]> {
  assert.ok(action.command, `${action.title} has no command`);
  return vscode.commands.executeCommand<vscode.Uri[]>(action.command.command, ...(action.command.arguments ?? []));
}

/** Keeps the proposed prompt (the input box would otherwise wait for a person) and records what was proposed. */
function acceptProposedPrompts(proposed: string[]): () => void {
  return stub(vscode.window, 'showInputBox', (async (options?: vscode.InputBoxOptions) => {
    proposed.push(options?.value ?? '');
    return options?.value;
  }) as typeof vscode.window.showInputBox);
}

function postedInputs(requests: readonly { method: string; path: string; status: number; body?: unknown }[]) {
  return requests
    .filter((r) => r.method === 'POST' && r.path === '/v1/predictions' && r.status >= 200 && r.status < 300)
    .map((r) => (r.body as { input: Record<string, unknown> }).input);
}

describe('placeholders from code', function () {
  this.timeout(60_000);
  const simulator = useSimulator({ timeScale: 0, rateLimitPerMinute: { 'p-image': 2 }, rateWindowMs: 1000 });
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

  it('offers the lightbulb on a missing reference and not on one whose file exists', async () => {
    const text = '<h1>Home</h1>\n<img src="img/missing.png" alt="a red fox">\n<img src="img/present.png" alt="x">\n';
    const page = await writeFile(`${root}/offer/index.html`, text);
    await writeFile(`${root}/offer/img/present.png`, new Uint8Array(PNG_MAGIC));
    const onMissing = await codeActionsAt(page, text, 'img/missing.png');
    assert.deepEqual(onMissing.filter((a) => a.title === GENERATE).map((a) => a.kind?.value), ['quickfix']);
    const onPresent = await codeActionsAt(page, text, 'img/present.png');
    assert.deepEqual(onPresent.filter((a) => a.title.startsWith(GENERATE)), []);
    const onHeading = await codeActionsAt(page, text, 'Home');
    assert.deepEqual(onHeading.filter((a) => a.title.startsWith(GENERATE)), []);
  });

  it('writes the image at the referenced path in the size the code asks for, and makes the same one after deletion', async () => {
    const text = '# Landing\n\n<img src="../assets/hero image.png" alt="mountain lake at dawn" width="1200" height="600">\n';
    const page = await writeFile(`${root}/make/docs/page.md`, text);
    const relative = `${root}/make/assets/hero image.png`;
    const proposed: string[] = [];
    restores.push(acceptProposedPrompts(proposed));

    const [action] = (await codeActionsAt(page, text, 'hero image.png')).filter((a) => a.title === GENERATE);
    assert.ok(action, 'no placeholder action on the missing reference');
    const saved = await runAction(action);
    assert.deepEqual(saved.map((u) => u.toString()), [workspaceUri(relative).toString()]);
    assert.deepEqual(proposed, ['mountain lake at dawn']);
    const first = await readBytes(relative);
    // Exactly the 1200×600 the code asks for: made at 1200×608 (multiples of 16), cropped locally.
    assert.deepEqual(decodePngSize(Buffer.from(first)), { width: 1200, height: 600 });
    const [input] = postedInputs(simulator().requests);
    assert.deepEqual([input?.aspect_ratio, input?.width, input?.height], ['custom', 1200, 608]);
    assert.equal(input?.seed, placeholderSeed(relative));

    await deletePath(relative);
    const [again] = (await codeActionsAt(page, text, 'hero image.png')).filter((a) => a.title === GENERATE);
    assert.ok(again, 'the lightbulb did not come back after the file was deleted');
    await runAction(again);
    assert.deepEqual(Buffer.from(await readBytes(relative)).equals(Buffer.from(first)), true, 'the regenerated file differs');
  });

  it('fills five missing images of a document as one batch under a tight rate limit, with no error reaching the user', async () => {
    const lines = ['# Team', '', ...[1, 2, 3, 4, 5].map((n) => `![member ${n}](people/member-${n}.png)`)];
    const doc = await writeFile(`${root}/batch/team.md`, lines.join('\n'));
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

    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', {
      uri: doc.toString(),
      prompts: { 'people/member-3.png': 'a smiling engineer, studio portrait' },
      exactSize: true,
    });

    assert.equal(saved.length, 5);
    for (let n = 1; n <= 5; n++) {
      const bytes = Buffer.from(await readBytes(`${root}/batch/people/member-${n}.png`));
      // Markdown has no size: the default ratio, even with exact sizes asked for.
      assert.deepEqual(decodePngSize(bytes), { width: 1344, height: 768 });
    }
    assert.deepEqual(shown.filter((s) => !s.startsWith('info')), []);
    assert.ok(shown.some((s) => s.includes('made 5 placeholders')), `no summary among: ${shown.join(' | ')}`);
    const prompts = postedInputs(simulator().requests).map((i) => i.prompt).sort();
    assert.deepEqual(prompts, ['a smiling engineer, studio portrait', 'member 1', 'member 2', 'member 4', 'member 5']);
  });

  it('lists the missing images of a folder for review, generating only what stays selected, with edited prompts', async () => {
    await writeFile(`${root}/review/a.md`, '# Blog\n\n![first post cover](covers/first.png)\n');
    await writeFile(`${root}/review/theme.scss`, '.hero { &__bg { background: url(bg/waves.webp); width: 1200px; height: 600px; } }\n');
    await writeFile(`${root}/review/src/Card.tsx`, 'export function PricingCard() { return <img src="../covers/plan.jpg" alt="" />; }\n');
    const lists: { label: string; description?: string; detail?: string }[][] = [];
    let shows = 0;
    restores.push(
      stub(vscode.window, 'showInputBox', (async () => 'a calm sea at noon') as typeof vscode.window.showInputBox),
      stub(vscode.window, 'showInformationMessage', (async () => undefined) as typeof vscode.window.showInformationMessage),
      stub(vscode.window, 'createQuickPick', (() => fakeQuickPick((pick) => {
        shows++;
        lists.push(pick.items.map((i) => ({ label: i.label, description: i.description, detail: i.detail })));
        const waves = pick.items.find((i) => i.label.endsWith('bg/waves.webp'))!;
        // First the user edits the waves prompt (item button 0), then deselects the plan card and accepts.
        if (shows === 1) return { button: { item: waves, button: waves.buttons![0]! } };
        return { accept: pick.items.filter((i) => !i.label.endsWith('plan.jpg')) };
      })) as unknown as typeof vscode.window.createQuickPick),
    );

    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', workspaceUri(`${root}/review`));

    assert.deepEqual(lists[0]!.map((i) => i.label), [`${root}/review/covers/first.png`, `${root}/review/covers/plan.jpg`, `${root}/review/bg/waves.webp`]);
    const waves = lists[0]!.find((i) => i.label.endsWith('waves.webp'))!;
    assert.equal(waves.description, '1200×600 · from 1200×608');
    assert.match(waves.detail ?? '', /^waves, hero bg\b.*exact: 1200×600 → made at 1200×608, cropped and resized to 1200×600/);
    assert.match(lists[1]!.find((i) => i.label.endsWith('waves.webp'))!.detail ?? '', /^a calm sea at noon/);
    assert.deepEqual(saved.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)).sort(), ['first.png', 'waves.webp']);
    assert.equal(await exists(`${root}/review/covers/plan.jpg`), false);
    const prompts = postedInputs(simulator().requests).map((i) => i.prompt).sort();
    assert.deepEqual(prompts, ['a calm sea at noon', 'first post cover']);
  });

  it('refuses an argument object with an unknown key or an empty prompt, naming it, before any request', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.generateMissingImages', { exact: true })),
      /Invalid argument for "Pruna: Generate Missing Images".*exact/,
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.generateMissingImages', { prompts: { 'a.png': ' ' } })),
      /prompts\.a\.png: a prompt must not be empty/,
    );
    assert.deepEqual(postedInputs(simulator().requests), []);
  });

  it('saves a PNG answer to hero.gif (a format not made locally) as hero.png and offers to point the reference at it', async () => {
    const text = '<img src="img/hero.gif?v=1" alt="city skyline at night">\n<div style="background: url(img/hero.gif)"></div>\n';
    const page = await writeFile(`${root}/mismatch/index.html`, text);
    const offers: string[] = [];
    restores.push(
      acceptProposedPrompts([]),
      stub(vscode.window, 'showInformationMessage', (async (message: string) => {
        offers.push(message);
        return 'Keep';
      }) as typeof vscode.window.showInformationMessage),
    );

    const [action] = (await codeActionsAt(page, text, 'img/hero.gif')).filter((a) => a.title === GENERATE);
    assert.ok(action, 'no placeholder action on hero.gif');
    const saved = await runAction(action);

    assert.deepEqual(saved.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)), ['hero.png']);
    assert.deepEqual([...(await readBytes(`${root}/mismatch/img/hero.png`)).slice(0, 4)], PNG_MAGIC);
    assert.equal(await exists(`${root}/mismatch/img/hero.gif`), false, 'PNG bytes were written under the .gif name');
    await waitFor(() => offers.find((m) => m.includes('saved as hero.png')), 'the offer to update the reference');

    // Declined in the notification, the fix stays available on the reference itself.
    const fixes = await codeActionsAt(page, text, 'img/hero.gif');
    const update = fixes.find((a) => a.title === 'Update reference to hero.png');
    assert.ok(update?.edit, `no update action among: ${fixes.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(update.edit));
    const document = await vscode.workspace.openTextDocument(page);
    assert.ok(document.getText().startsWith('<img src="img/hero.png?v=1"'), document.getText());
  });

  it('updates every reference to the file with one edit when the user accepts the offer', async () => {
    const text = '.a { background: url(pics/logo.svg) }\n.b { background: url("pics/logo.svg") }\n';
    const sheet = await writeFile(`${root}/accept/site.css`, text);
    restores.push(
      stub(vscode.window, 'showInformationMessage', (async (message: string, ...items: string[]) =>
        message.includes('saved as logo.png') ? items.find((i) => i === 'Update Reference') : undefined) as unknown as typeof vscode.window.showInformationMessage),
    );
    const saved = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages', { uri: sheet.toString() });
    assert.deepEqual(saved.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)), ['logo.png']);
    const document = await vscode.workspace.openTextDocument(sheet);
    await waitFor(() => document.getText().split('logo.png').length === 3, 'both references to point at logo.png');
  });
});

type FakeItem = vscode.QuickPickItem & { buttons?: readonly vscode.QuickInputButton[] };
type Choice = { accept: readonly FakeItem[] } | { button: { item: FakeItem; button: vscode.QuickInputButton } };

/** A QuickPick that, when shown, lets `decide` pick (accept a selection or press an item button) like a person would. */
function fakeQuickPick(decide: (pick: { items: readonly FakeItem[] }) => Choice): vscode.QuickPick<FakeItem> {
  const accept = new vscode.EventEmitter<void>();
  const hide = new vscode.EventEmitter<void>();
  const itemButton = new vscode.EventEmitter<vscode.QuickPickItemButtonEvent<FakeItem>>();
  const button = new vscode.EventEmitter<vscode.QuickInputButton>();
  const pick = {
    items: [] as readonly FakeItem[],
    selectedItems: [] as readonly FakeItem[],
    buttons: [] as readonly vscode.QuickInputButton[],
    onDidAccept: accept.event,
    onDidHide: hide.event,
    onDidTriggerItemButton: itemButton.event,
    onDidTriggerButton: button.event,
    show() {
      setTimeout(() => {
        const choice = decide(pick);
        if ('accept' in choice) {
          pick.selectedItems = choice.accept;
          accept.fire();
        } else itemButton.fire(choice.button);
      }, 0);
    },
    hide: () => hide.fire(),
    dispose() {},
  };
  return pick as unknown as vscode.QuickPick<FakeItem>;
}

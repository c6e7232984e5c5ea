// "Generate Missing Images" with no active text editor (the walkthrough button, or the palette while a webview has
// focus), in the real host: it reads the visible text editors; with none it offers the workspace folder and scans it
// only when asked; an argument caller without `uri` gets a clear rejection. No request is sent in any of these.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useSimulator } from './support/simulator';
import { deletePath, stub, workspaceFolder, writeFile } from './support/workspace';

const EXTENSION_ID = 'pruna-community.pruna-vscode';
const root = `scope-${Date.now().toString(36)}`;

type Item = vscode.QuickPickItem;

/** A QuickPick that records its items when shown and is then dismissed, as a person pressing Escape would. */
function recordingQuickPick(lists: string[][]): vscode.QuickPick<Item> {
  const accept = new vscode.EventEmitter<void>();
  const hide = new vscode.EventEmitter<void>();
  const pick = {
    items: [] as readonly Item[],
    selectedItems: [] as readonly Item[],
    buttons: [] as readonly vscode.QuickInputButton[],
    onDidAccept: accept.event,
    onDidHide: hide.event,
    onDidTriggerItemButton: new vscode.EventEmitter<vscode.QuickPickItemButtonEvent<Item>>().event,
    onDidTriggerButton: new vscode.EventEmitter<vscode.QuickInputButton>().event,
    show() {
      setTimeout(() => {
        lists.push(pick.items.map((i) => i.label));
        hide.fire();
      }, 0);
    },
    hide: () => hide.fire(),
    dispose() {},
  };
  return pick as unknown as vscode.QuickPick<Item>;
}

describe('placeholders: Generate Missing Images without an active text editor', function () {
  this.timeout(60_000);
  const simulator = useSimulator({ timeScale: 0 });
  const restores: (() => void)[] = [];
  let panel: vscode.WebviewPanel | undefined;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  afterEach(async () => {
    while (restores.length) restores.pop()!();
    panel?.dispose();
    panel = undefined;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await deletePath(root);
  });

  it('reads the visible text editors when a webview has the focus', async () => {
    const page = await writeFile(`${root}/visible/index.html`, '<h1>Harbour</h1>\n<img src="img/boats.png" alt="fishing boats at dawn" width="800" height="600">\n');
    await vscode.window.showTextDocument(page, { viewColumn: vscode.ViewColumn.One });
    // What the Studio does: a webview beside the editor takes the focus, so there is no active text editor.
    panel = vscode.window.createWebviewPanel('pruna.test.focus', 'Focus', { viewColumn: vscode.ViewColumn.Two, preserveFocus: false });
    panel.webview.html = '<p>focus</p>';
    panel.reveal(vscode.ViewColumn.Two, false);
    await waitUntil(() => vscode.window.activeTextEditor === undefined && vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === page.toString()), 'the webview to take the focus with the page still visible');

    const lists: string[][] = [];
    const messages: string[] = [];
    restores.push(
      stub(vscode.window, 'createQuickPick', (() => recordingQuickPick(lists)) as unknown as typeof vscode.window.createQuickPick),
      stub(vscode.window, 'showErrorMessage', (async (m: string) => void messages.push(m)) as unknown as typeof vscode.window.showErrorMessage),
      stub(vscode.window, 'showInformationMessage', (async (m: string) => void messages.push(m)) as unknown as typeof vscode.window.showInformationMessage),
    );
    const result = await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages');

    assert.deepEqual(result, []);
    assert.deepEqual(lists, [[`${root}/visible/img/boats.png`]], `the list of the visible page; messages: ${messages.join(' | ')}`);
    assert.deepEqual(messages, []);
    assert.equal(simulator().requests.length, 0, 'nothing was sent');

    // The dry run (an argument object without uri) reads the visible editors too.
    const plan = await vscode.commands.executeCommand<{ target: string }[]>('pruna.generateMissingImages', { dryRun: true });
    assert.deepEqual(plan.map((p) => p.target.slice(p.target.lastIndexOf('/') + 1)), ['boats.png']);
  });

  it('with no editor at all, offers the workspace folder and scans it only when asked', async () => {
    await writeFile(`${root}/folder/about.md`, '# About\n\n![our studio by the river](pics/studio.jpg)\n');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(vscode.window.visibleTextEditors.length, 0);

    const offers: { message: string; items: string[] }[] = [];
    const lists: string[][] = [];
    let answer: 'scan' | 'dismiss' = 'dismiss';
    restores.push(
      stub(vscode.window, 'createQuickPick', (() => recordingQuickPick(lists)) as unknown as typeof vscode.window.createQuickPick),
      stub(vscode.window, 'showInformationMessage', (async (message: string, ...items: string[]) => {
        offers.push({ message, items });
        return answer === 'scan' ? items[0] : undefined;
      }) as unknown as typeof vscode.window.showInformationMessage),
    );

    // Declined: nothing is scanned, nothing else is shown.
    assert.deepEqual(await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages'), []);
    assert.equal(offers.length, 1);
    assert.match(offers[0]!.message, /no editor is open/);
    assert.ok(offers[0]!.message.includes(vscode.workspace.workspaceFolders![0]!.name), offers[0]!.message);
    assert.deepEqual(offers[0]!.items, ['Scan Workspace Folder']);
    assert.equal(lists.length, 0);

    // Accepted: the folder scan finds the page's missing image.
    answer = 'scan';
    await vscode.commands.executeCommand<vscode.Uri[]>('pruna.generateMissingImages');
    assert.equal(lists.length, 1, `offers: ${offers.map((o) => o.message).join(' | ')}`);
    assert.ok(lists[0]!.includes(`${root}/folder/pics/studio.jpg`), lists[0]!.join(', '));
    assert.equal(simulator().requests.length, 0, 'nothing was sent');
  });

  it('an argument caller without uri and without editors is told to pass one', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pruna.generateMissingImages', { dryRun: true })),
      (e: Error) => /no editor is open/.test(e.message) && e.message.includes('`uri`'),
    );
    assert.ok(workspaceFolder());
  });
});

async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

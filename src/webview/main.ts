// Entry point of the Studio webview (bundled to dist/webview/studio.js). Says `ready` first (the host queues until
// then), restores what the user had from webview state, and hands the host's init data to the Studio.
import type { Envelope, FromWebview, ToWebview } from '../shared/protocol';
import { Messenger } from '../shared/messenger';
import * as l10n from './l10n';
import { Studio } from './studio';
import { loadState, vscodeApi } from './vscodeApi';

let studio: Studio | undefined;
const early: ToWebview[] = [];

const messenger = new Messenger<FromWebview, ToWebview>(
  (envelope) => vscodeApi.postMessage(envelope),
  (body) => {
    if (studio) studio.onMessage(body);
    else early.push(body);
    return undefined;
  },
);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isEnvelope(event.data)) void messenger.receive(event.data);
});

async function start(): Promise<void> {
  const saved = loadState();
  const root = document.getElementById('app')!;
  const reply = await messenger.request({ type: 'ready', inputs: saved.inputs });
  if (reply.type !== 'init') {
    root.textContent = l10n.t('Pruna Studio could not start: {0}. Close and reopen the panel.', reply.type === 'error' ? reply.message : l10n.t('unexpected reply'));
    return;
  }
  l10n.setStrings(reply.strings);
  studio = new Studio(root, reply, saved.form, messenger);
  for (const body of early.splice(0)) studio.onMessage(body);
}

/** Messages come from the extension (trusted); this only filters out unrelated window messages. */
function isEnvelope(data: unknown): data is Envelope<ToWebview> {
  return !!data && typeof data === 'object' && typeof (data as { id?: unknown }).id === 'number' && 'body' in data;
}

void start();

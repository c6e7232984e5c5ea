// The activation entry (dist/extension.js, a few KB). VS Code activates the extension whenever a web document opens,
// so activate() only registers stand-ins for what VS Code must see at once — every command, the placeholder
// lightbulb, the agent tools, the Studio's serializer, the generated-files context — and the rest of the extension
// (dist/main.js: the client, the job engine, zod schemas, the model catalog, undici) is required on the first call of
// any of them. Unfinished jobs load it right after activation, so they still resume by themselves.
import * as vscode from 'vscode';
import { join } from 'node:path';
import type * as MainBundle from './main';
import { lazyApi, registerLightbulb, registerStandIns } from './activation/standIns';
import { resumeWaitingJobs, showGeneratedFiles } from './activation/startupWork';

let loaded: MainBundle.Main | undefined;

export function activate(context: vscode.ExtensionContext): MainBundle.PrunaApi {
  const startedAt = performance.now();
  let activatedInMs = 0;
  const standIns: vscode.Disposable[] = [];
  const load = (reason: string): MainBundle.Main => {
    if (loaded) return loaded;
    try {
      // A computed path, so esbuild leaves this require alone and main.js stays a bundle of its own next to this one.
      const bundle = require(join(__dirname, 'main.js')) as typeof MainBundle;
      // The stand-ins give way first: registering a command id twice throws.
      for (const standIn of standIns.splice(0)) standIn.dispose();
      loaded = bundle.start(context, { activatedInMs, reason });
      return loaded;
    } catch (e) {
      throw loud(e);
    }
  };
  try {
    standIns.push(...registerStandIns(context.extension.packageJSON, load), showGeneratedFiles(context.globalState));
    // Whatever is still standing when the extension deactivates goes with it.
    context.subscriptions.push(registerLightbulb(context.extension.packageJSON, load, () => loaded !== undefined), { dispose: () => standIns.splice(0).forEach((d) => d.dispose()) });
    resumeWaitingJobs(context, load);
    activatedInMs = performance.now() - startedAt;
    return lazyApi(load);
  } catch (e) {
    throw loud(e);
  }
}

export async function deactivate(): Promise<void> {
  await loaded?.deactivate();
  loaded = undefined;
}

/** Loud on failure: a silent broken start would make every command look dead. */
function loud(e: unknown): unknown {
  const message = e instanceof Error ? e.message : String(e);
  void vscode.window.showErrorMessage(vscode.l10n.t('Pruna could not start: {0}', message));
  return e;
}

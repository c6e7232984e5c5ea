// The extension behind its activation entry (extension.ts): dist/main.js, required on the first command, code action,
// agent tool call, Studio revival or job recovery, so a window that only opens documents never parses it. start()
// only wires things up — no network, no awaits on jobs — and registers the real commands and providers in place of the
// entry's stand-ins; persisted jobs resume in the background right after.
import * as vscode from 'vscode';
import { ApiKeyStore } from './apiKey';
import { registerCommands } from './commands/register';
import { Config } from './config';
import { LastTextEditor } from './insert/insertReference';
import { InFlightMarker } from './jobs/inFlightMarker';
import { JobManager } from './jobs/jobManager';
import { JobStore } from './jobs/jobStore';
import { assertReadableInput } from './fileSystem';
import { createLog } from './log';
import { registerPlaceholders } from './placeholders/register';
import { createServices } from './prunaServices';
import { RecipeStore } from './recipes/recipeStore';
import { Runtime } from './runtime';
import { Saver } from './saving/saver';
import { createJobsStatusBar } from './statusBar';
import { PlaceholderCodeActions } from './placeholders/codeActions';
import { registerStudio } from './studio/register';
import { registerAgentTools, type AgentToolsApi } from './tools/register';
import { announcer } from './ui/announce';
import { syncGeneratedFilesContext } from './ui/generatedFilesContext';
import type { PrunaServices } from './services';
import { setTranslator } from '../core/l10n';
import { AvifEncoderStore } from './saving/avifEncoder';
import { useAvifEncoder } from './saving/postprocess';

/** What the extension's exports are (tests reach the same job list as the commands through them). */
export type PrunaApi = PrunaServices & { readonly agentTools: AgentToolsApi; readonly avifEncoder: AvifEncoderStore };

/** What the activation entry delegates to once this bundle is loaded. */
export interface Main {
  readonly api: PrunaApi;
  /** Answers the code-action requests that reached the entry's stand-in provider before the real one was registered. */
  readonly codeActions: vscode.CodeActionProvider;
  /** Revives a Studio panel handed to the entry's stand-in serializer. */
  reviveStudio(panel: vscode.WebviewPanel): void;
  /** Lets the last job records reach workspace state. */
  deactivate(): Promise<void>;
}

export interface StartInfo {
  /** How long the activation entry's activate() took, for the log line. */
  readonly activatedInMs: number;
  /** What loaded this bundle (the first command, a code action...), for the log line. */
  readonly reason: string;
}

export function start(context: vscode.ExtensionContext, info: StartInfo): Main {
  const startedAt = performance.now();
  // The core's messages (errors, validation, placeholder plans) in the user's language from here on.
  setTranslator((message, args) => vscode.l10n.t(message, ...args));
  const log = createLog();
  const config = new Config();
  const keys = new ApiKeyStore(context.secrets);
  const runtime = new Runtime(config, keys, log, context.globalStorageUri, context.globalState);
  const avifEncoder = new AvifEncoderStore({ storage: context.globalStorageUri, dispatcher: () => runtime.dispatcher, log });
  useAvifEncoder(avifEncoder);
  const recipes = new RecipeStore({ globalState: context.globalState, warn: (m) => void vscode.window.showWarningMessage(`Pruna: ${m}`) });
  const editors = new LastTextEditor();
  let services: ReturnType<typeof createServices> | undefined;
  const jobs: JobManager = new JobManager({
    store: new JobStore(context.workspaceState, (m) => log.warn(m)),
    engine: () => runtime.engine(),
    saver: new Saver(),
    recipes,
    log,
    onFinished: announcer({ config, jobs: () => jobs, log, insert: (uri) => services!.insertReference(uri), run: (request) => services!.jobs.run(request) }),
  });
  services = createServices({ config, keys, jobs, recipes, editors, log, checkFile: (p) => assertReadableInput(p).then(() => runtime.client.checkFile(p)) });
  const statusBar = createJobsStatusBar(jobs);
  const marker = new InFlightMarker({ unfinished: () => jobs.runningCount(), onDidChange: jobs.onDidChange, log });
  context.subscriptions.push(log, config, keys, recipes, editors, marker, jobs, statusBar, syncGeneratedFilesContext(recipes), runtime);
  const commandDeps = { services, config, keys, jobs, recipes, editors, memento: context.globalState, log, statusBar };
  context.subscriptions.push(...registerCommands(commandDeps));
  const agentTools = registerAgentTools(commandDeps);
  context.subscriptions.push(...agentTools.disposables);
  const studio = registerStudio(context, services);
  registerPlaceholders(context, services);
  // After registration, outside the loading path: a slow workspace-state read must not delay the first command.
  // The first sync after resuming also removes a marker left by a window whose jobs all ended elsewhere.
  setTimeout(() => {
    jobs.resumeAll();
    marker.sync();
  }, 0);
  log.info(`Activated in ${Math.round(info.activatedInMs)} ms; the rest loaded for ${info.reason} in ${Math.round(performance.now() - startedAt)} ms.`);
  return {
    api: Object.assign(services, { agentTools: agentTools.api, avifEncoder }),
    codeActions: new PlaceholderCodeActions(),
    reviveStudio: (panel) => studio.revive(panel),
    // Let the last job records reach workspace state; the disposables then stop watching without marking them canceled.
    deactivate: () => jobs.flush(),
  };
}

// Entry point. activate() only wires things up — no network, no awaits on jobs — so the first command stays fast;
// persisted jobs resume in the background right after.
import * as vscode from 'vscode';
import { setTranslator } from '../core/l10n';
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
import { registerStudio } from './studio/register';
import { registerAgentTools } from './tools/register';
import { announcer } from './ui/announce';
import { syncGeneratedFilesContext } from './ui/generatedFilesContext';
import type { PrunaServices } from './services';
import { AvifEncoderStore } from './saving/avifEncoder';
import { useAvifEncoder } from './saving/postprocess';

let jobManager: JobManager | undefined;

/** Returns the services so tests (and, later, other extensions) can reach the same job list as the commands. */
export function activate(context: vscode.ExtensionContext): PrunaServices | undefined {
  const startedAt = performance.now();
  // The core's messages (errors, validation, placeholder plans) in the user's language from here on.
  setTranslator((message, args) => vscode.l10n.t(message, ...args));
  try {
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
      onFinished: announcer({ config, jobs: () => jobs, log, insert: (uri) => services!.insertReference(uri) }),
    });
    jobManager = jobs;
    services = createServices({ config, keys, jobs, recipes, editors, log, checkFile: (p) => assertReadableInput(p).then(() => runtime.client.checkFile(p)) });
    const statusBar = createJobsStatusBar(jobs);
    const marker = new InFlightMarker({ unfinished: () => jobs.runningCount(), onDidChange: jobs.onDidChange, log });
    context.subscriptions.push(log, config, keys, recipes, editors, marker, jobs, statusBar, syncGeneratedFilesContext(recipes), runtime);
    const commandDeps = { services, config, keys, jobs, recipes, editors, memento: context.globalState, log, statusBar };
    context.subscriptions.push(...registerCommands(commandDeps));
    const agentTools = registerAgentTools(commandDeps);
    context.subscriptions.push(...agentTools.disposables);
    registerStudio(context, services);
    registerPlaceholders(context, services);
    // After registration, outside the activation path: a slow workspace-state read must not delay the first command.
    // The first sync after resuming also removes a marker left by a window whose jobs all ended elsewhere.
    setTimeout(() => {
      jobs.resumeAll();
      marker.sync();
    }, 0);
    log.info(`Activated in ${Math.round(performance.now() - startedAt)} ms.`);
    return Object.assign(services, { agentTools: agentTools.api, avifEncoder });
  } catch (e) {
    // Loud on failure: a silent broken activation would make every command look dead.
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(vscode.l10n.t('Pruna could not start: {0}', message));
    throw e;
  }
}

export async function deactivate(): Promise<void> {
  // Let the last job records reach workspace state; the disposables then stop watching without marking them canceled.
  await jobManager?.flush();
  jobManager = undefined;
}

// pruna_generate_image, pruna_edit_image and pruna_generate_video: the tool input is the command's argument object
// (plus `document`, where the result will be referenced), turned into a run by the command's own request builder and
// started through the same services.start as `executeCommand('pruna.generateImage', {...})`. No second implementation.
import * as vscode from 'vscode';
import { estimateCost, getModel, isModelId, usd, type CostEstimate } from '../../core';
import { EditImageArgs, GenerateImageArgs, GenerateVariationsArgs, GenerateVideoArgs, fileRefToUri, parseArgs } from '../commands/args';
import type { CommandDeps } from '../commands/deps';
import { editRequest } from '../commands/edit';
import { imageRequest, variationsRequest, videoRequest } from '../commands/generate';
import type { RunRequest } from '../services';
import { folderPhrase, quote, toPrepared, type Confirmation } from './confirm';
import { describeFacts, errorText, factsOf, textResult } from './toolText';

export type ToolInput = Record<string, unknown>;

/** What the tests (and the registration) call: the same object vscode.lm.registerTool gets. */
export interface PrunaTool extends vscode.LanguageModelTool<ToolInput> {
  readonly name: string;
}

interface RunToolDefinition {
  readonly name: string;
  /** The command's argument object (without `document`) as a run; throws the command's own errors. */
  build(args: ToolInput): RunRequest;
  /** "Generate 1 image with p-image" */
  verb(request: RunRequest): string;
}

const GENERATE_IMAGE: RunToolDefinition = {
  name: 'pruna_generate_image',
  build: (args) =>
    args.count !== undefined
      ? variationsRequest(parseArgs('pruna_generate_image', GenerateVariationsArgs, args))
      : imageRequest(parseArgs('pruna_generate_image', GenerateImageArgs, args)),
  verb: (r) => `Generate ${plural(r.count ?? 1, 'image')} with ${r.model}`,
};

const EDIT_IMAGE: RunToolDefinition = {
  name: 'pruna_edit_image',
  build: (args) => editRequest(parseArgs('pruna_edit_image', EditImageArgs, args)),
  verb: (r) => `Edit ${plural(r.images?.length ?? 0, 'image')} with ${r.model} into 1 new image`,
};

const GENERATE_VIDEO: RunToolDefinition = {
  name: 'pruna_generate_video',
  build: (args) => videoRequest(parseArgs('pruna_generate_video', GenerateVideoArgs, args)),
  verb: (r) => {
    const defaults = isModelId(r.model) ? getModel(r.model).defaults : {};
    const seconds = r.params.duration ?? defaults.duration;
    const resolution = r.params.resolution ?? defaults.resolution;
    const shape = [typeof seconds === 'number' ? `${seconds}-second` : undefined, typeof resolution === 'string' ? resolution : undefined].filter(Boolean).join(' ');
    return `Generate a ${shape ? `${shape} ` : ''}video with ${r.model}`;
  },
};

export const RUN_TOOLS: readonly RunToolDefinition[] = [GENERATE_IMAGE, EDIT_IMAGE, GENERATE_VIDEO];

/** Tool input minus what only the tool knows (`document`) and what makes no sense in chat (`wait`: a notification). */
function commandArgs(input: ToolInput): ToolInput {
  const { document: _document, wait: _wait, ...args } = isObject(input) ? input : {};
  return args;
}

/** What the run will cost, from the price table (count = variations). */
export function estimateRun(request: RunRequest): CostEstimate {
  const input: Record<string, unknown> = { prompt: request.prompt, ...request.params };
  if (request.images?.length) input.images = request.images;
  return estimateCost(request.model, input, request.count ?? 1);
}

export function describeRun(def: RunToolDefinition, request: RunRequest, deps: CommandDeps): Confirmation {
  const cost = estimateRun(request);
  const costText = !cost.known ? cost.text : cost.count > 1 ? `${cost.summary} in total, ${cost.count} × ${usd(cost.perRunUsd)}` : cost.summary;
  const folder = request.outputFolder ?? deps.config.outputFolder(workspaceFolderFor(request)?.uri);
  const headline = `${def.verb(request)} (${costText}), save to \`${folderPhrase(folder)}\`${request.fileName ? ` as \`${request.fileName}\`` : ''}.`;
  const details = [`Prompt: ${quote(request.prompt)}`];
  const local = (request.images ?? []).filter((s) => /^file:/i.test(s)).map((s) => vscode.workspace.asRelativePath(vscode.Uri.parse(s), false));
  const remote = (request.images ?? []).filter((s) => !/^file:/i.test(s));
  if (local.length) details.push(`Uploads to Pruna: ${local.map((p) => `\`${p}\``).join(', ')}`);
  if (remote.length) details.push(`Sends the URL${remote.length > 1 ? 's' : ''}: ${remote.map((u) => `\`${u}\``).join(', ')}`);
  const seed = request.params.seed;
  details.push(`Seed: ${typeof seed === 'number' ? seed : 'random (recorded with the file)'}`);
  if (cost.known) details.push(`Estimate: ${cost.text}; source ${cost.source.ref} (${cost.source.title}), as of ${cost.source.asOf}${cost.note ? `, ${cost.note}` : ''}`);
  return {
    title: `Run Pruna ${request.model}?`,
    headline,
    details,
    cost: cost.known ? { known: true, usd: cost.usd } : { known: false },
    progress: `${def.verb(request).replace(/^Generate/, 'Generating').replace(/^Edit/, 'Editing')} (${cost.known ? cost.summary : 'price unknown'})…`,
  };
}

export function createRunTool(def: RunToolDefinition, deps: CommandDeps): PrunaTool {
  return {
    name: def.name,
    prepareInvocation(options) {
      let request: RunRequest;
      try {
        request = def.build(commandArgs(options.input));
      } catch {
        // Invalid input: invoke answers with the error and sends nothing, so there is nothing to confirm.
        return { invocationMessage: `Checking the ${def.name} input…` };
      }
      return toPrepared(describeRun(def, request, deps));
    },
    async invoke(options, token) {
      let request: RunRequest;
      try {
        request = def.build(commandArgs(options.input));
      } catch (e) {
        return textResult(errorText(e, def.name, options.input));
      }
      const document = await referenceDocument(options.input, deps);
      if (token.isCancellationRequested) return textResult('Canceled before anything was sent.');
      const cost = estimateRun(request);
      let started;
      try {
        started = await deps.services.start(request, {});
      } catch (e) {
        return textResult(errorText(e, def.name, options.input));
      }
      // The P-API has no cancel endpoint: canceling stops watching; the job manager says so in its record.
      const stop = () => started.ids.forEach((id) => deps.jobs.cancel(id));
      const sub = token.onCancellationRequested(stop);
      if (token.isCancellationRequested) stop();
      let uris: vscode.Uri[];
      try {
        uris = await withWindowProgress(deps, started.ids, request, started.done);
      } catch (e) {
        if (token.isCancellationRequested) {
          return textResult(
            `Canceled: stopped watching ${plural(started.ids.length, 'job')}. The P-API has no cancel endpoint, so the prediction may still finish on the server and be billed; its result will not be saved. Do not call ${def.name} again unless the user asks.`,
          );
        }
        return textResult(errorText(e, def.name, options.input));
      } finally {
        sub.dispose();
      }
      return textResult(...(await resultLines(uris, request, cost, document, deps)));
    },
  };
}

async function resultLines(
  uris: readonly vscode.Uri[],
  request: RunRequest,
  cost: CostEstimate,
  document: DocumentChoice,
  deps: CommandDeps,
): Promise<string[]> {
  const kind = isModelId(request.model) && getModel(request.model).kind === 'video' ? 'video' : 'image';
  const facts = await Promise.all(uris.map((u) => factsOf(u, deps.recipes)));
  const lines = [
    `Saved ${plural(uris.length, kind)} with ${request.model} (estimated cost: ${cost.known ? cost.summary : 'price unknown'}). New file${uris.length > 1 ? 's' : ''}; nothing was overwritten:`,
    ...facts.map(describeFacts),
  ];
  if (document.document) {
    const where = vscode.workspace.asRelativePath(document.document.uri, false);
    lines.push(`Reference snippet for ${where} (${document.document.languageId}), the same text "Pruna: Insert Reference" inserts; put it where the ${kind} belongs:`);
    for (const uri of uris) {
      lines.push(await deps.services.referenceFor(document.document, uri).catch((e: unknown) => `(no snippet for ${vscode.workspace.asRelativePath(uri, false)}: ${e instanceof Error ? e.message : String(e)})`));
    }
  } else {
    lines.push(document.note ?? 'No document is open, so no reference snippet: reference the file by the path above, or call again with "document" set to the file that will use it.');
  }
  return lines;
}

interface DocumentChoice {
  readonly document?: vscode.TextDocument;
  readonly note?: string;
}

/** The document whose language picks the snippet: the `document` input, else the editor the user was typing in. */
async function referenceDocument(input: ToolInput, deps: CommandDeps): Promise<DocumentChoice> {
  const given = isObject(input) ? input.document : undefined;
  if (typeof given === 'string' && given.trim()) {
    try {
      return { document: await vscode.workspace.openTextDocument(fileRefToUri(given.trim())) };
    } catch (e) {
      return { note: `"document" ${JSON.stringify(given)} could not be opened (${e instanceof Error ? e.message : String(e)}), so no reference snippet: give a workspace-relative path of an existing file.` };
    }
  }
  const editor = deps.editors.get();
  return editor ? { document: editor.document } : {};
}

async function withWindowProgress(deps: CommandDeps, ids: readonly string[], request: RunRequest, done: Promise<vscode.Uri[]>): Promise<vscode.Uri[]> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Pruna (agent): ${request.model}` }, async (progress) => {
    const report = () => {
      const states = deps.jobs.list().filter((j) => ids.includes(j.id)).map((j) => j.state);
      if (states.length) progress.report({ message: states.length === 1 ? states[0] : `${states.filter((s) => s === 'saved').length} of ${states.length} saved` });
    };
    const sub = deps.jobs.onDidChange(report);
    report();
    try {
      return await done;
    } finally {
      sub.dispose();
    }
  });
}

function workspaceFolderFor(request: RunRequest): vscode.WorkspaceFolder | undefined {
  const local = (request.images ?? []).find((s) => /^file:/i.test(s));
  const near = local ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(local)) : undefined;
  if (near) return near;
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) || vscode.workspace.workspaceFolders?.[0];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

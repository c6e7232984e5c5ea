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
  /** "Generate 1 image with p-image"; with `doing`, what the chat shows while it runs ("Generating 1 image with p-image"). */
  verb(request: RunRequest, doing?: boolean): string;
}

const GENERATE_IMAGE: RunToolDefinition = {
  name: 'pruna_generate_image',
  build: (args) =>
    args.count !== undefined
      ? variationsRequest(parseArgs('pruna_generate_image', GenerateVariationsArgs, args))
      : imageRequest(parseArgs('pruna_generate_image', GenerateImageArgs, args)),
  verb: (r, doing) => {
    const n = r.count ?? 1;
    if (doing) return n === 1 ? vscode.l10n.t('Generating 1 image with {0}', r.model) : vscode.l10n.t('Generating {0} images with {1}', n, r.model);
    return n === 1 ? vscode.l10n.t('Generate 1 image with {0}', r.model) : vscode.l10n.t('Generate {0} images with {1}', n, r.model);
  },
};

const EDIT_IMAGE: RunToolDefinition = {
  name: 'pruna_edit_image',
  build: (args) => editRequest(parseArgs('pruna_edit_image', EditImageArgs, args)),
  verb: (r, doing) => {
    const n = r.images?.length ?? 0;
    if (doing) return n === 1 ? vscode.l10n.t('Editing 1 image with {0} into 1 new image', r.model) : vscode.l10n.t('Editing {0} images with {1} into 1 new image', n, r.model);
    return n === 1 ? vscode.l10n.t('Edit 1 image with {0} into 1 new image', r.model) : vscode.l10n.t('Edit {0} images with {1} into 1 new image', n, r.model);
  },
};

const GENERATE_VIDEO: RunToolDefinition = {
  name: 'pruna_generate_video',
  build: (args) => videoRequest(parseArgs('pruna_generate_video', GenerateVideoArgs, args)),
  verb: (r, doing) => {
    const defaults = isModelId(r.model) ? getModel(r.model).defaults : {};
    const seconds = r.params.duration ?? defaults.duration;
    const resolution = r.params.resolution ?? defaults.resolution;
    const shape = [typeof seconds === 'number' ? vscode.l10n.t('{0}-second', seconds) : undefined, typeof resolution === 'string' ? resolution : undefined].filter(Boolean).join(' ');
    if (doing) return shape ? vscode.l10n.t('Generating a {0} video with {1}', shape, r.model) : vscode.l10n.t('Generating a video with {0}', r.model);
    return shape ? vscode.l10n.t('Generate a {0} video with {1}', shape, r.model) : vscode.l10n.t('Generate a video with {0}', r.model);
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
  const costText = !cost.known ? cost.text : cost.count > 1 ? vscode.l10n.t('{0} in total, {1} × {2}', cost.summary, cost.count, usd(cost.perRunUsd)) : cost.summary;
  const folder = request.outputFolder ?? deps.config.outputFolder(workspaceFolderFor(request)?.uri);
  const headline = request.fileName
    ? vscode.l10n.t('{0} ({1}), save to `{2}` as `{3}`.', def.verb(request), costText, folderPhrase(folder), request.fileName)
    : vscode.l10n.t('{0} ({1}), save to `{2}`.', def.verb(request), costText, folderPhrase(folder));
  const details = [vscode.l10n.t('Prompt: {0}', quote(request.prompt))];
  const local = (request.images ?? []).filter((s) => /^file:/i.test(s)).map((s) => vscode.workspace.asRelativePath(vscode.Uri.parse(s), false));
  const remote = (request.images ?? []).filter((s) => !/^file:/i.test(s));
  if (local.length) details.push(vscode.l10n.t('Uploads to Pruna: {0}', local.map((p) => `\`${p}\``).join(', ')));
  if (remote.length) details.push(remote.length > 1 ? vscode.l10n.t('Sends the URLs: {0}', remote.map((u) => `\`${u}\``).join(', ')) : vscode.l10n.t('Sends the URL: {0}', remote.map((u) => `\`${u}\``).join(', ')));
  const seed = request.params.seed;
  details.push(vscode.l10n.t('Seed: {0}', typeof seed === 'number' ? seed : vscode.l10n.t('random (recorded with the file)')));
  if (cost.known) details.push(vscode.l10n.t('Estimate: {0}; source {1} ({2}), as of {3}', cost.text, cost.source.ref, cost.source.title, cost.source.asOf) + (cost.note ? `, ${cost.note}` : ''));
  return {
    title: vscode.l10n.t('Run Pruna {0}?', request.model),
    headline,
    details,
    cost: cost.known ? { known: true, usd: cost.usd } : { known: false },
    progress: vscode.l10n.t('{0} ({1})…', def.verb(request, true), cost.known ? cost.summary : vscode.l10n.t('price unknown')),
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
        return { invocationMessage: vscode.l10n.t('Checking the {0} input…', def.name) };
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
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Pruna (agent): {0}', request.model) }, async (progress) => {
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

// Agent mode: the Pruna tools Copilot (or any chat agent) can call, registered under the names package.json declares
// in contributes.languageModelTools. The implementations are also returned, so tests reach prepareInvocation and
// invoke through the extension's exports (the test host has no chat UI to show a confirmation).
import * as vscode from 'vscode';
import type { CommandDeps } from '../commands/deps';
import { createFillTool } from './fillTool';
import { createListModelsTool } from './listModelsTool';
import { RUN_TOOLS, createRunTool, type PrunaTool } from './runTools';
import { SpendTally } from './spend';

export interface AgentToolsApi {
  /** By tool name (pruna_generate_image, …). */
  readonly tools: ReadonlyMap<string, PrunaTool>;
  readonly spend: SpendTally;
}

export function registerAgentTools(deps: CommandDeps): { readonly api: AgentToolsApi; readonly disposables: vscode.Disposable[] } {
  const tools = [...RUN_TOOLS.map((def) => createRunTool(def, deps)), createFillTool(deps), createListModelsTool()];
  const spend = new SpendTally(deps.jobs, deps.memento);
  const disposables: vscode.Disposable[] = [spend];
  // Hosts without the Language Model API (older forks) still get the commands; the tools are simply not offered.
  if (typeof vscode.lm?.registerTool === 'function') {
    for (const tool of tools) disposables.push(vscode.lm.registerTool(tool.name, tool));
  } else {
    deps.log.info('This editor has no Language Model Tools API: the Pruna agent tools are not registered.');
  }
  return { api: { tools: new Map(tools.map((t) => [t.name, t])), spend }, disposables };
}

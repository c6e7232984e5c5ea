// The pause before a paid step: what will be sent and what it costs, in the words of the issue ("Generate 1 image
// with p-image (about $0.005), save to assets/generated/"). Whether to ask is one rule: an unknown price always asks;
// a known one asks when it is above pruna.confirmCostAbove (default 0: every paid run).
import * as vscode from 'vscode';
import type { CostEstimate, CostTotal } from '../../core';

export const CONFIRM_SETTING = 'confirmCostAbove';

/**
 * USD threshold from the user's settings only (a cloned repository's .vscode/settings.json must not be able to turn the
 * question off); anything unreadable counts as 0 (always ask).
 */
export function confirmCostAbove(): number {
  const value = vscode.workspace.getConfiguration('pruna').inspect<unknown>(CONFIRM_SETTING)?.globalValue;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Whether this cost needs the user's yes. */
export function needsConfirmation(cost: { known: boolean; usd?: number }, threshold = confirmCostAbove()): boolean {
  if (!cost.known || threshold === 0) return true;
  return (cost.usd ?? 0) > threshold;
}

export function costPhrase(cost: CostEstimate): string {
  return cost.known ? cost.summary : cost.text;
}

export function totalPhrase(total: CostTotal): string {
  return total.text;
}

export interface Confirmation {
  readonly title: string;
  /** One sentence: what, with which model, at what cost, where to. */
  readonly headline: string;
  /** Further lines (prompt, inputs, the plan of a batch), shown below the headline. */
  readonly details: readonly string[];
  readonly cost: { readonly known: boolean; readonly usd?: number };
  /** What the chat shows while the tool runs. */
  readonly progress: string;
}

const ESTIMATE_NOTE = (): string => vscode.l10n.t('Estimated from Pruna\'s published prices; the actual bill may differ. Nothing is sent until you continue.');

export function toPrepared(c: Confirmation, threshold = confirmCostAbove()): vscode.PreparedToolInvocation {
  const invocationMessage = c.progress;
  if (!needsConfirmation(c.cost, threshold)) return { invocationMessage };
  const message = new vscode.MarkdownString([c.headline, ...c.details.map((d) => `- ${d}`), '', `_${ESTIMATE_NOTE()}_`].join('\n'));
  return { invocationMessage, confirmationMessages: { title: c.title, message } };
}

/** "assets/generated/" for a folder; the workspace-relative text as the user wrote it. */
export function folderPhrase(folder: string): string {
  const clean = folder.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  return clean ? `${clean}/` : vscode.l10n.t('the workspace folder');
}

/** User or model text inside the Markdown confirmation: shortened, and unable to format or link. */
export function quote(text: string, max = 200): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const short = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return `“${short.replace(/([\\`*_{}[\]()<>#|!~])/g, '\\$1')}”`;
}

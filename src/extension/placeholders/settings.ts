// The placeholder settings, read at use time with their documented defaults (the manifest declares them).
import * as vscode from 'vscode';
import type { SizeMode, SizeOptions } from '../../core/placeholders';
import type { PrunaServices } from '../services';
import { SETTING_RANGES, clampedInt, readSetting } from '../config';

/** `pruna.placeholders.confirmPrompt` (default true): show the prompt in an input box before generating. */
export function confirmPrompt(scope?: vscode.Uri): boolean {
  // Restricted: in an untrusted workspace only the user's own value counts (config.ts).
  return readSetting('placeholders.confirmPrompt', scope) !== false;
}

/** `pruna.placeholders.exactSize` (default false): custom width × height instead of the nearest preset ratio. */
export function exactSize(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('pruna.placeholders', scope).get<unknown>('exactSize') === true;
}

/** `pruna.placeholders.size` (default exact): the file gets the pixels the code states, or (`model`) what the model made. */
export function sizeMode(scope?: vscode.Uri): SizeMode {
  return vscode.workspace.getConfiguration('pruna.placeholders', scope).get<unknown>('size') === 'model' ? 'model' : 'exact';
}

/** How sizes are chosen: exact file or the model's size (nearest ratio or, with exactSize, a custom size), and the user's default ratio (pruna.defaultAspectRatio) for code without sizes. */
export function sizing(services: PrunaServices, scope: vscode.Uri | undefined, exact?: boolean): SizeOptions {
  return { exact: exact ?? exactSize(scope), defaultAspectRatio: services.defaults().defaultAspectRatio, mode: sizeMode(scope) };
}

/** The shell's `pruna.maxConcurrentJobs`, only to size how many runs are handed over at once. */
export function maxConcurrentJobs(): number {
  return clampedInt(readSetting('maxConcurrentJobs'), SETTING_RANGES.maxConcurrentJobs);
}

/** `pruna.placeholders.style` (default ""): appended to every placeholder prompt, so a site's placeholders match. */
export function placeholderStyle(scope?: vscode.Uri): string | undefined {
  const value = vscode.workspace.getConfiguration('pruna.placeholders', scope).get<unknown>('style');
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Saves a style for the workspace folder of `scope` (the batch list's "Use this style"). */
export async function savePlaceholderStyle(style: string, scope?: vscode.Uri): Promise<void> {
  const target = scope && vscode.workspace.getWorkspaceFolder(scope) ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  await vscode.workspace.getConfiguration('pruna.placeholders', scope).update('style', style, target);
}

/** `pruna.placeholders.promptsFromChatModel` (default false): let a VS Code chat model write the prompts. */
export function promptsFromChatModel(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('pruna.placeholders', scope).get<unknown>('promptsFromChatModel') === true;
}

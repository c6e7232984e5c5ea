// Typed view of the `pruna.*` settings. Values are read on every access (not cached) so a change in settings applies
// to the next request without a reload; unknown or malformed values fall back to the documented default and are
// reported once through `problems()` rather than crashing a command.
import * as vscode from 'vscode';
import * as z from 'zod';
import { PrunaError, SEED_MAX } from '../core';

export const DEFAULT_API_BASE_URL = 'https://api.pruna.ai';
export const DEFAULT_OUTPUT_FOLDER = 'assets/generated';

const SeedSettingSchema = z.union([
  z.literal('random'),
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^[0-9]+$/)
    .transform((s) => Number(s)),
]);

export type SeedSetting = 'random' | number;
export type SyncMode = 'auto' | 'never';

export class Config implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('pruna')) this.emitter.fire();
    });
  }

  private section(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('pruna', scope);
  }

  outputFolder(scope?: vscode.Uri): string {
    const value = this.section(scope).get<unknown>('outputFolder');
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_OUTPUT_FOLDER;
  }

  defaultAspectRatio(): string {
    const value = this.section().get<unknown>('defaultAspectRatio');
    return typeof value === 'string' && value !== '' ? value : '16:9';
  }

  /** Lenient (for showing defaults): a malformed value reads as random. */
  seed(): SeedSetting {
    const parsed = SeedSettingSchema.safeParse(this.section().get<unknown>('seed'));
    return parsed.success ? parsed.data : 'random';
  }

  /** Strict (before a run): a malformed value is an error naming the setting, not a silent random seed. */
  seedOrThrow(): SeedSetting {
    const raw = this.section().get<unknown>('seed');
    const parsed = SeedSettingSchema.safeParse(raw);
    if (parsed.success && (parsed.data === 'random' || parsed.data <= SEED_MAX)) return parsed.data;
    throw new PrunaError('invalid-input', `The setting pruna.seed is ${JSON.stringify(raw)}; use "random" or a whole number from 0 to ${SEED_MAX}.`, { fields: ['seed'], hint: 'check-input' });
  }

  syncMode(): SyncMode {
    return this.section().get<unknown>('syncMode') === 'never' ? 'never' : 'auto';
  }

  requestsPerMinute(): number {
    return positiveInt(this.section().get<unknown>('requestsPerMinute'), 150);
  }

  maxConcurrentJobs(): number {
    return positiveInt(this.section().get<unknown>('maxConcurrentJobs'), 4);
  }

  disableSafetyChecker(): boolean {
    return this.section().get<unknown>('disableSafetyChecker') === true;
  }

  openAfterSave(): boolean {
    return this.section().get<unknown>('openAfterSave') !== false;
  }

  /**
   * The API origin. The environment variable wins (tests, proxies); otherwise only the user/machine value counts:
   * a workspace value is ignored even in trusted workspaces, because a cloned repository could otherwise send the key
   * to its own server.
   */
  apiBaseUrl(): string {
    const fromEnv = process.env.PRUNA_API_BASE_URL?.trim();
    if (fromEnv) return stripSlash(fromEnv);
    const inspected = this.section().inspect<unknown>('apiBaseUrl');
    const user = inspected?.globalValue;
    if (user === undefined || user === '') return DEFAULT_API_BASE_URL;
    if (typeof user === 'string' && isAcceptableBaseUrl(user.trim())) return stripSlash(user.trim());
    // Never fall back silently: requests would go somewhere the user did not choose.
    throw new PrunaError('invalid-input', `The setting pruna.apiBaseUrl is ${JSON.stringify(user)}, which is not an https URL (plain http is allowed only for localhost). Fix it in your user settings or remove it to use ${DEFAULT_API_BASE_URL}.`, { fields: ['apiBaseUrl'], hint: 'check-input' });
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}

function positiveInt(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** https anywhere; plain http only to this machine (a local proxy), so the key never crosses a network in clear. */
export function isAcceptableBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

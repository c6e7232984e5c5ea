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

/**
 * Settings a cloned repository must not choose for the user in an untrusted workspace (Restricted Mode): they turn
 * off a safety net (safety checker, prompt confirmation), spend more (concurrency, request rate) or pick where files
 * are written. There only the user's own (global) value or the default is read. The manifest lists the same keys in
 * `capabilities.untrustedWorkspaces.restrictedConfigurations`, so VS Code applies the rule too; this is the code's
 * own copy, which does not depend on it.
 */
export const RESTRICTED_SETTINGS: readonly string[] = [
  'apiBaseUrl',
  'disableSafetyChecker',
  'placeholders.confirmPrompt',
  'maxConcurrentJobs',
  'requestsPerMinute',
  'outputFolder',
  /** Agent mode's cost question; tools/confirm.ts reads it from user settings only, trusted or not. */
  'confirmCostAbove',
];

/** Declared ranges (package.json) of the numeric settings, enforced in code: a settings file can hold anything. */
export const SETTING_RANGES = {
  requestsPerMinute: { min: 1, max: 10_000, fallback: 150 },
  maxConcurrentJobs: { min: 1, max: 16, fallback: 4 },
} as const;

/** Whether the user trusts the open workspace (always true with workspace trust turned off, or with no folder). */
export function isWorkspaceTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** Fires once when the user grants trust (trust cannot be revoked without a reload). */
export const onDidGrantWorkspaceTrust: vscode.Event<void> = (listener, thisArgs, disposables) =>
  vscode.workspace.onDidGrantWorkspaceTrust(listener, thisArgs, disposables);

/**
 * The value of `pruna.<key>` as the extension may use it: in an untrusted workspace a restricted setting comes from
 * the user's settings (or its default) only, never from the workspace or a folder's `.vscode/settings.json`.
 */
export function readSetting(key: string, scope?: vscode.Uri): unknown {
  const section = vscode.workspace.getConfiguration('pruna', scope);
  if (vscode.workspace.isTrusted || !RESTRICTED_SETTINGS.includes(key)) return section.get<unknown>(key);
  const inspected = section.inspect<unknown>(key);
  return inspected?.globalValue !== undefined ? inspected.globalValue : inspected?.defaultValue;
}

/** A whole number clamped into its declared range; anything else (text, 2.5, NaN) is the default. */
export function clampedInt(value: unknown, range: { min: number; max: number; fallback: number }): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) return range.fallback;
  return Math.min(range.max, Math.max(range.min, value));
}

export type SeedSetting = 'random' | number;
export type SyncMode = 'auto' | 'never';

export class Config implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor() {
    const configuration = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('pruna')) this.emitter.fire();
    });
    // Granting trust brings the workspace's values of the restricted settings into effect.
    const trust = vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire());
    this.listener = vscode.Disposable.from(configuration, trust);
  }

  /** See `isWorkspaceTrusted`. */
  isTrusted(): boolean {
    return isWorkspaceTrusted();
  }

  private section(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('pruna', scope);
  }

  outputFolder(scope?: vscode.Uri): string {
    const value = readSetting('outputFolder', scope);
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
    throw new PrunaError('invalid-input', vscode.l10n.t('The setting pruna.seed is {0}; use "random" or a whole number from 0 to {1}.', JSON.stringify(raw), SEED_MAX), { fields: ['seed'], hint: 'check-input' });
  }

  syncMode(): SyncMode {
    return this.section().get<unknown>('syncMode') === 'never' ? 'never' : 'auto';
  }

  requestsPerMinute(): number {
    return clampedInt(readSetting('requestsPerMinute'), SETTING_RANGES.requestsPerMinute);
  }

  maxConcurrentJobs(): number {
    return clampedInt(readSetting('maxConcurrentJobs'), SETTING_RANGES.maxConcurrentJobs);
  }

  disableSafetyChecker(): boolean {
    return readSetting('disableSafetyChecker') === true;
  }

  /** `pruna.placeholders.confirmPrompt` (default true): show the prompt in an input box before generating. */
  confirmPrompt(scope?: vscode.Uri): boolean {
    return readSetting('placeholders.confirmPrompt', scope) !== false;
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
    if (fromEnv) {
      if (isAcceptableBaseUrl(fromEnv)) return stripSlash(fromEnv);
      // The same rule as the setting: an environment a repository's tooling set up must not send the key in clear.
      throw new PrunaError('invalid-input', vscode.l10n.t('The environment variable PRUNA_API_BASE_URL is {0}, which is not an https URL (plain http is allowed only for localhost). Fix or unset it to use {1}.', JSON.stringify(fromEnv), DEFAULT_API_BASE_URL), { fields: ['apiBaseUrl'], hint: 'check-input' });
    }
    const inspected = this.section().inspect<unknown>('apiBaseUrl');
    const user = inspected?.globalValue;
    if (user === undefined || user === '') return DEFAULT_API_BASE_URL;
    if (typeof user === 'string' && isAcceptableBaseUrl(user.trim())) return stripSlash(user.trim());
    // Never fall back silently: requests would go somewhere the user did not choose.
    throw new PrunaError('invalid-input', vscode.l10n.t('The setting pruna.apiBaseUrl is {0}, which is not an https URL (plain http is allowed only for localhost). Fix it in your user settings or remove it to use {1}.', JSON.stringify(user), DEFAULT_API_BASE_URL), { fields: ['apiBaseUrl'], hint: 'check-input' });
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}

/** https anywhere; plain http only to this machine (a local proxy), so the key never crosses a network in clear. */
export function isAcceptableBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // No credentials in the URL (they would be sent along and logged), no query or fragment (endpoints are appended).
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return false;
    if (url.protocol === 'https:') return url.hostname !== '';
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

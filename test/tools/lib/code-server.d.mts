export declare const BASE_SETTINGS: Readonly<Record<string, unknown>>;
export declare const UNTRUSTED_SETTINGS: Readonly<Record<string, unknown>>;
export declare function ensureHost(): void;
export interface CodeServerOptions {
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  logPath: string;
  port?: number;
  profileDir?: string;
  /** Leave workspace trust on (no --disable-workspace-trust); pair with UNTRUSTED_SETTINGS. */
  workspaceTrust?: boolean;
  /** --locale: the display language (`vscode.env.language`), e.g. 'de'. */
  locale?: string;
}
export interface CodeServer {
  readonly url: string;
  readonly logPath: string;
  readonly pid: number;
  log(): string;
  logTail(lines?: number): string;
  stop(): Promise<void>;
  readonly exited: Promise<void>;
}
export declare function startCodeServer(options: CodeServerOptions): Promise<CodeServer>;
export declare function workbenchUrl(
  base: string,
  target: { folder?: string | null; extensionDevelopmentPath: string; extensionTestsPath?: string },
): string;

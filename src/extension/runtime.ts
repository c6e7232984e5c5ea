// Builds the core client and job engine from settings. Settings and environment are read at request time (base URL,
// key, rate, concurrency) so tests and users can change them without a reload; the engine is rebuilt only when the
// sync mode changes — running jobs keep the engine they started on.
import * as vscode from 'vscode';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { JobEngine, PrunaClient, hfTokenSource, type SecretInputSource } from '../core';
import type { ApiKeyStore } from './apiKey';
import type { Config } from './config';
import { logRequest, type RequestEvent } from './log';
import { createNetwork } from './network/settings';
import { PersistentUploadCache } from './uploadCacheStore';

export class Runtime implements vscode.Disposable {
  readonly client: PrunaClient;
  /** The extension's own dispatcher (http.proxy, http.noProxy, certificates); nothing global is used or changed. */
  private readonly network: ReturnType<typeof createNetwork>;
  private engineCache: { key: string; engine: JobEngine } | undefined;
  /** Last key handed to the client, only to scrub it from log lines should a server ever echo it. */
  private lastKey: string | undefined;
  readonly tempDir: string;
  /** Engine notes (an unknown status, a refreshed delivery link) for the Pruna log. */
  private readonly engineLog: (message: string) => void;
  /** The Hugging Face token, read from SecretStorage when a prediction is posted (never kept in a record). */
  private readonly secretInputs: SecretInputSource;

  constructor(
    private readonly config: Config,
    keys: ApiKeyStore,
    log: vscode.LogOutputChannel,
    storage: vscode.Uri,
    globalState: vscode.Memento,
  ) {
    this.tempDir = join(storage.fsPath, 'downloads');
    mkdirSync(this.tempDir, { recursive: true });
    this.engineLog = (message) => log.info(message);
    this.secretInputs = hfTokenSource(() => keys.hfToken());
    this.network = createNetwork((m) => log.info(m));
    this.client = new PrunaClient({
      baseUrl: () => config.apiBaseUrl(),
      dispatcher: this.network.dispatcher,
      getApiKey: async () => {
        this.lastKey = await keys.get();
        return this.lastKey;
      },
      requestsPerMinute: () => config.requestsPerMinute(),
      onRequest: (e: RequestEvent) => logRequest(log, e, this.lastKey),
      uploadCache: new PersistentUploadCache(globalState, Date.now, (m) => log.warn(m)),
    });
  }

  dispose(): void {
    this.network.dispose();
  }

  /** The same dispatcher for the extension's other downloads (the AVIF encoder). */
  get dispatcher(): ReturnType<typeof createNetwork>['dispatcher'] {
    return this.network.dispatcher;
  }

  engine(): JobEngine {
    const syncMode = this.config.syncMode();
    if (this.engineCache?.key !== syncMode) {
      const engine = new JobEngine({ client: this.client, tempDir: this.tempDir, syncMode, maxConcurrent: () => this.config.maxConcurrentJobs(), log: this.engineLog, secretInputs: this.secretInputs });
      this.engineCache = { key: syncMode, engine };
    }
    return this.engineCache.engine;
  }
}

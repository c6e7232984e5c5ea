// The API key lives only in SecretStorage; without one, the PRUNA_API_KEY environment variable is used (as the
// official client does). Both are read at request time so a key set or cleared mid-session applies to the next request.
import * as vscode from 'vscode';
import * as z from 'zod';

const SECRET_ID = 'pruna.apiKey';

/** Basic shape only (the server is the judge): printable, no spaces, a plausible length. */
export const ApiKeySchema = z
  .string()
  .trim()
  .min(8, { error: () => vscode.l10n.t('The API key looks too short: paste the whole key from your Pruna dashboard.') })
  .max(512, { error: () => vscode.l10n.t('The API key looks too long: paste only the key itself.') })
  .regex(/^[\x21-\x7e]+$/, { error: () => vscode.l10n.t('The API key may not contain spaces or special characters: paste only the key itself.') });

export type KeySource = 'secret-storage' | 'environment' | 'none';

export class ApiKeyStore {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.listener = secrets.onDidChange((e) => {
      if (e.key === SECRET_ID) this.emitter.fire();
    });
  }

  async get(): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET_ID);
    if (stored) return stored;
    const fromEnv = process.env.PRUNA_API_KEY?.trim();
    return fromEnv ? fromEnv : undefined;
  }

  async source(): Promise<KeySource> {
    if (await this.secrets.get(SECRET_ID)) return 'secret-storage';
    return process.env.PRUNA_API_KEY?.trim() ? 'environment' : 'none';
  }

  /** Validates and stores; throws a user-facing Error (without the key) when the shape is wrong. */
  async set(raw: string): Promise<void> {
    const parsed = ApiKeySchema.safeParse(raw);
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? vscode.l10n.t('The API key is not valid.'));
    await this.secrets.store(SECRET_ID, parsed.data);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_ID);
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}

/** Message for the input box: undefined when acceptable. Never echoes the value. */
export function validateKeyInput(value: string): string | undefined {
  if (value.trim() === '') return vscode.l10n.t('Paste your Pruna API key (from the Pruna dashboard).');
  const parsed = ApiKeySchema.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

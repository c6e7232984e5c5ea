// The API key lives only in SecretStorage; without one, the PRUNA_API_KEY environment variable is used (as the
// official client does). Both are read at request time so a key set or cleared mid-session applies to the next request.
import * as vscode from 'vscode';
import * as z from 'zod';

const SECRET_ID = 'pruna.apiKey';
/** The Hugging Face token (private LoRA weights): a field of the prediction body, sent to the P-API only. */
const HF_SECRET_ID = 'pruna.huggingFaceToken';

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

  /**
   * The Hugging Face token for private LoRA weights, from SecretStorage only (no environment variable, no setting).
   * Read when a prediction is posted, so Regenerate and Resume use the one stored now.
   */
  async hfToken(): Promise<string | undefined> {
    return (await this.secrets.get(HF_SECRET_ID)) || undefined;
  }

  /** Validates and stores the Hugging Face token; throws a user-facing Error (without the token) when the shape is wrong. */
  async setHfToken(raw: string): Promise<void> {
    const problem = validateHfTokenInput(raw);
    if (problem) throw new Error(problem);
    await this.secrets.store(HF_SECRET_ID, raw.trim());
  }

  async clearHfToken(): Promise<void> {
    await this.secrets.delete(HF_SECRET_ID);
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

/** Message for the Hugging Face token box: undefined when acceptable (printable, no spaces, plausible length). Never echoes the value. */
export function validateHfTokenInput(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return vscode.l10n.t('Paste your Hugging Face access token (huggingface.co → Settings → Access Tokens).');
  if (text.length < 8) return vscode.l10n.t('The token looks too short: paste the whole Hugging Face token.');
  if (text.length > 512) return vscode.l10n.t('The token looks too long: paste only the token itself.');
  if (!/^[\x21-\x7e]+$/.test(text)) return vscode.l10n.t('The token may not contain spaces or special characters: paste only the token itself.');
  return undefined;
}

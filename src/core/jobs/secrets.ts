// Input fields that are secrets (the spec marks them writeOnly, e.g. a Hugging Face token for a private LoRA). They
// are sent to the P-API once and never kept: not in a job record, a recipe, a log line or a message to the webview.
import * as l10n from '../l10n';

/** Field names treated as secret in every model; the catalog may add its own writeOnly fields. */
export const SECRET_INPUT_FIELDS: ReadonlySet<string> = new Set(['hf_api_token']);

/** Names that look like a credential are secret too, whatever the model calls them. */
const SECRET_NAME = /(^|_)(token|secret|password|api_?key)$/i;

export function isSecretField(name: string, extra?: ReadonlySet<string>): boolean {
  return SECRET_INPUT_FIELDS.has(name) || extra?.has(name) === true || SECRET_NAME.test(name);
}

/** A copy of `input` without its secret fields (the input itself is left alone). */
export function redactInput(input: Readonly<Record<string, unknown>>, extra?: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) if (!isSecretField(key, extra)) out[key] = input[key];
  return out;
}

// ---------------------------------------------------------------- the Hugging Face token, added at request time

/** The spec's field for a Hugging Face token (p-image, p-image-lora, p-image-edit-lora: writeOnly, x-cog-secret). */
export const HF_TOKEN_FIELD = 'hf_api_token';

/** Hosts whose references (`huggingface.co/owner/repo[/file]`, https URLs) may need the user's token. */
const HF_HOSTS = new Set(['huggingface.co', 'www.huggingface.co', 'hf.co']);

/** Whether a value points at Hugging Face: `huggingface.co/owner/repo…` with or without https://, or a list holding one. */
export function isHuggingFaceRef(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isHuggingFaceRef);
  if (typeof value !== 'string') return false;
  const text = value.trim().replace(/^https?:\/\//i, '');
  const host = text.split(/[/?#]/, 1)[0]!.toLowerCase();
  return HF_HOSTS.has(host) && text.length > host.length + 1;
}

/**
 * The secret fields to add to one submission's body (the Hugging Face token), read from the user's secret store at
 * the moment of the POST. They go into that request only: never into the job's record, its recipe or a log.
 */
export type SecretInputSource = (model: { readonly id: string; readonly secretFields: readonly string[] }, input: Readonly<Record<string, unknown>>) => Promise<Record<string, string> | undefined>;

/**
 * Whether a submission should carry the token: the model takes `hf_api_token`, none was given, and an input (a
 * style's `lora_weights`, any other field) points at huggingface.co. Weights elsewhere never get it.
 */
export function wantsHfToken(model: { readonly secretFields: readonly string[] }, input: Readonly<Record<string, unknown>>): boolean {
  if (!model.secretFields.includes(HF_TOKEN_FIELD)) return false;
  if (typeof input[HF_TOKEN_FIELD] === 'string' && input[HF_TOKEN_FIELD] !== '') return false;
  return Object.keys(input).some((key) => key !== HF_TOKEN_FIELD && isHuggingFaceRef(input[key]));
}

/** A SecretInputSource that adds the stored Hugging Face token when `wantsHfToken` says so (and one is stored). */
export function hfTokenSource(getToken: () => Promise<string | undefined>): SecretInputSource {
  return async (model, input) => {
    if (!wantsHfToken(model, input)) return undefined;
    const token = (await getToken())?.trim();
    return token ? { [HF_TOKEN_FIELD]: token } : undefined;
  };
}

/** The body to POST: `input` plus what `source` adds (a new object; `input` itself, kept by the job, is left alone). */
export async function withSecretInputs(
  model: { readonly id: string; readonly secretFields: readonly string[] },
  input: Readonly<Record<string, unknown>>,
  source: SecretInputSource | undefined,
): Promise<Record<string, unknown>> {
  const extra = source ? await source(model, input) : undefined;
  if (!extra) return { ...input };
  const out: Record<string, unknown> = { ...input };
  // Only the model's own secret fields: a source can never add a field the spec does not have.
  for (const [key, value] of Object.entries(extra)) if (model.secretFields.includes(key)) out[key] = value;
  return out;
}

/** Access refused (401/403) for the weights a model tried to fetch, as models word it. */
const AUTH_REFUSED = /\b(401|403)\b|unauthori[sz]ed|forbidden|gated repo|access to (model|repo)|invalid (user )?(access )?token|authenticat/i;
const ABOUT_WEIGHTS = /hugging ?face|\bhf\.co\b|\blora\b|weights|safetensors|\brepo(sitory)?\b/i;

/**
 * A sentence to add to a failed generation's message when the model could not read LoRA weights for lack of access,
 * else undefined. The token is never part of it.
 */
export function weightsAccessHint(serverText: string | undefined): string | undefined {
  if (!serverText || !AUTH_REFUSED.test(serverText) || !ABOUT_WEIGHTS.test(serverText)) return undefined;
  return l10n.t('The model was refused access to the LoRA weights: if they are private (or gated) on Hugging Face, set or check your token with "Pruna: Set Hugging Face Token".');
}

// Input fields that are secrets (the spec marks them writeOnly, e.g. a Hugging Face token for a private LoRA). They
// are sent to the P-API once and never kept: not in a job record, a recipe, a log line or a message to the webview.

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

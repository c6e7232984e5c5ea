// Private LoRA weights on Hugging Face: a repo whose name starts with `private-` (huggingface.co/owner/private-x) can be
// read only with one of the simulator's `hfTokens` in the input's `hf_api_token`. As on the live API the POST is
// accepted (the model fetches its weights when it runs); the prediction then fails with the hub's 401/403 wording.

/** `owner/repo` of a Hugging Face reference (huggingface.co/owner/repo[/file], https:// optional), else undefined. */
function hfRepo(value: string): string | undefined {
  const match = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/([^/?#\s]+)\/([^/?#\s]+)/i.exec(value.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function privateRepos(input: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key === 'hf_api_token') continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      const repo = typeof v === 'string' ? hfRepo(v) : undefined;
      if (repo && /^private-/i.test(repo.split('/')[1]!)) out.push(repo);
    }
  }
  return out;
}

/** The error a prediction fails with when its weights are private and the token is missing or has no access. */
export function weightsAccessError(input: Record<string, unknown>, tokens: readonly string[]): string | undefined {
  const repo = privateRepos(input)[0];
  if (!repo) return undefined;
  const token = input['hf_api_token'];
  if (typeof token !== 'string' || token === '') {
    return `Could not load LoRA weights from huggingface.co/${repo}: 401 Client Error: Unauthorized. The repository is private or gated; pass an access token in hf_api_token.`;
  }
  if (!tokens.includes(token)) {
    return `Could not load LoRA weights from huggingface.co/${repo}: 403 Client Error: Forbidden. The token given in hf_api_token has no access to this repository.`;
  }
  return undefined;
}

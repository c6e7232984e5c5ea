// What an agent reads back from a Pruna tool: results it can use (paths, the reference snippet, seed, size) and
// failures it can act on (which field, which values, what the user must do). Plain text: any model reads it.
import * as vscode from 'vscode';
import { imageSize, isPrunaError, toPrunaError } from '../../core';
import { isShellError } from '../errors';
import type { RecipeStore } from '../recipes/recipeStore';

/** API field names in core messages, and the tool input field an agent must change instead. */
const TOOL_FIELD: Readonly<Record<string, string>> = {
  aspect_ratio: 'aspectRatio',
  disable_safety_checker: 'disableSafetyChecker',
  disable_safety_filter: 'disableSafetyFilter',
  prompt_upsampling: 'promptUpsampling',
};

export function textResult(...lines: string[]): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(lines.join('\n'))]);
}

/** A failure as instructions: nothing is thrown at the chat, the model reads what to change or whom to ask. */
export function errorText(e: unknown, toolName: string, input?: Readonly<Record<string, unknown>>): string {
  if (isShellError(e)) {
    if (e.kind === 'dismissed') return `Not run: ${e.message}`;
    if (e.kind === 'output-folder') return `Error (field "outputFolder"): ${e.message} Call ${toolName} again with a workspace-relative outputFolder, or leave it out.`;
    return `Error: ${e.message}`;
  }
  const error = toPrunaError(e);
  switch (error.kind) {
    case 'no-api-key':
      return 'Error: no API key: ask the user to run the command "Pruna: Set API Key" (the key is stored in VS Code\'s secret storage; never ask for it in chat), then call the tool again. Nothing was sent.';
    case 'auth':
      return `Error: the Pruna API rejected the API key (${error.message}). Ask the user to run "Pruna: Set API Key" with a valid key. Do not retry until they have.`;
    case 'invalid-input':
    case 'invalid-file':
    case 'file-too-large': {
      // Core messages name API fields (aspect_ratio); the agent must change the tool's (aspectRatio) unless it sent that very key.
      const fields = (error.fields ?? []).map((f) => (input && f in input ? f : (TOOL_FIELD[f] ?? f)));
      const which = fields.length ? ` (field${fields.length > 1 ? 's' : ''} ${fields.map((f) => `"${f}"`).join(', ')})` : '';
      const sent = isPrunaError(e) && e.status !== undefined ? 'The API refused the request' : 'Nothing was sent';
      return `Error${which}: ${error.message} ${sent}; fix the input and call ${toolName} again.`;
    }
    case 'canceled':
      return `Canceled: ${error.message}`;
    case 'rate-limited':
      return `Error: ${error.message} Wait a minute before calling ${toolName} again.`;
    case 'ambiguous-submit':
      return `Error: ${error.message} Do not call ${toolName} again on your own: the first request may have been billed. Ask the user whether to retry (Pruna: Show Jobs → Retry).`;
    default:
      return `Error: ${error.message}${error.retryable ? ' Trying again may work; ask the user first, since every run is billed.' : ''}`;
  }
}

export interface SavedFileFacts {
  readonly path: string;
  readonly seed?: number;
  readonly size?: { readonly width: number; readonly height: number };
}

/** Workspace-relative path, seed (from the recipe) and pixel size (from the bytes) of a saved file. */
export async function factsOf(uri: vscode.Uri, recipes: RecipeStore): Promise<SavedFileFacts> {
  const path = vscode.workspace.asRelativePath(uri, false);
  const recipe = await recipes.get(uri).catch(() => undefined);
  let size: SavedFileFacts['size'];
  if (!/\.(mp4|webm|mov|m4v)$/i.test(uri.path)) {
    size = await Promise.resolve(vscode.workspace.fs.readFile(uri)).then((bytes) => imageSize(bytes) ?? undefined, () => undefined);
  }
  return { path, ...(recipe?.seed !== undefined ? { seed: recipe.seed } : {}), ...(size ? { size } : {}) };
}

export function describeFacts(f: SavedFileFacts): string {
  const parts = [f.size ? `${f.size.width}×${f.size.height} px` : undefined, f.seed !== undefined ? `seed ${f.seed}` : undefined].filter(Boolean);
  return `- ${f.path}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

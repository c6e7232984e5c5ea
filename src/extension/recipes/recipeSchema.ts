// The recipe index file format, validated on every read: a hand-edited or merged file must not crash the extension.
import * as z from 'zod';
import * as l10n from '../../core/l10n';
import { checkRelativePath } from '../../core/naming/containment';
import type { Recipe } from '../services';

export const RecipeSchema = z.object({
  model: z.string().min(1),
  prompt: z.string(),
  seed: z.number().int().optional(),
  input: z.record(z.string(), z.unknown()),
  sources: z.array(z.string()).optional(),
  predictionId: z.string().optional(),
  /** Local post-processing (issue 12): what Regenerate repeats to make the same bytes from the same seed. */
  post: z
    .object({
      sourceFormat: z.string(),
      sourceWidth: z.int().positive(),
      sourceHeight: z.int().positive(),
      crop: z.object({ x: z.int().nonnegative(), y: z.int().nonnegative(), width: z.int().positive(), height: z.int().positive() }).optional(),
      filter: z.literal('lanczos3').optional(),
      width: z.int().positive(),
      height: z.int().positive(),
      format: z.enum(['jpeg', 'png', 'webp', 'ico']),
      quality: z.int().min(0).max(100).optional(),
    })
    .optional(),
  createdAt: z.string(),
  /**
   * Which installation wrote the entry, for this workspace folder: a hash of a random per-installation id (kept in
   * global state, never synced) and the folder's URI. Not a secret — it only tells "written here" from "came with the
   * repository", so a committed recipe from elsewhere is confirmed before it is replayed. Differs per folder, so
   * committed indexes do not link one user's repositories.
   */
  writtenBy: z.string().optional(),
});

export const RecipeIndexSchema = z.object({
  version: z.literal(1),
  /** Keyed by the file's path relative to the workspace folder, with forward slashes. */
  recipes: z.record(z.string(), RecipeSchema),
});

export type RecipeIndex = z.infer<typeof RecipeIndexSchema>;

// Fails to compile if the schema stops producing what the services contract promises.
export const toRecipe = (parsed: z.infer<typeof RecipeSchema>): Recipe => parsed;

export { RECIPE_INDEX_PATH } from './recipeLocations';

export function emptyIndex(): RecipeIndex {
  return { version: 1, recipes: {} };
}

/** An entry that was left out, and why (for the warning). */
export interface DroppedRecipe {
  readonly key: string;
  readonly reason: string;
}

/**
 * Recipes are untrusted input (a repository can ship any `.pruna/recipes.json`): keeps an entry only when its key is
 * a plain workspace-relative path and each source is an https URL or a plain workspace-relative path. An absolute
 * local path is kept only in an entry written by this installation (`writtenHere`): the user picked that file here.
 * Where a kept path really lands (links) is checked again when it is used.
 */
export function sanitizeIndex(index: RecipeIndex, writtenHere: (recipe: RecipeIndex['recipes'][string]) => boolean): { index: RecipeIndex; dropped: DroppedRecipe[] } {
  const kept: RecipeIndex['recipes'] = {};
  const dropped: DroppedRecipe[] = [];
  for (const [key, recipe] of Object.entries(index.recipes)) {
    const keyCheck = checkRelativePath(key);
    if (!keyCheck.ok) {
      dropped.push({ key, reason: l10n.t('its file is not a path inside the workspace folder') });
      continue;
    }
    const local = writtenHere(recipe);
    const bad = (recipe.sources ?? []).find((source) => sourceProblem(source, local) !== undefined);
    if (bad !== undefined) {
      dropped.push({ key, reason: l10n.t('its input {0} {1}', JSON.stringify(clip(bad)), sourceProblem(bad, local) ?? '') });
      continue;
    }
    Object.defineProperty(kept, key, { value: recipe, enumerable: true, writable: true, configurable: true });
  }
  return { index: { version: 1, recipes: kept }, dropped };
}

/** Why a recorded input cannot be replayed, or undefined when it can. */
export function sourceProblem(source: string, writtenHere: boolean): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-zA-Z]:[\\/]/.test(source)) {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      return l10n.t('is not a valid URL');
    }
    if (url.protocol !== 'https:') return l10n.t('uses {0} (only https URLs are fetched by the API)', url.protocol);
    if (url.username !== '' || url.password !== '') return l10n.t('carries credentials');
    return undefined;
  }
  if (source.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(source) || source.startsWith('\\')) {
    if (!writtenHere) return l10n.t('is a file outside the workspace folder, named by a recipe this installation did not write');
    return /[\u0000-\u001f\u007f-\u009f]/.test(source) ? l10n.t('contains control characters') : undefined;
  }
  const check = checkRelativePath(source);
  return check.ok ? undefined : l10n.t('is not a path inside the workspace folder');
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Input fields that carry a credential (p-image's `hf_api_token`): never written to a file that may be committed. */
const SECRET_FIELD = /token|secret|password|api_?key/i;

export function withoutSecrets(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([field]) => !SECRET_FIELD.test(field)));
}

// The recipe index file format, validated on every read: a hand-edited or merged file must not crash the extension.
import * as z from 'zod';
import type { Recipe } from '../services';

export const RecipeSchema = z.object({
  model: z.string().min(1),
  prompt: z.string(),
  seed: z.number().int().optional(),
  input: z.record(z.string(), z.unknown()),
  sources: z.array(z.string()).optional(),
  predictionId: z.string().optional(),
  createdAt: z.string(),
});

export const RecipeIndexSchema = z.object({
  version: z.literal(1),
  /** Keyed by the file's path relative to the workspace folder, with forward slashes. */
  recipes: z.record(z.string(), RecipeSchema),
});

export type RecipeIndex = z.infer<typeof RecipeIndexSchema>;

// Fails to compile if the schema stops producing what the services contract promises.
export const toRecipe = (parsed: z.infer<typeof RecipeSchema>): Recipe => parsed;

export const RECIPE_INDEX_PATH = ['.pruna', 'recipes.json'] as const;

export function emptyIndex(): RecipeIndex {
  return { version: 1, recipes: {} };
}

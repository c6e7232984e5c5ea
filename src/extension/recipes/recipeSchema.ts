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

// Where recipes are kept, without the schema (zod) around them: the activation entry reads the index's keys to show
// "Regenerate with Pruna" on generated files before the rest of the extension is loaded (activation/startupWork.ts).

/** One index per workspace folder, keyed by workspace-relative path. */
export const RECIPE_INDEX_PATH = ['.pruna', 'recipes.json'] as const;

/** Global state: recipes of files saved outside every workspace folder, keyed by file URI. */
export const RECIPES_OUTSIDE_KEY = 'pruna.recipesOutsideWorkspace';

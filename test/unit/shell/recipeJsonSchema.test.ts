// The JSON schema VS Code uses for hand edits of .pruna/recipes.json (contributes.jsonValidation) is derived from the
// zod schema the extension validates the file with, so the editor never accepts what the extension refuses or the other
// way round. `UPDATE_SCHEMAS=1 npm run test:unit -- --grep "recipes.json schema"` rewrites the committed file.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { RecipeIndexSchema } from '../../../src/extension/recipes/recipeSchema';

const SCHEMA_PATH = join(process.cwd(), 'media', 'schemas', 'recipes.schema.json');

function expectedSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(RecipeIndexSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return {
    $schema: generated.$schema,
    title: 'Pruna recipes',
    description:
      'Written by Pruna for VS Code: how each generated file was made (model, prompt, seed, input), keyed by the ' +
      "file's path relative to the workspace folder. Regenerate with Pruna reads it; edits are validated on every read.",
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== '$schema')),
  };
}

describe('recipes.json schema', () => {
  it('is the JSON schema of the zod schema the extension reads recipes.json with', () => {
    const expected = `${JSON.stringify(expectedSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(SCHEMA_PATH, expected);
    const committed = readFileSync(SCHEMA_PATH, 'utf8');
    assert.equal(committed, expected, 'media/schemas/recipes.schema.json is stale: run with UPDATE_SCHEMAS=1');
  });

  it('is the file the manifest points jsonValidation at, for .pruna/recipes.json in any folder', () => {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      contributes: { jsonValidation?: { fileMatch: string | string[]; url: string }[] };
    };
    const entry = manifest.contributes.jsonValidation?.find((e) => e.url === './media/schemas/recipes.schema.json');
    assert.ok(entry, 'no jsonValidation entry for the recipes schema');
    assert.deepEqual([entry.fileMatch].flat(), ['**/.pruna/recipes.json']);
  });
});

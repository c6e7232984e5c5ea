// A committed `.pruna/recipes.json` is someone else's input: entries that name files outside the workspace folder or
// inputs that are neither inside it nor https URLs are dropped before anything can list or replay them.
import * as assert from 'node:assert/strict';
import { RecipeIndexSchema, sanitizeIndex, sourceProblem, withoutSecrets, type RecipeIndex } from '../../../src/extension/recipes/recipeSchema';

const base = { model: 'p-image-edit', prompt: 'p', input: {}, createdAt: '2026-01-01T00:00:00.000Z' };

function index(recipes: Record<string, Record<string, unknown>>): RecipeIndex {
  return RecipeIndexSchema.parse({ version: 1, recipes: Object.fromEntries(Object.entries(recipes).map(([k, v]) => [k, { ...base, ...v }])) });
}

describe('recipe index as untrusted input', () => {
  it('keeps plain workspace-relative entries with relative or https inputs', () => {
    const { index: kept, dropped } = sanitizeIndex(index({
      'assets/generated/a.png': { sources: ['assets/in.png', 'https://example.com/x.png'] },
      'b.png': {},
    }), () => false);
    assert.deepEqual(Object.keys(kept.recipes).sort(), ['assets/generated/a.png', 'b.png']);
    assert.deepEqual(dropped, []);
  });

  it('drops keys that climb out, are absolute or mean something else on Windows', () => {
    const { index: kept, dropped } = sanitizeIndex(index({
      '../../../../etc/passwd': {},
      '/etc/passwd': {},
      'C:/Windows/win.ini': {},
      'a\\..\\..\\b.png': {},
      'x.png:stream': {},
      'ok.png': {},
    }), () => false);
    assert.deepEqual(Object.keys(kept.recipes), ['ok.png']);
    assert.equal(dropped.length, 5);
    assert.match(dropped[0]!.reason, /not a path inside the workspace folder/);
  });

  it('drops absolute local inputs unless this installation wrote the entry', () => {
    const crafted = index({ 'a.png': { sources: ['/home/me/.ssh/id_rsa'] }, 'b.png': { sources: ['C:\\Users\\me\\secret.png'] } });
    assert.deepEqual(Object.keys(sanitizeIndex(crafted, () => false).index.recipes), []);
    assert.deepEqual(Object.keys(sanitizeIndex(crafted, () => true).index.recipes).sort(), ['a.png', 'b.png']);
  });

  it('drops inputs with other schemes, credentials, or climbing relative paths', () => {
    for (const source of ['http://example.com/x.png', 'file:///etc/hostname', 'ftp://h/x.png', 'https://user:pw@example.com/x.png', '../outside.png', 'a/../../b.png']) {
      assert.ok(sourceProblem(source, false), source);
    }
    assert.equal(sourceProblem('https://example.com/x.png', false), undefined);
  });

  it('never turns a key like __proto__ or constructor into a lookup of Object.prototype', () => {
    const parsed = RecipeIndexSchema.parse(JSON.parse(`{"version":1,"recipes":{"constructor":${JSON.stringify(base)},"__proto__":${JSON.stringify(base)}}}`));
    const { index: kept } = sanitizeIndex(parsed, () => false);
    assert.equal(Object.getPrototypeOf(kept.recipes), Object.prototype);
    assert.ok(Object.hasOwn(kept.recipes, 'constructor'));
    assert.equal(({} as Record<string, unknown>).model, undefined, 'nothing leaked into Object.prototype');
  });

  it('writes no credentials among the inputs', () => {
    assert.deepEqual(withoutSecrets({ prompt: 'p', hf_api_token: 'hf_x', lora_weights: 'https://h/w', api_key: 'k' }), { prompt: 'p', lora_weights: 'https://h/w' });
  });
});

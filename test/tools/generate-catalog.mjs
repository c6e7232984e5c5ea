// Generates src/core/models/generated/spec.ts from the P-API OpenAPI document kept in the repository
// (src/core/models/spec/openapi-0.5.3.yaml). The output is committed: the extension never parses YAML at run time, a
// spec update shows up as a reviewable data diff, and `npm run test:unit` regenerates it and fails when the committed
// file is stale (test/unit/core/specCatalog.test.ts).
//   node test/tools/generate-catalog.mjs          write the file
//   node test/tools/generate-catalog.mjs --check  exit 1 when the committed file differs from a fresh generation
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SPEC_PATH = 'src/core/models/spec/openapi-0.5.3.yaml';
export const OUTPUT_PATH = 'src/core/models/generated/spec.ts';

/** Keywords a field may carry; anything else stops the generator so a spec change is looked at, not dropped. */
const FIELD_KEYWORDS = new Set([
  'type', 'title', 'description', 'default', 'enum', 'minimum', 'maximum', 'multipleOf', 'format', 'writeOnly',
  'x-cog-secret', 'items', 'minItems', 'maxItems',
]);
const ITEM_KEYWORDS = new Set(['type', 'format']);
const TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array']);
const FORMATS = new Set(['uri', 'password']);

function fail(message) {
  throw new Error(`generate-catalog: ${message}`);
}

function field(model, name, raw) {
  for (const key of Object.keys(raw)) if (!FIELD_KEYWORDS.has(key)) fail(`${model}.${name}: unknown keyword "${key}"`);
  if (!TYPES.has(raw.type)) fail(`${model}.${name}: unsupported type ${JSON.stringify(raw.type)}`);
  if (raw.format !== undefined && !FORMATS.has(raw.format)) fail(`${model}.${name}: unsupported format "${raw.format}"`);
  const out = { name, type: raw.type };
  if (raw.title !== undefined) out.title = String(raw.title);
  if (raw.description !== undefined) out.description = String(raw.description).trim();
  if (raw.default !== undefined) out.default = raw.default;
  if (raw.enum !== undefined) out.enum = raw.enum;
  for (const key of ['minimum', 'maximum', 'multipleOf', 'minItems', 'maxItems']) {
    if (raw[key] !== undefined) {
      if (typeof raw[key] !== 'number') fail(`${model}.${name}.${key} is not a number`);
      out[key] = raw[key];
    }
  }
  if (raw.format !== undefined) out.format = raw.format;
  // x-cog-secret is the upstream (Cog) marker of the same thing; either one makes the field a secret.
  if (raw.writeOnly === true || raw['x-cog-secret'] === true) out.secret = true;
  if (raw.type === 'array') {
    if (!raw.items || typeof raw.items !== 'object') fail(`${model}.${name}: array without items`);
    for (const key of Object.keys(raw.items)) if (!ITEM_KEYWORDS.has(key)) fail(`${model}.${name}.items: unknown keyword "${key}"`);
    if (!['string', 'number', 'integer'].includes(raw.items.type)) fail(`${model}.${name}.items: unsupported type`);
    out.items = { type: raw.items.type, ...(raw.items.format ? { format: raw.items.format } : {}) };
  } else if (raw.items !== undefined) fail(`${model}.${name}: items on a non-array`);
  return out;
}

/** The data the catalog needs from the document, in the document's order. */
export function extract(yamlText) {
  const doc = parse(yamlText);
  const version = doc?.info?.version;
  if (typeof version !== 'string') fail('info.version missing');
  const param = doc.paths?.['/v1/predictions']?.post?.parameters?.find((p) => p.name === 'Model');
  const ids = param?.schema?.enum;
  if (!Array.isArray(ids) || ids.length === 0) fail('the Model header enum is missing');
  const schemas = doc.components?.schemas ?? {};
  const models = ids.map((id) => {
    const schema = schemas[id];
    if (!schema) fail(`no component schema for model "${id}"`);
    const input = schema.properties?.input;
    if (!input || input.type !== 'object' || !input.properties) fail(`${id}: no input object`);
    if (input.additionalProperties !== false) fail(`${id}: input allows additional properties (the catalog assumes it does not)`);
    const limit = /Rate limit:\s*([0-9][0-9,]*)\s*requests per minute/i.exec(String(schema.description ?? ''));
    if (!limit) fail(`${id}: no "Rate limit: N requests per minute" in its description`);
    const required = input.required ?? [];
    for (const name of required) if (!(name in input.properties)) fail(`${id}: required field "${name}" is not a property`);
    return {
      id,
      description: String(schema.description).trim(),
      rateLimitPerMinute: Number(limit[1].replace(/,/g, '')),
      required,
      fields: Object.entries(input.properties).map(([name, raw]) => field(id, name, raw)),
    };
  });
  return { version, models };
}

export function render(yamlText) {
  const { version, models } = extract(yamlText);
  // One field per line: a spec change reads as a one-line diff.
  const body = models
    .map((m) => [
      `  ${JSON.stringify(m.id)}: {`,
      `    id: ${JSON.stringify(m.id)},`,
      `    description: ${JSON.stringify(m.description)},`,
      `    rateLimitPerMinute: ${m.rateLimitPerMinute},`,
      `    required: ${JSON.stringify(m.required)},`,
      '    fields: [',
      ...m.fields.map((f) => `      ${JSON.stringify(f)},`),
      '    ],',
      '  },',
    ].join('\n'))
    .join('\n');
  return [
    `// GENERATED by test/tools/generate-catalog.mjs from ${SPEC_PATH} — do not edit by hand.`,
    '// Run `node test/tools/generate-catalog.mjs` after changing the spec; a unit test fails while this file is stale.',
    "import type { SpecModel } from '../specTypes';",
    '',
    `export const SPEC_VERSION = ${JSON.stringify(version)};`,
    '',
    '/** The Model header enum, in the spec\'s order. */',
    `export const SPEC_MODEL_IDS = ${JSON.stringify(models.map((m) => m.id))} as const;`,
    '',
    'export const SPEC_MODELS: Readonly<Record<(typeof SPEC_MODEL_IDS)[number], SpecModel>> = {',
    body,
    '};',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fresh = render(readFileSync(join(ROOT, SPEC_PATH), 'utf8'));
  const target = join(ROOT, OUTPUT_PATH);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== fresh) {
      console.error(`${OUTPUT_PATH} is stale: run node test/tools/generate-catalog.mjs`);
      process.exit(1);
    }
    console.log(`${OUTPUT_PATH} is up to date`);
  } else {
    writeFileSync(target, fresh);
    console.log(`wrote ${OUTPUT_PATH}`);
  }
}

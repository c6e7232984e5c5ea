// The catalog against the spec itself: the committed generated file is what the generator makes of the YAML in the
// repository, every model's fields/enums/ranges/defaults/required match the YAML, and local validation agrees with
// the spec's own JSON schemas (run by Ajv, an independent validator) on valid and mutated inputs, except where a
// documented local rule (LOCAL_RULES) is deliberately stricter.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { LOCAL_RULES, MODEL_IDS, getModel, inputJsonSchema, listModels, type FieldSpec, type LocalRule, type ModelId, type ModelSpec } from '../../../src/core';
import { MODEL_FACTS, OVERLAY_MODELS } from '../../../src/core/models/overlay';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('no package.json above the test');
    dir = up;
  }
  return dir;
}

const ROOT = repoRoot();
const SPEC_FILE = join(ROOT, 'src/core/models/spec/openapi-0.5.3.yaml');
type RawSchema = Record<string, unknown> & { properties: Record<string, Record<string, unknown>>; required?: string[] };
const doc = parse(readFileSync(SPEC_FILE, 'utf8')) as {
  info: { version: string };
  paths: Record<string, { post: { parameters: { name: string; schema: { enum: string[] } }[] } }>;
  components: { schemas: Record<string, { description: string; properties: { input: RawSchema } }> };
};
const SPEC_IDS = doc.paths['/v1/predictions']!.post.parameters.find((p) => p.name === 'Model')!.schema.enum;
const OVERLAY_IDS = OVERLAY_MODELS.map((m) => m.id);

describe('spec catalog: generated from the repository copy of openapi.yaml', () => {
  it('the committed generated file is what the generator makes of the spec', function () {
    this.timeout(30_000);
    const run = spawnSync(process.execPath, [join(ROOT, 'test/tools/generate-catalog.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  });

  it('has every model of the Model header enum, then the overlay models, and nothing else', () => {
    assert.equal(doc.info.version, '0.5.3');
    assert.equal(SPEC_IDS.length, 24);
    assert.deepEqual([...MODEL_IDS], [...SPEC_IDS, ...OVERLAY_IDS]);
    assert.deepEqual(Object.keys(MODEL_FACTS).sort(), [...MODEL_IDS].sort(), 'overlay facts for exactly these models');
    assert.deepEqual(listModels().map((m) => m.id).sort(), [...MODEL_IDS].sort());
    assert.deepEqual(listModels().map((m) => m.source === 'overlay' ? m.id : undefined).filter(Boolean), ['p-image-ideogram', 'p-video-2', 'p-video-2-pro', 'p-video-edit']);
  });

  for (const id of SPEC_IDS) {
    it(`${id}: fields, types, enums, ranges, defaults, required and rate limit match the spec`, () => {
      const raw = doc.components.schemas[id]!;
      const input = raw.properties.input;
      const model = getModel(id);
      assert.deepEqual(model.fields.map((f) => f.name), Object.keys(input.properties), 'fields, in order');
      for (const f of model.fields) {
        const p = input.properties[f.name]!;
        const items = p.items as Record<string, unknown> | undefined;
        assert.deepEqual(
          { type: f.type, enum: f.enum, min: f.minimum, max: f.maximum, multipleOf: f.multipleOf, default: f.default, format: f.format, minItems: f.minItems, maxItems: f.maxItems, items: f.items, secret: f.secret ?? false },
          { type: p.type, enum: p.enum, min: p.minimum, max: p.maximum, multipleOf: p.multipleOf, default: p.default, format: p.format, minItems: p.minItems, maxItems: p.maxItems, items: items && { type: items.type, ...(items.format ? { format: items.format } : {}) }, secret: p.writeOnly === true },
          `${id}.${f.name}`,
        );
        if (p.default !== undefined) assert.deepEqual(model.defaults[f.name], p.default, `${id}.${f.name} default shown`);
      }
      // Required: the spec's, plus only the file inputs a documented local rule requires.
      for (const name of input.required ?? []) assert.ok(model.required.includes(name), `${id}: ${name} required`);
      const extra = model.required.filter((n) => !(input.required ?? []).includes(n));
      for (const name of extra) assert.ok((MODEL_FACTS[id]!.counts?.[name]?.min ?? 0) >= 1, `${id}: ${name} is required only by the file-counts rule`);
      assert.equal(model.rateLimitPerMinute, Number(/Rate limit: (\d+)/.exec(raw.description)![1]));
      // Every file input has a media kind; every uri field is a file input.
      const uriFields = Object.entries(input.properties)
        .filter(([, p]) => p.format === 'uri' || (p.items as { format?: string } | undefined)?.format === 'uri')
        .map(([name]) => name);
      assert.deepEqual(model.files.map((f) => f.field), uriFields);
      for (const f of model.files) assert.ok(f.media.length > 0);
      assert.deepEqual(Object.keys(MODEL_FACTS[id]!.media).sort(), [...uriFields].sort(), `${id}: overlay media only for real file fields`);
    });
  }
});

// ------------------------------------------------------------------- differential: local vs the spec's schemas

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('password', true);

/** The JSON schema of an overlay model, in the spec's own shape (the overlay has no YAML of its own). */
function overlaySchema(m: (typeof OVERLAY_MODELS)[number]): RawSchema {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const f of m.fields) {
    const { name, secret: _s, ...rest } = f;
    void _s;
    properties[name] = { ...rest };
  }
  return { type: 'object', properties, required: [...m.required], additionalProperties: false };
}

function specValidator(id: ModelId): (input: unknown) => boolean {
  const fromSpec = doc.components.schemas[id];
  const schema = fromSpec ? fromSpec.properties.input : overlaySchema(OVERLAY_MODELS.find((m) => m.id === id)!);
  const validate = ajv.compile(schema);
  return (input) => validate(input) as boolean;
}

const URL_SAMPLE = 'https://files.example/input';

function sample(model: ModelSpec, f: FieldSpec): unknown {
  if (f.enum) return f.name === 'aspect_ratio' ? (f.enum.includes('custom') ? 'custom' : f.enum[0]) : f.enum[f.enum.length - 1];
  switch (f.type) {
    case 'boolean':
      return true;
    case 'string':
      return f.format === 'uri' ? URL_SAMPLE : f.name === 'hf_api_token' ? 'hf_example' : 'a lighthouse at dusk';
    case 'integer': {
      if (f.name === 'seed') return 42;
      const step = f.multipleOf ?? model.customSize?.multiple ?? 1;
      const min = f.minimum ?? 0;
      const wanted = f.maximum !== undefined ? Math.min(512, f.maximum) : 512;
      return Math.max(min, Math.floor(wanted / step) * step);
    }
    case 'number':
      return f.minimum !== undefined && f.maximum !== undefined ? (f.minimum + f.maximum) / 2 : 0.5;
    case 'array': {
      const one = f.items?.format === 'uri' ? URL_SAMPLE : f.items?.type === 'string' ? 'https://weights.example/a.safetensors' : 0.5;
      const file = model.files.find((x) => x.field === f.name);
      return Array.from({ length: Math.max(1, f.minItems ?? 0, file?.min ?? 0) }, () => one);
    }
  }
}

/** Every field set to a value both the spec and the local rules accept. */
function fullInput(model: ModelSpec): Record<string, unknown> {
  return Object.fromEntries(model.fields.map((f) => [f.name, sample(model, f)]));
}

/** Only what must be there: required fields (and what a local rule needs, such as an avatar's words). */
function minimalInput(model: ModelSpec): Record<string, unknown> {
  const names = new Set(model.required);
  if (model.id === 'p-video-avatar') names.add('voice_script');
  return Object.fromEntries(model.fields.filter((f) => names.has(f.name)).map((f) => [f.name, sample(model, f)]));
}

function wrongType(f: FieldSpec): unknown {
  return f.type === 'string' ? 123 : f.type === 'boolean' ? 'yes' : f.type === 'array' ? 'not a list' : 'five';
}

interface Case {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/** Mutations of a valid input that the spec itself decides (both validators must agree on each). */
function mutations(model: ModelSpec, base: Record<string, unknown>): Case[] {
  const cases: Case[] = [{ name: 'unknown field', input: { ...base, not_an_input: 1 } }];
  // The spec's own required fields (those a local rule adds are in ruleCases).
  const specRequired = doc.components.schemas[model.id]?.properties.input.required ?? OVERLAY_MODELS.find((m) => m.id === model.id)!.required;
  for (const name of specRequired) {
    const { [name]: _gone, ...rest } = base;
    void _gone;
    cases.push({ name: `without required ${name}`, input: rest });
  }
  for (const f of model.fields) {
    const set = (value: unknown, what: string) => cases.push({ name: `${f.name} ${what}`, input: { ...base, [f.name]: value } });
    set(wrongType(f), 'of the wrong type');
    if (f.enum) set(f.type === 'integer' ? 7 : 'not-a-value', 'outside its enum');
    if (f.type === 'integer' && !f.enum) set(1.5, 'fractional');
    if ((f.type === 'integer' || f.type === 'number') && !f.enum) {
      if (f.minimum !== undefined) set(f.minimum - (f.multipleOf ?? 1), 'below its minimum');
      if (f.maximum !== undefined) set(f.maximum + (f.multipleOf ?? 1), 'above its maximum');
      if (f.multipleOf !== undefined) set((f.minimum ?? 0) + f.multipleOf / 2, 'not a multiple');
    }
    if (f.type === 'array') {
      if (f.maxItems !== undefined) set(Array.from({ length: f.maxItems + 1 }, () => (base[f.name] as unknown[])[0]), 'with too many items');
      set([wrongType({ ...f, type: f.items?.type ?? 'string' })], 'with an item of the wrong type');
    }
  }
  return cases;
}

/** Inputs the spec accepts and a documented local rule refuses, per model where the rule applies. */
function ruleCases(model: ModelSpec, base: Record<string, unknown>): (Case & { rule: LocalRule })[] {
  const out: (Case & { rule: LocalRule })[] = [];
  const add = (rule: LocalRule, name: string, input: Record<string, unknown>) => out.push({ rule, name, input });
  const has = (name: string) => model.fields.some((f) => f.name === name);
  if (model.prompt === 'required') add('non-empty-prompt', 'blank prompt', { ...base, prompt: '  ' });
  const seed = model.fields.find((f) => f.name === 'seed');
  if (seed && seed.minimum === undefined) add('seed-range', 'seed -5', { ...base, seed: -5 });
  if (seed && seed.maximum === undefined) add('seed-range', 'seed 2^31', { ...base, seed: 2 ** 31 });
  for (const file of model.files) {
    const ftp = 'ftp://files.example/input';
    add('https-files', `${file.field} as ftp://`, { ...base, [file.field]: file.multiple ? [ftp] : ftp });
  }
  if (model.customSize) {
    add('custom-size', 'width without custom ratio', { ...base, aspect_ratio: model.aspectRatios[0] });
    const { width: _w, ...noWidth } = base;
    void _w;
    add('custom-size', 'custom ratio without width', noWidth);
    if (model.customSize.multiple > 1 && !model.fields.find((f) => f.name === 'width')?.multipleOf) {
      add('custom-size', 'width not a multiple', { ...base, width: model.customSize.min + model.customSize.multiple / 2 });
    }
  }
  const spec = doc.components.schemas[model.id]?.properties.input;
  for (const file of model.files) {
    if (!file.multiple) continue;
    const specItems = spec?.properties[file.field] as { minItems?: number; maxItems?: number } | undefined;
    if (file.required && !(spec?.required ?? []).includes(file.field)) {
      const { [file.field]: _gone, ...rest } = base;
      void _gone;
      add('file-counts', `without ${file.field}`, rest);
    }
    if (file.min >= 1 && (specItems?.minItems ?? 0) < file.min && spec) add('file-counts', `${file.field} empty`, { ...base, [file.field]: [] });
    if (spec && specItems?.maxItems === undefined && MODEL_FACTS[model.id]!.counts?.[file.field]?.max !== undefined) {
      add('file-counts', `${file.field} over the stated count`, { ...base, [file.field]: Array.from({ length: file.max + 1 }, () => URL_SAMPLE) });
    }
  }
  if (model.id === 'p-video-avatar' && has('voice_script')) {
    const { voice_script: _v, audio: _a, ...silent } = base;
    void _v;
    void _a;
    add('avatar-speech', 'neither voice_script nor audio', silent);
  }
  return out;
}

describe('spec catalog: local validation against the spec schemas (Ajv)', () => {
  it('documents each local rule', () => {
    assert.deepEqual(Object.keys(LOCAL_RULES).sort(), ['avatar-speech', 'custom-size', 'file-counts', 'https-files', 'non-empty-prompt', 'seed-range']);
  });

  const seenRules = new Set<LocalRule>();
  for (const id of MODEL_IDS) {
    it(`${id}: both accept valid inputs, agree on every mutation, and only local rules are stricter`, () => {
      const model = getModel(id);
      const spec = specValidator(id);
      const local = (input: unknown) => model.inputSchema.safeParse(input).success;
      for (const [name, input] of [['minimal', minimalInput(model)], ['full', fullInput(model)]] as const) {
        assert.equal(spec(input), true, `${id} ${name} input is valid for the spec: ${JSON.stringify(input)}`);
        assert.equal(local(input), true, `${id} ${name} input is valid locally: ${JSON.stringify(input)}`);
      }
      const base = fullInput(model);
      const disagreements = mutations(model, base)
        .filter((c) => spec(c.input) !== local(c.input))
        .map((c) => `${c.name}: spec ${spec(c.input) ? 'accepts' : 'rejects'}, local ${local(c.input) ? 'accepts' : 'rejects'}`);
      assert.deepEqual(disagreements, [], `${id}: mutations where local validation and the spec disagree`);
      for (const c of ruleCases(model, base)) {
        assert.equal(spec(c.input), true, `${id} ${c.name}: the spec accepts it (else the rule is not stricter)`);
        assert.equal(local(c.input), false, `${id} ${c.name}: local rule ${c.rule} refuses it`);
        seenRules.add(c.rule);
      }
    });
  }

  it('every documented local rule was exercised by at least one model', () => {
    assert.deepEqual([...seenRules].sort(), Object.keys(LOCAL_RULES).sort());
  });
});

describe('spec catalog: JSON schemas for agent tools', () => {
  it('describes every model with the spec’s constraints, without secret fields, and Ajv accepts the valid inputs', () => {
    for (const id of MODEL_IDS) {
      const model = getModel(id);
      const schema = inputJsonSchema(id);
      assert.equal((schema.properties as Record<string, unknown>)['hf_api_token'], undefined, id);
      const validate = ajv.compile(schema);
      const input = minimalInput(model);
      assert.equal(validate(input), true, `${id}: ${JSON.stringify(validate.errors)}`);
      assert.equal(validate({ ...input, not_an_input: 1 }), false, id);
    }
  });
});

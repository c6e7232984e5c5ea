// Per-model input schemas written from openapi.yaml 0.5.3 (fields, enums, ranges; every input has
// additionalProperties: false). Defaults are not applied: the server echoes only what was submitted.
import * as z from 'zod';

/** JSON type name of a value, as the API's validator words it ("given: string"). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

// Each primitive words its own type error so a 422 says "Expected: integer, given: string" like the spec example.
function typeError(expected: string) {
  return (issue: { code: string; input?: unknown }) =>
    issue.code === 'invalid_type' && issue.input !== undefined
      ? `Invalid type. Expected: ${expected}, given: ${jsonType(issue.input)}`
      : undefined;
}
const str = () => z.string({ error: typeError('string') });
const int = () => z.int({ error: typeError('integer') });
const num = () => z.number({ error: typeError('number') });
const bool = () => z.boolean({ error: typeError('boolean') });
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: typeError('string') });

/** A URI input: http(s) only; data/base64 URIs are documented as unsupported (FAQ). */
const uri = () =>
  str().superRefine((value, ctx) => {
    if (/^data:/i.test(value)) {
      ctx.addIssue({
        code: 'custom',
        params: { type: 'format' },
        message: 'Base64 data URIs are not supported; upload the file to /v1/files or pass a public http(s) URL',
      });
      return;
    }
    let ok = false;
    try {
      const protocol = new URL(value).protocol;
      ok = protocol === 'http:' || protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) {
      ctx.addIssue({ code: 'custom', params: { type: 'format' }, message: "Does not match format 'uri' (an http(s) URL)" });
    }
  });

const ratios = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'] as const;
const side = () => int().min(256).max(1440).multipleOf(16);

const pImage = z
  .strictObject({
    prompt: str(),
    aspect_ratio: oneOf([...ratios, 'custom']).optional(),
    width: side().optional(),
    height: side().optional(),
    seed: int().optional(),
    prompt_upsampling: bool().optional(),
    disable_safety_checker: bool().optional(),
    lora_weights: str().optional(),
    lora_scale: num().min(-1).max(3).optional(),
    hf_api_token: str().optional(),
  })
  .superRefine((input, ctx) => {
    // The spec only says width/height are "used when aspect_ratio=custom"; a custom size without them is
    // meaningless, so the oracle is strict here to catch clients that forget them.
    if (input.aspect_ratio !== 'custom') return;
    for (const key of ['width', 'height'] as const) {
      if (input[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], params: { type: 'missing' }, message: 'Field required when aspect_ratio is custom' });
      }
    }
  });

const pImageEdit = z.strictObject({
  prompt: str(),
  images: z.array(uri(), { error: typeError('array') }).min(1).max(5).optional(),
  aspect_ratio: oneOf(['match_input_image', ...ratios]).optional(),
  seed: int().optional(),
  turbo: bool().optional(),
  disable_safety_checker: bool().optional(),
});

const pVideo = z.strictObject({
  prompt: str(),
  image: uri().optional(),
  last_frame_image: uri().optional(),
  audio: uri().optional(),
  duration: int().min(1).max(20).optional(),
  resolution: oneOf(['720p', '1080p']).optional(),
  fps: z.literal([24, 48]).optional(),
  aspect_ratio: oneOf(['16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '1:1']).optional(),
  draft: bool().optional(),
  save_audio: bool().optional(),
  prompt_upsampling: bool().optional(),
  seed: int().optional(),
  disable_safety_filter: bool().optional(),
});

const wanCommon = {
  prompt: str(),
  seed: int().optional(),
  go_fast: bool().optional(),
  num_frames: int().min(81).max(121).optional(),
  resolution: oneOf(['480p', '720p']).optional(),
  sample_shift: num().min(1).max(20).optional(),
  frames_per_second: int().min(5).max(30).optional(),
  interpolate_output: bool().optional(),
  disable_safety_checker: bool().optional(),
  lora_scale_transformer: num().optional(),
  lora_scale_transformer_2: num().optional(),
  lora_weights_transformer: str().optional(),
  lora_weights_transformer_2: str().optional(),
};

const wanT2v = z.strictObject({
  ...wanCommon,
  aspect_ratio: oneOf(['16:9', '9:16']).optional(),
  optimize_prompt: bool().optional(),
});

const wanI2v = z.strictObject({
  ...wanCommon,
  image: uri(),
  last_image: uri().optional(),
});

/** Models whose input the simulator checks field by field; every other model accepts any JSON object. */
export const INPUT_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'p-image': pImage,
  'p-image-edit': pImageEdit,
  'p-video': pVideo,
  'wan-t2v': wanT2v,
  'wan-i2v': wanI2v,
};

/** The aspect ratios p-image renders at ~1 MP, as width x height. */
export const P_IMAGE_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  '1:1': [1024, 1024],
  '16:9': [1344, 768],
  '9:16': [768, 1344],
  '4:3': [1152, 896],
  '3:4': [896, 1152],
  '3:2': [1216, 832],
  '2:3': [832, 1216],
};

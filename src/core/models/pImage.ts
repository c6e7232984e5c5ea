import * as z from 'zod';
import { boolean, intRange, numberRange, oneOf, prompt, seed } from './fields';
import type { ModelSpec } from './types';

const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'] as const;
const SIZE = { min: 256, max: 1440, multiple: 16 };
const side = intRange(SIZE.min, SIZE.max).multipleOf(SIZE.multiple);

/** Output pixels per ratio (P-API guide for p-image); custom uses width x height. */
export const P_IMAGE_SIZES: Readonly<Record<(typeof ASPECT_RATIOS)[number], { width: number; height: number }>> = {
  '1:1': { width: 1024, height: 1024 },
  '16:9': { width: 1344, height: 768 },
  '9:16': { width: 768, height: 1344 },
  '4:3': { width: 1152, height: 896 },
  '3:4': { width: 896, height: 1152 },
  '3:2': { width: 1216, height: 832 },
  '2:3': { width: 832, height: 1216 },
};

const inputSchema = z
  .strictObject({
    prompt,
    aspect_ratio: oneOf([...ASPECT_RATIOS, 'custom']).optional(),
    width: side.optional(),
    height: side.optional(),
    seed: seed.optional(),
    prompt_upsampling: boolean.optional(),
    disable_safety_checker: boolean.optional(),
    lora_weights: z.string().min(1).optional(),
    lora_scale: numberRange(-1, 3).optional(),
    hf_api_token: z.string().min(1).optional(),
  })
  // Local rule: the API ignores width/height unless aspect_ratio is custom, and needs both when it is.
  .superRefine((v, ctx) => {
    const custom = v.aspect_ratio === 'custom';
    for (const side of ['width', 'height'] as const) {
      if (custom && v[side] === undefined) {
        ctx.addIssue({ code: 'custom', path: [side], message: 'is required when aspect_ratio is "custom"' });
      }
      if (!custom && v[side] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [side], message: 'is only used when aspect_ratio is "custom"' });
      }
    }
  });

export const pImage: ModelSpec = {
  id: 'p-image',
  label: 'P-Image',
  kind: 'image',
  description: 'Ultra-fast text-to-image generation with prompt enhancement; fixed ratios or a custom size.',
  inputSchema,
  imageInputs: [],
  audioInputs: [],
  safety: { field: 'disable_safety_checker', defaultDisabled: false },
  syncSuitable: true,
  pollIntervalMs: 1000,
  rateLimitPerMinute: 500,
  aspectRatios: ASPECT_RATIOS,
  defaultAspectRatio: '16:9',
  customSize: SIZE,
  options: [
    {
      field: 'prompt_upsampling',
      label: 'Prompt upsampling',
      type: 'boolean',
      default: false,
      description: 'Let an LLM expand the prompt before generating.',
    },
  ],
  defaults: { aspect_ratio: '16:9', prompt_upsampling: false, disable_safety_checker: false, lora_scale: 0.5 },
};

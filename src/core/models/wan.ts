import * as z from 'zod';
import { boolean, fileUrl, intRange, loraUrl, numberRange, oneOf, prompt, seed } from './fields';
import type { ModelSpec, OptionSpec } from './types';

const RESOLUTIONS = ['480p', '720p'] as const;
const ASPECT_RATIOS = ['16:9', '9:16'] as const;

/** Fields wan-t2v and wan-i2v share, exactly as openapi.yaml lists them. */
const shared = {
  prompt,
  seed: seed.optional(),
  go_fast: boolean.optional(),
  num_frames: intRange(81, 121).optional(),
  resolution: oneOf(RESOLUTIONS).optional(),
  sample_shift: numberRange(1, 20).optional(),
  frames_per_second: intRange(5, 30).optional(),
  interpolate_output: boolean.optional(),
  disable_safety_checker: boolean.optional(),
  lora_scale_transformer: z.number().optional(),
  lora_scale_transformer_2: z.number().optional(),
  lora_weights_transformer: loraUrl.optional(),
  lora_weights_transformer_2: loraUrl.optional(),
};

function sharedOptions(interpolateDefault: boolean): OptionSpec[] {
  return [
    { field: 'num_frames', label: 'Frames', type: 'integer', default: 81, min: 81, max: 121, description: '81 gives the best results.' },
    { field: 'resolution', label: 'Resolution', type: 'enum', default: '480p', values: RESOLUTIONS },
    { field: 'frames_per_second', label: 'Frames per second', type: 'integer', default: 16, min: 5, max: 30 },
    { field: 'interpolate_output', label: 'Interpolate to 30 fps', type: 'boolean', default: interpolateDefault },
    { field: 'go_fast', label: 'Go fast', type: 'boolean', default: true },
  ];
}

const sharedDefaults = {
  go_fast: true,
  num_frames: 81,
  resolution: '480p',
  sample_shift: 12,
  frames_per_second: 16,
  disable_safety_checker: false,
  lora_scale_transformer: 1,
  lora_scale_transformer_2: 1,
};

export const wanT2v: ModelSpec = {
  id: 'wan-t2v',
  label: 'Wan Text to Video',
  kind: 'video',
  description: 'Wan text-to-video, 81-121 frames at 480p or 720p.',
  inputSchema: z.strictObject({
    ...shared,
    aspect_ratio: oneOf(ASPECT_RATIOS).optional(),
    optimize_prompt: boolean.optional(),
  }),
  imageInputs: [],
  audioInputs: [],
  safety: { field: 'disable_safety_checker', defaultDisabled: false },
  syncSuitable: false,
  pollIntervalMs: 3000,
  rateLimitPerMinute: 30,
  aspectRatios: ASPECT_RATIOS,
  defaultAspectRatio: '16:9',
  options: [
    ...sharedOptions(true),
    { field: 'optimize_prompt', label: 'Translate prompt to Chinese', type: 'boolean', default: false },
  ],
  defaults: { ...sharedDefaults, aspect_ratio: '16:9', interpolate_output: true, optimize_prompt: false },
};

export const wanI2v: ModelSpec = {
  id: 'wan-i2v',
  label: 'Wan Image to Video',
  kind: 'video',
  description: 'Wan image-to-video from a first image and an optional last image.',
  inputSchema: z.strictObject({
    ...shared,
    image: fileUrl,
    last_image: fileUrl.optional(),
  }),
  imageInputs: [
    { field: 'image', multiple: false, min: 1, max: 1, required: true },
    { field: 'last_image', multiple: false, min: 0, max: 1, required: false },
  ],
  audioInputs: [],
  safety: { field: 'disable_safety_checker', defaultDisabled: false },
  syncSuitable: false,
  pollIntervalMs: 3000,
  rateLimitPerMinute: 30,
  aspectRatios: [],
  defaultAspectRatio: '',
  options: sharedOptions(false),
  defaults: { ...sharedDefaults, interpolate_output: false },
};

import * as z from 'zod';
import { boolean, fileUrl, intRange, oneOf, prompt, seed } from './fields';
import type { ModelSpec } from './types';

const ASPECT_RATIOS = ['16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '1:1'] as const;
const RESOLUTIONS = ['720p', '1080p'] as const;

const inputSchema = z.strictObject({
  prompt,
  image: fileUrl.optional(),
  last_frame_image: fileUrl.optional(),
  audio: fileUrl.optional(),
  duration: intRange(1, 20).optional(),
  resolution: oneOf(RESOLUTIONS).optional(),
  fps: z.union([z.literal(24), z.literal(48)]).optional(),
  aspect_ratio: oneOf(ASPECT_RATIOS).optional(),
  draft: boolean.optional(),
  save_audio: boolean.optional(),
  prompt_upsampling: boolean.optional(),
  seed: seed.optional(),
  disable_safety_filter: boolean.optional(),
});

export const pVideo: ModelSpec = {
  id: 'p-video',
  label: 'P-Video',
  kind: 'video',
  description: 'Short video from text, optionally from a first/last frame image or driven by audio.',
  inputSchema,
  imageInputs: [
    { field: 'image', multiple: false, min: 0, max: 1, required: false },
    { field: 'last_frame_image', multiple: false, min: 0, max: 1, required: false },
  ],
  audioInputs: [{ field: 'audio', multiple: false, min: 0, max: 1, required: false }],
  safety: { field: 'disable_safety_filter', defaultDisabled: true },
  syncSuitable: false,
  pollIntervalMs: 3000,
  rateLimitPerMinute: 250,
  aspectRatios: ASPECT_RATIOS,
  defaultAspectRatio: '16:9',
  options: [
    { field: 'duration', label: 'Duration (s)', type: 'integer', default: 5, min: 1, max: 20, description: 'Ignored when audio is given.' },
    { field: 'resolution', label: 'Resolution', type: 'enum', default: '720p', values: RESOLUTIONS },
    { field: 'fps', label: 'Frames per second', type: 'enum', default: 24, values: [24, 48] },
    { field: 'draft', label: 'Draft', type: 'boolean', default: false, description: 'Cheaper preview; same seed gives the same video.' },
    { field: 'save_audio', label: 'Keep audio', type: 'boolean', default: true },
    { field: 'prompt_upsampling', label: 'Prompt upsampling', type: 'boolean', default: true },
  ],
  defaults: {
    duration: 5,
    resolution: '720p',
    fps: 24,
    aspect_ratio: '16:9',
    draft: false,
    save_audio: true,
    prompt_upsampling: true,
    disable_safety_filter: true,
  },
};

import * as z from 'zod';
import { boolean, fileUrl, oneOf, prompt, seed } from './fields';
import type { ModelSpec } from './types';

const ASPECT_RATIOS = ['match_input_image', '1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'] as const;

const inputSchema = z.strictObject({
  prompt,
  // The spec lists only prompt as required, but an edit without an image has nothing to edit: required here.
  images: z.array(fileUrl).min(1).max(5),
  aspect_ratio: oneOf(ASPECT_RATIOS).optional(),
  seed: seed.optional(),
  turbo: boolean.optional(),
  disable_safety_checker: boolean.optional(),
});

export const pImageEdit: ModelSpec = {
  id: 'p-image-edit',
  label: 'P-Image Edit',
  kind: 'edit',
  description: 'Edit and compose 1-5 images with a text instruction; refer to them as "image 1", "image 2"...',
  inputSchema,
  imageInputs: [{ field: 'images', multiple: true, min: 1, max: 5, required: true }],
  audioInputs: [],
  safety: { field: 'disable_safety_checker', defaultDisabled: false },
  syncSuitable: true,
  pollIntervalMs: 1000,
  rateLimitPerMinute: 500,
  aspectRatios: ASPECT_RATIOS,
  defaultAspectRatio: 'match_input_image',
  options: [
    {
      field: 'turbo',
      label: 'Turbo',
      type: 'boolean',
      default: true,
      description: 'Faster; turn off for complicated edits.',
    },
  ],
  defaults: { aspect_ratio: 'match_input_image', turbo: true, disable_safety_checker: false },
};

// The shape of a model's facts. Each model file fills one ModelSpec from openapi.yaml (0.5.3); nothing else in the
// project may hard-code a model fact.
import type * as z from 'zod';

export const MODEL_IDS = ['p-image', 'p-image-edit', 'p-video', 'wan-t2v', 'wan-i2v'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** A field that takes URL(s) of an uploaded or public file. */
export interface ImageInputSpec {
  field: string;
  multiple: boolean;
  min: number;
  max: number;
  required: boolean;
}

/** An advanced option a UI can render generically. */
export interface OptionSpec {
  field: string;
  label: string;
  type: 'boolean' | 'integer' | 'enum';
  default: boolean | number | string;
  min?: number;
  max?: number;
  values?: readonly (string | number)[];
  description?: string;
}

export interface SafetySpec {
  field: 'disable_safety_checker' | 'disable_safety_filter';
  /** The API's default for the switch: p-video's filter is off unless asked, the image checkers are on. */
  defaultDisabled: boolean;
}

export interface ModelSpec {
  id: ModelId;
  label: string;
  kind: 'image' | 'edit' | 'video';
  description: string;
  /** Strict object; spec defaults are NOT injected so only what the user set is sent. */
  inputSchema: z.ZodType<Record<string, unknown>>;
  imageInputs: ImageInputSpec[];
  /** Audio URL fields (p-video's `audio`), kept apart so an image is never uploaded where audio is expected. */
  audioInputs: ImageInputSpec[];
  safety: SafetySpec | null;
  syncSuitable: boolean;
  pollIntervalMs: number;
  /** Per-minute ceiling documented in the spec for this model. */
  rateLimitPerMinute: number;
  /** Empty when the model has no aspect_ratio field (wan-i2v follows its input image). */
  aspectRatios: readonly string[];
  defaultAspectRatio: string;
  customSize?: { min: number; max: number; multiple: number };
  options: OptionSpec[];
  /** Every default the spec documents, for display ("default: 16:9"); never merged into requests. */
  defaults: Readonly<Record<string, unknown>>;
}

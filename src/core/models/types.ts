// The shape of a model's facts, built once from the spec (generated/spec.ts) plus the overlay (overlay.ts); nothing
// else in the project may hard-code a model fact.
import type * as z from 'zod';
import { SPEC_MODEL_IDS } from './generated/spec';
import { OVERLAY_MODEL_IDS, type MediaKind, type ModelGroup, type OutputKind } from './overlay';
import type { FieldSpec } from './specTypes';

export type { FieldSpec, MediaKind, ModelGroup, OutputKind };

/** Every model the extension can run: the spec's Model enum, then the overlay's newer models. */
export const MODEL_IDS = [...SPEC_MODEL_IDS, ...OVERLAY_MODEL_IDS] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** A field that takes URL(s) of an uploaded or public file. */
export interface ImageInputSpec {
  field: string;
  multiple: boolean;
  min: number;
  max: number;
  required: boolean;
}

/** A file input with the media it accepts (checked by content before upload). */
export interface FileInputSpec extends ImageInputSpec {
  /** What the field takes; the first is the usual one (vace's src_mask takes a video or an image). */
  media: readonly MediaKind[];
  label: string;
  description?: string;
}

/** An option a UI can render generically (every non-file field besides prompt, seed, safety, ratio and size). */
export interface OptionSpec {
  field: string;
  label: string;
  type: 'boolean' | 'integer' | 'number' | 'string' | 'enum';
  /** The API default; absent when the spec documents none (then nothing is sent unless the user sets it). */
  default?: boolean | number | string;
  min?: number;
  max?: number;
  step?: number;
  values?: readonly (string | number)[];
  description?: string;
  /** Shown up front rather than under "More options". */
  prominent?: boolean;
}

export interface SafetySpec {
  field: 'disable_safety_checker' | 'disable_safety_filter';
  /** The API's default for the switch: p-video's filter is off unless asked, the image checkers are on. */
  defaultDisabled: boolean;
  /** A checker looks at the generated result; a filter checks the prompt and input image before generation. */
  checks: 'output' | 'inputs';
  /** The spec's wording of what the switch does. */
  description: string;
}

export interface ModelSpec {
  id: ModelId;
  label: string;
  kind: 'image' | 'edit' | 'video';
  description: string;
  /** Strict object; spec defaults are NOT injected so only what the user set is sent. */
  inputSchema: z.ZodType<Record<string, unknown>>;
  /** File fields that take images (a subset of `files`). */
  imageInputs: ImageInputSpec[];
  /** Audio URL fields (p-video's `audio`), kept apart so an image is never uploaded where audio is expected. */
  audioInputs: ImageInputSpec[];
  safety: SafetySpec | null;
  syncSuitable: boolean;
  pollIntervalMs: number;
  /** Per-minute ceiling documented for this model. */
  rateLimitPerMinute: number;
  /** Empty when the model has no aspect_ratio field (wan-i2v follows its input image). "custom" is not listed. */
  aspectRatios: readonly string[];
  defaultAspectRatio: string;
  customSize?: { min: number; max: number; multiple: number };
  options: OptionSpec[];
  /** Every default the spec documents, for display ("default: 16:9"); never merged into requests. */
  defaults: Readonly<Record<string, unknown>>;

  // ---- added with the spec-generated catalog
  group: ModelGroup;
  /** What the result is: saved as an image, an mp4 or a zip (trainer weights). */
  output: OutputKind;
  /** 'spec' = OpenAPI 0.5.3; 'overlay' = API.md §10 (newer models). */
  source: 'spec' | 'overlay';
  /** One line for pickers. */
  summary: string;
  /** Every input field as the spec (or overlay) describes it, in its order. */
  fields: readonly FieldSpec[];
  /** Required by the API, plus the local rules that make a file input required (an edit needs an image). */
  required: readonly string[];
  /** Every file input (images, video, audio, zip). */
  files: FileInputSpec[];
  /** Whether the model takes a prompt, and whether it must be given. */
  prompt: 'required' | 'optional' | 'none';
  /** writeOnly fields (hf_api_token): never logged, recorded, shown or sent to the webview. */
  secretFields: readonly string[];
  /** For a -lora model: its base model. */
  loraOf?: ModelId;
}

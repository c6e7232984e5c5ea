// Facts about each model the simulator needs: the Model header enum (plus the newer models of API.md §10), per-minute
// limits and the kind of output. Written out here on purpose (not read from src/core's catalog): the simulator is an
// independent oracle; its input schemas come from the spec's data (schemas.ts).
import type { LatencyMs } from './types';

export type OutputKind = 'image' | 'video' | 'weights';

interface ModelFacts {
  /** Requests per minute from the model schema's description in the spec. */
  rpm: number;
  output: OutputKind;
  latency: LatencyMs;
}

const IMAGE: LatencyMs = { starting: 300, processing: 700 };
const EDIT: LatencyMs = { starting: 300, processing: 1200 };
const VIDEO: LatencyMs = { starting: 4000, processing: 20_000 };
const TRAINER: LatencyMs = { starting: 5000, processing: 60_000 };

export const MODELS: Readonly<Record<string, ModelFacts>> = {
  'flux-dev': { rpm: 150, output: 'image', latency: IMAGE },
  'flux-dev-lora': { rpm: 150, output: 'image', latency: IMAGE },
  'flux-2-klein-4b': { rpm: 150, output: 'image', latency: IMAGE },
  'wan-i2v': { rpm: 30, output: 'video', latency: VIDEO },
  'wan-t2v': { rpm: 30, output: 'video', latency: VIDEO },
  'wan-image-small': { rpm: 150, output: 'image', latency: IMAGE },
  'qwen-image': { rpm: 150, output: 'image', latency: IMAGE },
  'qwen-image-fast': { rpm: 150, output: 'image', latency: IMAGE },
  'qwen-image-edit-plus': { rpm: 150, output: 'image', latency: EDIT },
  vace: { rpm: 30, output: 'video', latency: VIDEO },
  'p-image': { rpm: 500, output: 'image', latency: IMAGE },
  'p-image-edit': { rpm: 500, output: 'image', latency: EDIT },
  'p-image-lora': { rpm: 500, output: 'image', latency: IMAGE },
  'p-image-edit-lora': { rpm: 500, output: 'image', latency: EDIT },
  'z-image-turbo': { rpm: 150, output: 'image', latency: IMAGE },
  'z-image-turbo-lora': { rpm: 150, output: 'image', latency: IMAGE },
  'p-video': { rpm: 250, output: 'video', latency: VIDEO },
  'p-video-animate': { rpm: 50, output: 'video', latency: VIDEO },
  'p-video-replace': { rpm: 50, output: 'video', latency: VIDEO },
  'p-video-avatar': { rpm: 50, output: 'video', latency: VIDEO },
  'p-image-upscale': { rpm: 500, output: 'image', latency: EDIT },
  'p-image-try-on': { rpm: 500, output: 'image', latency: EDIT },
  'p-image-trainer': { rpm: 5, output: 'weights', latency: TRAINER },
  'p-image-edit-trainer': { rpm: 5, output: 'weights', latency: TRAINER },
  // API.md §10 (outside the 0.5.3 enum): no limit is stated for ideogram.
  'p-image-ideogram': { rpm: 150, output: 'image', latency: IMAGE },
  'p-video-2': { rpm: 250, output: 'video', latency: VIDEO },
  'p-video-2-pro': { rpm: 250, output: 'video', latency: VIDEO },
  'p-video-edit': { rpm: 50, output: 'video', latency: VIDEO },
};

export const MODEL_NAMES: readonly string[] = Object.keys(MODELS);

export function isKnownModel(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(MODELS, name);
}

/** Endpoint limits per minute (spec: status 30,000, delivery 10,000, files 10,000). */
export const ENDPOINT_RPM = { status: 30_000, delivery: 10_000, files: 10_000 } as const;

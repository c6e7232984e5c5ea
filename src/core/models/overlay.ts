// What the OpenAPI document does not say, in one reviewed place: the models Pruna documents outside the 0.5.3 enum
// (API.md §10, from Pruna's official agent skills S7 at v1.0.13), and per model the facts a client needs that the spec
// lacks or only states in prose: label, grouping, output kind, Try-Sync suitability, poll interval, the media kind of
// each file input, file counts given in descriptions, which fields a form shows first, and the -lora pairing.
// Everything about fields (types, enums, ranges, defaults, required) comes from the spec; a spec update is a data
// change in generated/spec.ts, and a fact here that no longer matches a field is caught by test/unit/core/specCatalog.
import type { SpecModel } from './specTypes';

/** What a model returns, hence how its result is saved. */
export type OutputKind = 'image' | 'video' | 'zip';
/** What a file input accepts (checked by content before upload). */
export type MediaKind = 'image' | 'video' | 'audio' | 'zip';
/** How the Studio and pickers group models. */
export type ModelGroup = 'generate' | 'edit' | 'upscale' | 'try-on' | 'video' | 'training';

export interface ModelFacts {
  readonly label: string;
  readonly group: ModelGroup;
  /**
   * The job class the shell uses (deadline, progress, save dialog): text-to-image 'image', image-in 'edit', long jobs
   * 'video' (trainers run like a video: minutes, in the background).
   */
  readonly kind: 'image' | 'edit' | 'video';
  readonly output: OutputKind;
  /** Whether a Try-Sync POST is worth it (the server answers within its 60 s window for most requests). */
  readonly syncSuitable: boolean;
  readonly pollIntervalMs: number;
  /** Media kind(s) of every `format: uri` field (a field absent here is a spec change to look at: the test fails). */
  readonly media: Readonly<Record<string, readonly MediaKind[]>>;
  /** Counts the spec states only in a description ("1-3", "Maximum 5", "up to 11"): a deliberate local rule. */
  readonly counts?: Readonly<Record<string, { readonly min?: number; readonly max?: number }>>;
  /** Fields a form shows up front (after the prompt and file inputs); the rest go under "More options". */
  readonly prominent?: readonly string[];
  /** Width/height are only used with aspect_ratio "custom" and must be multiples of this (from the descriptions). */
  readonly customSizeMultiple?: number;
  /** For a -lora model: the base model it extends with `lora_weights` / `lora_scale`. */
  readonly loraOf?: string;
  /** One line for pickers. */
  readonly summary: string;
}

const IMAGE_POLL = 1000; // FAQ: ~1 s for p-family images
const VIDEO_POLL = 3000; // FAQ: 2-5 s for video
const TRAINER_POLL = 10_000; // training takes many minutes; a poll every 10 s is plenty

const image = (label: string, summary: string, extra: Partial<ModelFacts> = {}): ModelFacts => ({
  label,
  summary,
  group: 'generate',
  kind: 'image',
  output: 'image',
  syncSuitable: true,
  pollIntervalMs: IMAGE_POLL,
  media: {},
  ...extra,
});

const video = (label: string, summary: string, extra: Partial<ModelFacts> = {}): ModelFacts => ({
  label,
  summary,
  group: 'video',
  kind: 'video',
  output: 'video',
  syncSuitable: false,
  pollIntervalMs: VIDEO_POLL,
  media: {},
  prominent: ['duration', 'resolution'],
  ...extra,
});

const IMG = ['image'] as const;
const VIDEO = ['video'] as const;
const AUDIO = ['audio'] as const;

/** Facts per model, in the order pickers list them. */
export const MODEL_FACTS: Readonly<Record<string, ModelFacts>> = {
  'p-image': image('P-Image', 'Ultra-fast text-to-image; fixed ratios or a custom size.', { customSizeMultiple: 16 }),
  'p-image-ideogram': image('P-Image Ideogram', 'Legible text in images: banners, logos with words, layouts, hex colours.', {
    customSizeMultiple: 16,
    prominent: ['thinking', 'image_size'],
  }),
  'p-image-lora': image('P-Image LoRA', 'P-Image with your LoRA weights (a style).', {
    customSizeMultiple: 16,
    loraOf: 'p-image',
    prominent: ['lora_weights', 'lora_scale'],
  }),
  'p-image-edit': image('P-Image Edit', 'Edit and compose 1-5 images with a text instruction ("image 1", "image 2"...).', {
    group: 'edit',
    kind: 'edit',
    media: { images: IMG },
    counts: { images: { min: 1 } },
    prominent: ['turbo'],
  }),
  'p-image-edit-lora': image('P-Image Edit LoRA', 'P-Image Edit with your LoRA weights.', {
    group: 'edit',
    kind: 'edit',
    media: { images: IMG },
    counts: { images: { min: 1, max: 5 } },
    loraOf: 'p-image-edit',
    prominent: ['lora_weights', 'lora_scale'],
  }),
  'p-image-upscale': image('P-Image Upscale', 'Upscale an image to a target size in megapixels, optionally enhancing details.', {
    group: 'upscale',
    kind: 'edit',
    media: { image: IMG },
    prominent: ['target', 'enhance_details', 'enhance_realism', 'output_format'],
  }),
  'p-image-try-on': image('P-Image Try-On', 'Fit garment images onto a person image.', {
    group: 'try-on',
    kind: 'edit',
    // C2 saw its Try-Sync POST come back as a poll handle: it is slower than the other image models.
    syncSuitable: false,
    media: { person_image: IMG, garment_images: IMG, reference_pose: IMG },
    counts: { garment_images: { min: 1, max: 11 } },
  }),
  'p-video': video('P-Video', 'Short video from text, a first/last frame image, or driven by audio.', {
    media: { image: IMG, last_frame_image: IMG, audio: AUDIO },
  }),
  'p-video-2': video('P-Video 2', 'Newer P-Video: text or first/last frame to video, optional audio.', {
    media: { image: IMG, last_frame_image: IMG, audio: AUDIO },
  }),
  'p-video-2-pro': video('P-Video 2 Pro', 'Higher quality video with generated audio (24 fps).', {
    media: { image: IMG, last_frame_image: IMG },
    prominent: ['duration', 'resolution', 'mode'],
  }),
  'p-video-edit': video('P-Video Edit', 'Edit a video (up to 15 s) with a text instruction and reference images.', {
    media: { video: VIDEO, images: IMG },
    prominent: ['draft'],
  }),
  'p-video-avatar': video('P-Video Avatar', 'Talking-head video from a portrait and a script or audio.', {
    media: { image: IMG, audio: AUDIO },
    prominent: ['voice_script', 'voice', 'voice_language', 'resolution'],
  }),
  'p-video-animate': video('P-Video Animate', 'Animate a subject image with the motion of a source video.', {
    media: { video: VIDEO, image: IMG },
    prominent: ['instruction_prompt', 'resolution'],
  }),
  'p-video-replace': video('P-Video Replace', 'Replace the person in a video with 1-3 identity images.', {
    media: { video: VIDEO, images: IMG },
    counts: { images: { min: 1, max: 3 } },
    prominent: ['instruction_prompt', 'resolution'],
  }),
  'wan-t2v': video('Wan Text to Video', 'Wan text-to-video, 81-121 frames at 480p or 720p.', { prominent: ['resolution', 'num_frames'] }),
  'wan-i2v': video('Wan Image to Video', 'Wan image-to-video from a first image and an optional last image.', {
    media: { image: IMG, last_image: IMG },
    prominent: ['resolution', 'num_frames'],
  }),
  vace: video('VACE', 'Video generation and editing from a source video, mask and reference images.', {
    media: { src_video: VIDEO, src_mask: ['video', 'image'], src_ref_images: IMG },
    prominent: ['size', 'frame_num'],
  }),
  'flux-dev': image('FLUX.1 dev', 'FLUX.1-dev text-to-image.'),
  'flux-dev-lora': image('FLUX.1 dev LoRA', 'FLUX.1-dev with LoRA weights; optional image-to-image.', {
    media: { image: IMG },
    prominent: ['lora', 'lora_scale'],
  }),
  'flux-2-klein-4b': image('FLUX.2 Klein 4B', 'Light, fast text-to-image; up to 5 reference images.', {
    media: { images: IMG },
    counts: { images: { max: 5 } },
  }),
  'qwen-image': image('Qwen Image', 'Qwen text-to-image (optional img2img and LoRA weights).', { media: { image: IMG } }),
  'qwen-image-fast': image('Qwen Image Fast', 'Fast Qwen text-to-image.', { customSizeMultiple: 16 }),
  'qwen-image-edit-plus': image('Qwen Image Edit Plus', 'Edit images with a text instruction.', {
    group: 'edit',
    kind: 'edit',
    media: { image: IMG },
    counts: { image: { min: 1 } },
  }),
  'wan-image-small': image('Wan Image Small', 'Fast small text-to-image.', { customSizeMultiple: 16 }),
  'z-image-turbo': image('Z-Image Turbo', 'Ultra-fast text-to-image.'),
  'z-image-turbo-lora': image('Z-Image Turbo LoRA', 'Z-Image Turbo with LoRA weights (URLs).'),
  'p-image-trainer': {
    label: 'P-Image Trainer',
    summary: 'Train a LoRA style for P-Image LoRA from a zip of 10+ images (optional .txt captions).',
    group: 'training',
    kind: 'video',
    output: 'zip',
    syncSuitable: false,
    pollIntervalMs: TRAINER_POLL,
    media: { image_data: ['zip'] },
    prominent: ['training_type', 'steps', 'default_caption'],
  },
  'p-image-edit-trainer': {
    label: 'P-Image Edit Trainer',
    summary: 'Train an edit LoRA for P-Image Edit LoRA from a zip of start/end image pairs.',
    group: 'training',
    kind: 'video',
    output: 'zip',
    syncSuitable: false,
    pollIntervalMs: TRAINER_POLL,
    media: { image_data: ['zip'] },
    prominent: ['steps', 'default_caption'],
  },
};

/** Where each overlay model's facts come from (API.md §10; S7 = PrunaAI/pruna-skills v1.0.13). */
export const OVERLAY_SOURCE = 'API.md §10 (Pruna agent skills v1.0.13, 2026-09); not in OpenAPI 0.5.3';

const RATIOS = ['16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '1:1'];
const seed = { name: 'seed', type: 'integer', title: 'Seed', description: 'Random seed. Set for reproducible generation.' } as const;

/**
 * Models outside the 0.5.3 enum, in the spec's own shape. Values S7 does not state are left out (no default, no
 * minimum) rather than guessed; the aspect ratio lists of the p-video-2 family are p-video's (inference: S7 names the
 * field and its default only).
 */
export const OVERLAY_MODELS: readonly SpecModel[] = [
  {
    id: 'p-image-ideogram',
    description: `Legible text, hex colours and layout in images. Rate limit: not stated (${OVERLAY_SOURCE}).`,
    // No limit is documented; the client's default budget is used as the ceiling.
    rateLimitPerMinute: 150,
    required: ['prompt'],
    fields: [
      { name: 'prompt', type: 'string', title: 'Prompt', description: 'Text description of the image, with the exact words to render in quotes.' },
      { name: 'thinking', type: 'string', title: 'Thinking', description: 'How much the model plans the layout before drawing.', enum: ['very low', 'low', 'medium', 'high', 'very high'], default: 'high' },
      { name: 'image_size', type: 'string', title: 'Image size', description: 'Output size class; ignored with a custom aspect ratio.', enum: ['1K', '2K'] },
      { name: 'aspect_ratio', type: 'string', title: 'Aspect ratio', description: 'Aspect ratio of the output image.', enum: ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', 'custom'] },
      { name: 'width', type: 'integer', title: 'Width', description: 'Only used when aspect_ratio=custom. Up to 2560, a multiple of 16.', maximum: 2560 },
      { name: 'height', type: 'integer', title: 'Height', description: 'Only used when aspect_ratio=custom. Up to 2560, a multiple of 16.', maximum: 2560 },
      { name: 'prompt_upsampling', type: 'boolean', title: 'Prompt upsampling', description: 'Let an LLM expand the prompt before generating.' },
      seed,
      { name: 'output_format', type: 'string', title: 'Output format', enum: ['jpg', 'png', 'webp'] },
      { name: 'output_quality', type: 'integer', title: 'Output quality', description: 'For jpg and webp, 0-100.', minimum: 0, maximum: 100 },
    ],
  },
  {
    id: 'p-video-2',
    description: `Text/image to video with optional audio. Rate limit: 250 requests per minute (${OVERLAY_SOURCE}).`,
    rateLimitPerMinute: 250,
    required: ['prompt'],
    fields: [
      { name: 'prompt', type: 'string', title: 'Prompt' },
      { name: 'image', type: 'string', format: 'uri', title: 'Image', description: 'First frame (jpg, png, webp). With an image the aspect ratio is ignored.' },
      { name: 'last_frame_image', type: 'string', format: 'uri', title: 'Last frame image', description: 'Last frame (jpg, png, webp).' },
      { name: 'audio', type: 'string', format: 'uri', title: 'Audio', description: 'Audio to condition the video (flac, mp3, wav); the duration is then ignored.' },
      { name: 'duration', type: 'integer', title: 'Duration', description: 'Seconds, 1-20; empty lets the model decide.', minimum: 1, maximum: 20 },
      { name: 'resolution', type: 'string', title: 'Resolution', enum: ['720p', '1080p'], default: '720p' },
      { name: 'fps', type: 'integer', title: 'Frames per second', enum: [24, 48] },
      { name: 'aspect_ratio', type: 'string', title: 'Aspect ratio', enum: RATIOS, default: '16:9' },
      { name: 'draft', type: 'boolean', title: 'Draft', description: 'Cheaper, lower-quality preview.', default: false },
      { name: 'save_audio', type: 'boolean', title: 'Save audio', default: true },
      { name: 'prompt_upsampling', type: 'boolean', title: 'Prompt upsampling', default: true },
      seed,
      // S7 names the switch but not its default; p-video's (filter off unless asked) is assumed (inference).
      { name: 'disable_safety_filter', type: 'boolean', title: 'Disable Safety Filter', description: 'Disable the safety filter for prompts and input image (checked before generation).', default: true },
    ],
  },
  {
    id: 'p-video-2-pro',
    description: `Higher quality video at 24 fps with generated audio. Rate limit: 250 requests per minute (${OVERLAY_SOURCE}).`,
    rateLimitPerMinute: 250,
    required: ['prompt'],
    fields: [
      { name: 'prompt', type: 'string', title: 'Prompt' },
      { name: 'image', type: 'string', format: 'uri', title: 'Image', description: 'First frame (jpg, png, webp).' },
      { name: 'last_frame_image', type: 'string', format: 'uri', title: 'Last frame image', description: 'Last frame (jpg, png, webp).' },
      { name: 'duration', type: 'integer', title: 'Duration', description: 'Seconds, 5-15.', minimum: 5, maximum: 15, default: 5 },
      { name: 'resolution', type: 'string', title: 'Resolution', enum: ['768p', '480p'], default: '768p' },
      { name: 'mode', type: 'string', title: 'Mode', enum: ['speed', 'quality'], default: 'speed' },
      { name: 'prompt_upsampler', type: 'string', title: 'Prompt upsampler', enum: ['off', 'turbo', 'max'], default: 'turbo' },
      { name: 'aspect_ratio', type: 'string', title: 'Aspect ratio', enum: RATIOS, default: '16:9' },
      seed,
    ],
  },
  {
    id: 'p-video-edit',
    description: `Edit a video (up to 15 s) with a prompt and up to 4 reference images. Rate limit: 50 requests per minute (${OVERLAY_SOURCE}).`,
    rateLimitPerMinute: 50,
    required: ['video', 'prompt'],
    fields: [
      { name: 'video', type: 'string', format: 'uri', title: 'Video', description: 'Source video, at most 15 s; the output has its length.' },
      { name: 'prompt', type: 'string', title: 'Prompt' },
      { name: 'images', type: 'array', items: { type: 'string', format: 'uri' }, title: 'Images', description: 'Reference images (0-4).', minItems: 0, maxItems: 4 },
      { name: 'prompt_upsampling', type: 'boolean', title: 'Prompt upsampling', default: true },
      { name: 'draft', type: 'boolean', title: 'Draft', default: false },
      { name: 'save_audio', type: 'boolean', title: 'Save audio', default: true },
      { ...seed, minimum: 0, maximum: 2147483647 },
    ],
  },
];

export const OVERLAY_MODEL_IDS = ['p-image-ideogram', 'p-video-2', 'p-video-2-pro', 'p-video-edit'] as const;

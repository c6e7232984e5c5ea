// The typed protocol between the Studio panel (webview) and the extension host.
// Both directions are plain JSON objects inside one envelope. The host parses everything the webview sends with these
// schemas before acting on it (a webview is untrusted input); the webview imports the inferred *types* only, so zod
// stays out of the browser bundle.
import * as z from 'zod';
import { MAX_DROPPED_FILE_BYTES, MAX_INPUTS, MAX_VARIATIONS } from './limits';

export { MAX_DROPPED_FILE_BYTES, MAX_INPUTS, MAX_VARIATIONS };

// ---------------------------------------------------------------- shared shapes

const Uri = z.string().min(1).max(4096);
/** Field values the panel may send as API parameters (the host validates them against the model catalog). */
export const ParamValueSchema = z.union([z.string().max(4096), z.number().finite(), z.boolean()]);
export type ParamValue = z.infer<typeof ParamValueSchema>;

export const ModelOptionSchema = z.object({
  field: z.string(),
  label: z.string(),
  type: z.enum(['boolean', 'integer', 'number', 'string', 'enum']),
  default: ParamValueSchema.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  step: z.number().optional(),
  /** Shown up front rather than under "More options". */
  prominent: z.boolean().optional(),
  /** Enum values keep their API type (p-video's fps is 24 | 48, numbers). */
  values: z.array(z.union([z.string(), z.number()])).optional(),
  description: z.string().optional(),
});
export type ModelOption = z.infer<typeof ModelOptionSchema>;

/** A file input of a model besides its main image list. */
export const FileFieldSchema = z.object({
  field: z.string(),
  label: z.string(),
  media: z.array(z.enum(['image', 'video', 'audio', 'zip'])),
  multiple: z.boolean(),
  min: z.number().int(),
  max: z.number().int(),
  required: z.boolean(),
  description: z.string().optional(),
});
export type FileField = z.infer<typeof FileFieldSchema>;

/** A model as the panel needs to know it; built by the host from the core catalog (the single source of model facts). */
export const ModelInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['image', 'edit', 'video']),
  description: z.string().optional(),
  /** Empty when the model has no aspect_ratio field (it follows its input image). */
  aspectRatios: z.array(z.string()),
  defaultAspectRatio: z.string().optional(),
  customSize: z.object({ min: z.number(), max: z.number(), multiple: z.number() }).optional(),
  options: z.array(ModelOptionSchema),
  /** How many input images the model's first image field takes (0..0 for text-only models); image 1 is the main one. */
  images: z.object({ min: z.number().int(), max: z.number().int() }),
  /** The model's image field the input list fills (`images`, `image`, `person_image`...). */
  imagesField: z.string().optional(),
  /** Its other file inputs (a video, audio, a zip, a last frame, garments...), each picked on its own. */
  files: z.array(FileFieldSchema).optional(),
  /** Whether the model takes a prompt (upscale and trainers do not; try-on's is optional). */
  prompt: z.enum(['required', 'optional', 'none']).optional(),
  /** How pickers group it: generate, edit, upscale, try-on, video, training. */
  group: z.string().optional(),
  /** What a run saves: an image, an mp4 or a zip of trainer weights. */
  output: z.enum(['image', 'video', 'zip']).optional(),
  /** Largest seed the API takes. */
  seedMax: z.number().int(),
  /**
   * The model's own safety switch: its field, its API default, and what it checks ('output': a checker looks at the
   * generated result; 'inputs': p-video's filter checks the prompt and input image before generation).
   */
  safety: z
    .object({ field: z.string(), defaultDisabled: z.boolean(), checks: z.enum(['output', 'inputs']).optional(), description: z.string().optional() })
    .nullable(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/** An input image as shown in the panel. `source` is what a run receives: a file URI or a public https URL. */
export const InputImageSchema = z.object({
  source: Uri,
  name: z.string(),
  /** Bytes on disk (local files only). */
  size: z.number().int().nonnegative().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** Something an <img> may load under the panel's CSP (webview resource URI or data: URL); absent for remote URLs. */
  thumbnail: z.string().optional(),
  remote: z.boolean(),
});
export type InputImage = z.infer<typeof InputImageSchema>;

export const RejectedInputSchema = z.object({ value: z.string(), reason: z.string() });
export type RejectedInput = z.infer<typeof RejectedInputSchema>;

export const JobSchema = z.object({
  id: z.string(),
  model: z.string(),
  kind: z.enum(['image', 'edit', 'video']),
  prompt: z.string(),
  /**
   * The one list of job states a user sees: queued (nothing sent), uploading, sent (the request left; no id yet),
   * running (the P-API has it), downloading, downloaded (being saved), saved, parked (the prediction exists; Resume
   * fetches it with no new charge), failed, canceled (before anything was sent).
   */
  state: z.enum(['queued', 'uploading', 'sent', 'running', 'downloading', 'downloaded', 'saved', 'parked', 'failed', 'canceled']),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  error: z.string().optional(),
  retryable: z.boolean().optional(),
  mayHaveBeenCreated: z.boolean().optional(),
  /** Who failed: the API (it failed or expired the prediction), the client (before sending), or unconfirmed. */
  failedBy: z.enum(['api', 'client', 'unconfirmed']).optional(),
  /** Resume fetches this job's prediction with no new POST (parked jobs, and ones stopped after the id was known). */
  resumable: z.boolean().optional(),
  /** Set while transient trouble is being waited out ("waiting for the P-API (retrying)"). */
  retrying: z.string().optional(),
  uploadProgress: z.number().optional(),
  uploadExpiresAt: z.number().optional(),
  seed: z.number().optional(),
  outputs: z.array(z.object({ uri: Uri, name: z.string() })),
});
export type Job = z.infer<typeof JobSchema>;
export type JobState = Job['state'];

export const RecipeViewSchema = z.object({
  model: z.string(),
  prompt: z.string(),
  seed: z.number().optional(),
  params: z.record(z.string(), z.unknown()),
  sources: z.array(z.string()).optional(),
  createdAt: z.string(),
});
export type RecipeView = z.infer<typeof RecipeViewSchema>;

export const GalleryItemSchema = z.object({
  uri: Uri,
  name: z.string(),
  /** Workspace-relative path for display and "Copy path". */
  path: z.string(),
  media: z.enum(['image', 'video']),
  /** Webview resource URI of the file (absent when the file is outside the panel's resource roots). */
  thumbnail: z.string().optional(),
  recipe: RecipeViewSchema,
});
export type GalleryItem = z.infer<typeof GalleryItemSchema>;

export const DefaultsSchema = z.object({
  disableSafetyChecker: z.boolean(),
  defaultAspectRatio: z.string(),
  seed: z.union([z.literal('random'), z.number()]),
});
export type Defaults = z.infer<typeof DefaultsSchema>;

/** The form the user fills in; kept in webview state so it survives reloads. */
export const RunFormSchema = z.strictObject({
  model: z.string().min(1).max(200),
  prompt: z.string().max(20_000),
  params: z.record(z.string().max(100), ParamValueSchema),
  images: z.array(Uri).max(MAX_INPUTS),
  /** The other file inputs by API field: sources the host handed out (file URIs) or https URLs. */
  files: z.record(z.string().max(100), z.array(Uri).max(MAX_INPUTS)).optional(),
  count: z.number().int().min(1).max(MAX_VARIATIONS),
});
export type RunForm = z.infer<typeof RunFormSchema>;


// ---------------------------------------------------------------- webview -> host

export const FromWebviewSchema = z.discriminatedUnion('type', [
  /** First message; `inputs` are sources restored from webview state, re-described by the host (URIs change per session). */
  z.strictObject({ type: z.literal('ready'), inputs: z.array(Uri).max(MAX_INPUTS) }),
  z.strictObject({ type: z.literal('pickImages') }),
  /** Dropped files: URIs (uri-list lines) or absolute paths. */
  z.strictObject({ type: z.literal('addInputs'), values: z.array(z.string().max(4096)).min(1).max(32) }),
  z.strictObject({ type: z.literal('addUrl'), url: z.string().max(4096) }),
  /** A file dropped from the OS: its name and base64 bytes; the host stores it privately and checks it like any file. */
  z.strictObject({
    type: z.literal('addFileData'),
    name: z.string().min(1).max(200),
    data: z.base64().max(Math.ceil(MAX_DROPPED_FILE_BYTES / 3) * 4),
  }),
  z.strictObject({ type: z.literal('run'), form: RunFormSchema }),
  z.strictObject({ type: z.literal('cancelJob'), jobId: z.string().min(1).max(200) }),
  z.strictObject({ type: z.literal('retryJob'), jobId: z.string().min(1).max(200) }),
  z.strictObject({ type: z.literal('resumeJob'), jobId: z.string().min(1).max(200) }),
  z.strictObject({
    type: z.literal('galleryAction'),
    action: z.enum(['open', 'reveal', 'insert', 'copyPath', 'upscale']),
    uri: Uri,
  }),
  z.strictObject({ type: z.literal('useAsInput'), uri: Uri }),
  /** "Choose…" beside one of a model's file inputs: the host shows an open dialog filtered to what the field takes. */
  z.strictObject({ type: z.literal('pickFile'), model: z.string().min(1).max(200), field: z.string().min(1).max(100) }),
  z.strictObject({ type: z.literal('regenerate'), uri: Uri, seed: z.enum(['same', 'new']) }),
  /** What the filled-in form would cost (shown by the run button); the host answers with `estimate`. */
  z.strictObject({ type: z.literal('estimate'), form: RunFormSchema }),
]);
export type FromWebview = z.infer<typeof FromWebviewSchema>;

// ---------------------------------------------------------------- host -> webview

export const ToWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    models: z.array(ModelInfoSchema),
    defaults: DefaultsSchema,
    jobs: z.array(JobSchema),
    gallery: z.array(GalleryItemSchema),
    inputs: z.array(InputImageSchema),
    /**
     * The Studio's messages in the user's language: English message -> translation, from the extension's
     * l10n/bundle.l10n.<language>.json (absent or empty for English; a message it lacks stays English).
     */
    strings: z.record(z.string().max(2000), z.string().max(4000)).optional(),
  }),
  z.object({ type: z.literal('jobs'), jobs: z.array(JobSchema) }),
  z.object({ type: z.literal('gallery'), items: z.array(GalleryItemSchema) }),
  /** New inputs to append (a reply to pickImages/addInputs/addUrl/useAsInput, or pushed by "Open Studio" on an image). */
  z.object({ type: z.literal('inputsAdded'), inputs: z.array(InputImageSchema), rejected: z.array(RejectedInputSchema) }),
  /** Reply to run/regenerate/retry: accepted, or why not (`fields` maps an API field or "prompt"/"images" to a message). */
  z.object({
    type: z.literal('runResult'),
    ok: z.boolean(),
    message: z.string().optional(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
  /** Reply to pickFile: the chosen files (checked to be of the field's media kind), or why some were refused. */
  z.object({
    type: z.literal('filesPicked'),
    field: z.string(),
    files: z.array(z.object({ source: Uri, name: z.string() })),
    rejected: z.array(RejectedInputSchema),
  }),
  /** Reply to `estimate`: "about $0.02 (estimate)", or "price unknown" with the reason; never a bill. */
  z.object({ type: z.literal('estimate'), known: z.boolean(), text: z.string(), detail: z.string() }),
  /** Reply to actions that need no data. */
  z.object({ type: z.literal('ack') }),
  /** Reply to a message the host could not accept (malformed, or the action failed). */
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type ToWebview = z.infer<typeof ToWebviewSchema>;

// ---------------------------------------------------------------- envelope

export const EnvelopeSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  replyTo: z.number().int().nonnegative().optional(),
  body: z.unknown(),
});
export interface Envelope<T> {
  readonly id: number;
  readonly replyTo?: number;
  readonly body: T;
}

export type ParseResult<T> = { ok: true; envelope: Envelope<T> } | { ok: false; error: string; id?: number };

/** Parses something the webview posted; a failure says which field was wrong, for the log and the error reply. */
export function parseFromWebview(raw: unknown): ParseResult<FromWebview> {
  const env = EnvelopeSchema.safeParse(raw);
  if (!env.success) return { ok: false, error: `Malformed message envelope: ${describeIssues(env.error)}` };
  const body = FromWebviewSchema.safeParse(env.data.body);
  if (!body.success) {
    return { ok: false, id: env.data.id, error: `Invalid "${messageType(env.data.body)}" message: ${describeIssues(body.error)}` };
  }
  const envelope: Envelope<FromWebview> =
    env.data.replyTo === undefined
      ? { id: env.data.id, body: body.data }
      : { id: env.data.id, replyTo: env.data.replyTo, body: body.data };
  return { ok: true, envelope };
}

/** The same check for the other direction: used by tests to prove the host only sends what the webview expects. */
export function parseToWebview(raw: unknown): ParseResult<ToWebview> {
  const env = EnvelopeSchema.safeParse(raw);
  if (!env.success) return { ok: false, error: `Malformed message envelope: ${describeIssues(env.error)}` };
  const body = ToWebviewSchema.safeParse(env.data.body);
  if (!body.success) return { ok: false, id: env.data.id, error: `Invalid message: ${describeIssues(body.error)}` };
  const envelope: Envelope<ToWebview> =
    env.data.replyTo === undefined
      ? { id: env.data.id, body: body.data }
      : { id: env.data.id, replyTo: env.data.replyTo, body: body.data };
  return { ok: true, envelope };
}

function messageType(body: unknown): string {
  if (body && typeof body === 'object' && 'type' in body && typeof body.type === 'string') return body.type.slice(0, 40);
  return 'unknown';
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(message)'}: ${i.message}`)
    .join('; ');
}

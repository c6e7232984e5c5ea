// Between a finished download and the save: makes the file the code or the command asked for. The format comes from
// the name (hero.webp is a WebP), else from `pruna.outputFormat`; the size from the placeholder's width × height or
// the command's. The model's download is never lost: the converted file is written next to it and the original is
// removed only once the converted one is saved; when anything fails, the model's bytes are saved as they are (under
// their real extension, so a placeholder then offers the reference update — never applied silently).
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SNIFF_BYTES, sniffImageFormat } from '../../core/http/sniff';
import {
  MAX_SILENT_UPSCALE,
  clampOutputQuality,
  convertImage,
  upscaleOffer,
  planForExtension,
  planForFormat,
  type Codecs,
  type FormatPlan,
  type PostProcessRecord,
  type Size,
  type TargetFormat,
} from '../../core/imaging';
import type { squooshCodecs } from '../../core/imaging/squoosh';
import type { JobSpec } from '../jobs/jobStore';
import type { AvifEncoderStore } from './avifEncoder';
import type { OutputRequest } from './outputRequest';

let avifEncoder: AvifEncoderStore | undefined;

/** Set once at activation: where the downloaded AVIF encoder is kept and how it is fetched. */
export function useAvifEncoder(store: AvifEncoderStore): void {
  avifEncoder = store;
}

/** Why saved files are not what their names asked for, by saved URI, for the reference-update offer. */
const shortfalls = new Map<string, string>();

/** Why the file saved at `uri` is not in the format its name asked for (an AVIF encoder declined, a failed conversion). */
export function shortfallFor(uri: vscode.Uri): string | undefined {
  return shortfalls.get(uri.toString());
}

/** A model's result kept after a conversion enlarged it more than 1.5×, for the offer to upscale it instead. */
export interface KeptSource {
  /** The model's file, in the extension's download folder. */
  readonly path: string;
  readonly source: Size;
  /** The saved file's exact pixels. */
  readonly target: Size;
  /** sha256 of the saved (enlarged) file: it is replaced only while it is still what was saved. */
  readonly savedHash: string;
}

const MAX_KEPT_SOURCES = 20;
/** A kept result nobody offered or took (an ordinary command's, a dismissed notification) is deleted after this. */
const KEEP_SOURCE_MS = 30 * 60_000;
const keptSources = new Map<string, KeptSource>();

function keepSource(at: vscode.Uri, kept: KeptSource): void {
  const key = at.toString();
  const before = keptSources.get(key);
  if (before && before.path !== kept.path) void rm(before.path, { force: true }).catch(() => undefined);
  keptSources.set(key, kept);
  setTimeout(() => {
    if (keptSources.get(key) === kept) void releaseSource(at);
  }, KEEP_SOURCE_MS).unref();
  while (keptSources.size > MAX_KEPT_SOURCES) {
    const [oldest, old] = keptSources.entries().next().value!;
    keptSources.delete(oldest);
    void rm(old.path, { force: true }).catch(() => undefined);
  }
}

/** The model's file behind a saved file that was enlarged more than 1.5×, while it is kept. */
export function keptSourceFor(uri: vscode.Uri): KeptSource | undefined {
  return keptSources.get(uri.toString());
}

/** Forgets and deletes a kept source (the offer was declined, or the upscale is done). */
export async function releaseSource(uri: vscode.Uri): Promise<void> {
  const kept = keptSources.get(uri.toString());
  keptSources.delete(uri.toString());
  if (kept) await rm(kept.path, { force: true }).catch(() => undefined);
}

function noteShortfall(uri: vscode.Uri | undefined, shortfall: string | undefined): void {
  if (!uri || !shortfall) return;
  // A session's worth: only the latest few are ever asked for.
  if (shortfalls.size >= 200) shortfalls.delete(shortfalls.keys().next().value!);
  shortfalls.set(uri.toString(), shortfall);
}

export interface PostProcessed {
  /** The file to save: the converted one, or the download itself. */
  readonly tempPath: string;
  readonly contentType?: string;
  /** What was done, for the recipe (absent when nothing was decoded). */
  readonly record?: PostProcessRecord;
  /** Why the file is not the one asked for (an AVIF name, a failed conversion), for the log and the offer. */
  readonly shortfall?: string;
  /** Call once the returned file is saved: removes the model's download when a converted copy replaced it. */
  readonly saved: (at?: vscode.Uri) => Promise<void>;
}

interface Log {
  info(message: string): void;
  warn(message: string): void;
}

export async function postprocess(request: { tempPath: string; contentType?: string; spec: JobSpec; log: Log }): Promise<PostProcessed> {
  const result = await postprocessNow(request);
  const { shortfall } = result;
  return shortfall ? { ...result, saved: (at) => (noteShortfall(at, shortfall), result.saved(at)) } : result;
}

const NOTHING = async () => undefined;

async function postprocessNow(request: { tempPath: string; contentType?: string; spec: JobSpec; log: Log }): Promise<PostProcessed> {
  const { tempPath, spec, log } = request;
  const asIs: PostProcessed = { tempPath, ...(request.contentType ? { contentType: request.contentType } : {}), saved: NOTHING };
  const plan = wantedFormat(spec);
  const output = spec.output;
  const size = output?.width && output.height ? { width: output.width, height: output.height } : undefined;
  if (!plan && !size) return asIs;
  try {
    const head = await readHead(tempPath);
    const source = sniffImageFormat(head);
    // Videos (a .webm or .mov name) and anything else that is not an image are saved as the model made them.
    if (!source) return asIs;
    let format: TargetFormat | undefined;
    let shortfall: string | undefined;
    if (plan?.kind === 'make') format = plan.format;
    else if (plan?.kind === 'cannot') shortfall = `${plan.reason}; saved as ${source.toUpperCase()}`;
    if (format === 'avif') {
      // Asks for (and downloads) the encoder on the first AVIF; without it, the model's format at the size asked.
      const ready = avifEncoder ? await avifEncoder.ready(saveName(spec)) : { ok: false as const, reason: 'AVIF needs an encoder this window has not set up' };
      if (!ready.ok) {
        format = undefined;
        shortfall = `${ready.reason}; saved as ${source.toUpperCase()}`;
      }
    }
    if (!format) {
      if (!size || (source !== 'png' && source !== 'jpeg' && source !== 'webp')) return shortfall ? { ...asIs, shortfall } : asIs;
      format = source;
    }
    const bytes = await readFile(tempPath);
    const converted = await convertImage(bytes, { format, ...(size ? { size } : {}), ...(output?.quality !== undefined ? { quality: output.quality } : {}) }, await loadCodecs());
    if (!converted.changed) return { ...asIs, record: converted.record, ...(shortfall ? { shortfall } : {}) };
    const outPath = `${tempPath}.converted${converted.ext}`;
    await writeFile(outPath, converted.bytes);
    const { record } = converted;
    log.info(`Converted ${record.sourceFormat.toUpperCase()} ${record.sourceWidth}×${record.sourceHeight} to ${record.format.toUpperCase()} ${record.width}×${record.height}${record.crop ? ` (crop ${record.crop.width}×${record.crop.height} at ${record.crop.x},${record.crop.y}, ${record.filter ?? 'no resize'})` : ''}${record.quality !== undefined ? `, quality ${record.quality}` : ''}.`);
    if (converted.upscale > MAX_SILENT_UPSCALE) log.warn(`The result was enlarged ${converted.upscale.toFixed(1)}× to reach ${record.width}×${record.height}; it will look soft.`);
    const made = { width: record.sourceWidth, height: record.sourceHeight };
    const target = { width: record.width, height: record.height };
    // Enlarged past 1.5× with the upscale model in the catalog: the model's file is kept for the offer to upscale it.
    const keep = converted.upscale > MAX_SILENT_UPSCALE && upscaleOffer(made, target) !== undefined;
    const savedHash = keep ? createHash('sha256').update(converted.bytes).digest('hex') : '';
    return {
      tempPath: outPath,
      contentType: converted.mime,
      record,
      ...(shortfall ? { shortfall } : {}),
      saved: async (at) => {
        if (keep && at) return keepSource(at, { path: tempPath, source: made, target, savedHash });
        await rm(tempPath, { force: true }).catch(() => undefined);
      },
    };
  } catch (e) {
    // The model's bytes are saved as they are; the caller offers the reference update if the extension differs.
    const why = e instanceof Error ? e.message : String(e);
    log.warn(`Could not convert the result (${why}); saving the model's file as it is.`);
    return { ...asIs, shortfall: vscode.l10n.t('the conversion failed ({0}); saved as the model made it', why) };
  }
}

/** The file name the user will see in a question (the placeholder's, the command's, or the model's format). */
function saveName(spec: JobSpec): string {
  const name = spec.target.kind === 'exact' ? vscode.Uri.parse(spec.target.uri).path : spec.target.fileName ?? '';
  return name.slice(name.lastIndexOf('/') + 1) || 'the result';
}

/** The format the saved file's name asks for, else the run's requested format; undefined to keep the model's. */
export function wantedFormat(spec: JobSpec): FormatPlan | undefined {
  const name = spec.target.kind === 'exact' ? vscode.Uri.parse(spec.target.uri).path : spec.target.fileName;
  const ext = name ? extensionOf(name) : '';
  if (ext) {
    const plan = planForExtension(ext);
    // A name that is not an image's (clip.webm for a video) decides nothing here.
    if (plan) return plan;
    return undefined;
  }
  const format = spec.output?.format;
  if (!format) return undefined;
  return format === 'ico' ? { kind: 'make', format: 'ico' } : planForFormat(format);
}

/** What `pruna.outputFormat` and `pruna.outputQuality` add to an image run (read when the run starts). */
export function outputSettings(scope?: vscode.Uri): Pick<OutputRequest, 'format' | 'quality'> {
  const config = vscode.workspace.getConfiguration('pruna', scope);
  const format = config.get<unknown>('outputFormat');
  const quality = clampOutputQuality(config.get<unknown>('outputQuality'));
  return {
    ...(format === 'png' || format === 'jpeg' || format === 'webp' || format === 'avif' ? { format } : {}),
    ...(quality !== undefined ? { quality } : {}),
  };
}

function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

let codecs: Promise<Codecs> | undefined;

/**
 * The codecs bundle (dist/codecs.js) and its WebAssembly (dist/codecs/), required on the first conversion only, so
 * activation reads none of it.
 */
export function loadCodecs(): Promise<Codecs> {
  codecs ??= Promise.resolve().then(() => {
    const dist = codecsFolder();
    // A computed path: esbuild leaves this require alone, so the codecs stay out of dist/extension.js.
    // Loading the codecs runs their Node shim, which defines globalThis.ImageData; take it back off at once (the
    // extension host is shared) and let the codecs put it up only while they run.
    const scope = globalThis as Record<string, unknown>;
    const before = Object.getOwnPropertyDescriptor(scope, 'ImageData');
    const bundle = require(join(dist, 'codecs.js')) as { squooshCodecs: typeof squooshCodecs };
    const after = Object.getOwnPropertyDescriptor(scope, 'ImageData');
    let imageData: unknown;
    if (!before && after) {
      imageData = after.value;
      delete scope.ImageData;
    }
    return bundle.squooshCodecs((file) => {
      if (file !== 'avif_enc.wasm') return readFile(join(dist, 'codecs', file));
      if (!avifEncoder) return Promise.reject(new Error('the AVIF encoder is not set up'));
      return avifEncoder.wasm();
    }, { imageData });
  });
  codecs.catch(() => {
    codecs = undefined;
  });
  return codecs;
}

/** dist/, where the extension bundle runs from (looked up from here so a test bundle finds it too). */
function codecsFolder(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'codecs.js'))) return dir;
    if (existsSync(join(dir, 'dist', 'codecs.js'))) return join(dir, 'dist');
    dir = dirname(dir);
  }
  throw new Error('the image codecs (dist/codecs.js) are missing from this installation');
}

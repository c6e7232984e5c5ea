// The contract between the extension shell (commands, jobs, saving, recipes) and the Studio panel.
// The shell implements PrunaServices once; the panel only talks to it through this interface, so a job started from
// the palette shows up in the panel and a run started in the panel shows up in "Pruna: Show Jobs".
import type * as vscode from 'vscode';
import type { JobState } from '../shared/protocol';
import type { PostProcessRecord } from '../core/imaging';
import type { OutputRequest } from './saving/outputRequest';

/** What a user sees of a job's life: the protocol's list, so the panel and the shell cannot drift apart. */
export type JobStateView = JobState;

export interface JobView {
  readonly id: string;
  readonly model: string;
  readonly kind: 'image' | 'edit' | 'video';
  readonly prompt: string;
  readonly state: JobStateView;
  readonly startedAt: number;
  readonly finishedAt?: number;
  /** User-facing error text (never contains the API key). */
  readonly error?: string;
  /** Whether "Retry" makes sense (and whether the first attempt may already have been billed). */
  readonly retryable?: boolean;
  readonly mayHaveBeenCreated?: boolean;
  readonly failedBy?: 'api' | 'client' | 'unconfirmed';
  /** Resume fetches the existing prediction with no new POST. */
  readonly resumable?: boolean;
  /** "waiting for the P-API (retrying)": why, while transient trouble is waited out. */
  readonly retrying?: string;
  /** 0..1 while local inputs are uploading. */
  readonly uploadProgress?: number;
  /** When the uploaded temporary input URLs expire (epoch ms). */
  readonly uploadExpiresAt?: number;
  readonly seed?: number;
  /** Saved files (workspace file URIs as strings). */
  readonly outputs: readonly string[];
}

/** A run as the panel or a command describes it; params use the API's field names (aspect_ratio, seed, turbo...). */
export interface RunRequest {
  readonly model: string;
  /** Empty for models without a prompt (upscale, trainers, avatar...). */
  readonly prompt: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Input images: file URIs (as strings) of local files, or public https URLs; image 1 first. */
  readonly images?: readonly string[];
  /**
   * File inputs by API field (any model: `video`, `audio`, `image_data`, `garment_images`...): file URIs of local
   * files (uploaded) or public https URLs. `images` above is the first image field's shorthand.
   */
  readonly files?: Readonly<Record<string, string | readonly string[]>>;
  /** Variations: run the same request with this many different seeds. */
  readonly count?: number;
  /** Output folder (workspace-relative) overriding the pruna.outputFolder setting. */
  readonly outputFolder?: string;
  /** File name (without folder) to save as; never overwrites: a free name is chosen when it exists. */
  readonly fileName?: string;
  /**
   * Save exactly at this file URI (placeholders from code). If the returned image type disagrees with the
   * extension, the file is saved with the right extension instead and the returned Uri says so.
   */
  readonly saveAs?: string;
  /** Show a cancellable progress notification (the user asked to wait); otherwise only the status bar. */
  readonly wait?: boolean;
  /**
   * Open each saved file (in a preview tab beside, keeping focus where it was). Default: the pruna.openAfterSave
   * setting, except with `saveAs` (the file is already referenced from code): then false unless set to true.
   */
  readonly open?: boolean;
  /**
   * The saved file's exact pixels and, for results without a name of their own, its format: made locally from the
   * model's output (cropped to the ratio, resized, converted). The name's extension decides the format when it has one.
   */
  readonly output?: OutputRequest;
}

/** What was used to make a saved file, enough to make it again. */
export interface Recipe {
  readonly model: string;
  readonly prompt: string;
  readonly seed?: number;
  readonly input: Readonly<Record<string, unknown>>;
  readonly sources?: readonly string[];
  readonly predictionId?: string;
  /** The local post-processing (source size, crop, filter, format, quality), so Regenerate makes the same file. */
  readonly post?: PostProcessRecord;
  readonly createdAt: string;
}

export interface SavedItem {
  readonly uri: vscode.Uri;
  readonly recipe: Recipe;
  /** This installation wrote the recipe (false: it came with the repository); replaying a foreign one asks first. */
  readonly writtenHere?: boolean;
}

export interface PrunaServices {
  readonly jobs: {
    readonly onDidChange: vscode.Event<void>;
    list(): readonly JobView[];
    /** Starts in the background; resolves to the saved files when the job (or every variation) is done. */
    run(request: RunRequest): Promise<vscode.Uri[]>;
    cancel(id: string): void;
    retry(id: string): Promise<vscode.Uri[]>;
    /** Continues a parked job's existing prediction (no new POST, no new charge). */
    resume(id: string): Promise<vscode.Uri[]>;
  };
  readonly gallery: {
    readonly onDidChange: vscode.Event<void>;
    /** Generated files of this workspace, newest first. */
    list(): Promise<SavedItem[]>;
  };
  /** Same as the pruna.insertReference command. */
  insertReference(file: vscode.Uri): Promise<void>;
  /** The exact text insertReference would insert into this document for this file, without inserting it. */
  referenceFor(document: vscode.TextDocument, file: vscode.Uri): Promise<string>;
  /** The product's one "Pruna" log channel (never give it the API key). */
  readonly log: { info(message: string): void; warn(message: string): void; error(message: string): void };
  /** Folders the panel may load thumbnails from (localResourceRoots). */
  outputRoots(): vscode.Uri[];
  /** Current defaults from settings, for the panel's form. */
  defaults(): { disableSafetyChecker: boolean; defaultAspectRatio: string; seed: 'random' | number };
}

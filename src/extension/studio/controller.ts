// The host side of one Studio panel: validates every message the webview sends, turns it into PrunaServices calls,
// and keeps the panel's view of jobs and gallery current. It holds no state the shell already owns.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { extensionFromMagic, sniffType, SNIFF_BYTES } from '../../core';
import { unreadableImageFormat } from '../../core/models/media';
import { Messenger } from '../../shared/messenger';
import { parseFromWebview } from '../../shared/protocol';
import type { Envelope, FromWebview, GalleryItem, InputImage, RejectedInput, RunForm, ToWebview } from '../../shared/protocol';
import type { PrunaServices, RunRequest, SavedItem } from '../services';
import type { StudioCatalog } from './catalog';
import { describeFile, describeUrl, describeValue, isUnder, refusedRead, type InputContext } from './inputs';
import { confirmGalleryReplay } from '../recipes/confirmReplay';
import { errorText, regenerationRequest, runRequestFromForm, resumeWatched, startWatched } from './runs';
import { studioEstimate } from '../tools/studioEstimate';
import { toGalleryItem, toJob } from './views';
import { localMediaFilters } from '../modelGroupLabels';
import { studioStrings } from './strings';

export interface StudioLog {
  warn(message: string): void;
  error(message: string): void;
}

const IMAGE_FILTER = { Images: ['png', 'jpg', 'jpeg', 'webp'] };


async function readHead(uri: vscode.Uri): Promise<Uint8Array> {
  if (uri.scheme === 'file') {
    const handle = await open(uri.fsPath, 'r');
    try {
      // Enough for an ftyp box's compatible brands (a HEIC or AVIF photo is told from an MP4 by them).
      const head = new Uint8Array(SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
  return (await vscode.workspace.fs.readFile(uri)).subarray(0, SNIFF_BYTES);
}

export class StudioController implements vscode.Disposable {
  private readonly messenger: Messenger<ToWebview, FromWebview>;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  /** Inputs to hand over once the webview is ready (e.g. "Open Studio" from an image's title bar). */
  private readonly pendingInputs: InputImage[] = [];
  private gallery: readonly SavedItem[] = [];
  private jobsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly services: PrunaServices,
    private readonly catalog: StudioCatalog,
    private readonly log: StudioLog,
    private readonly roots: () => readonly vscode.Uri[],
    /** Private folder for files dropped from the OS (they arrive as bytes). */
    private readonly dropFolder: vscode.Uri,
    /**
     * Lets the panel load thumbnails from these folders too: results Pruna saved outside the output folder
     * (placeholders live where the code refers to them). Without it such items show an icon instead.
     */
    private readonly allowFolders?: (folders: readonly vscode.Uri[]) => void,
  ) {
    this.messenger = new Messenger<ToWebview, FromWebview>(
      (envelope) => void this.webview.postMessage(envelope),
      (body, envelope) => this.dispatch(body, envelope),
    );
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      services.jobs.onDidChange(() => this.scheduleJobs()),
      services.gallery.onDidChange(() => void this.pushGallery()),
    );
  }

  /** The webview was hidden and its document discarded: it will say `ready` again when shown. */
  markNotReady(): void {
    this.ready = false;
  }

  /** Adds an image as input (queued until the webview is ready). */
  async addInput(uri: vscode.Uri): Promise<void> {
    const result = await describeFile(uri, this.inputContext());
    if (!result.ok) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Pruna Studio cannot use {0}: {1}', result.rejected.value, result.rejected.reason));
      return;
    }
    if (this.ready) this.messenger.send({ type: 'inputsAdded', inputs: [result.input], rejected: [] });
    else this.pendingInputs.push(result.input);
  }

  async receive(raw: unknown): Promise<void> {
    const parsed = parseFromWebview(raw);
    if (!parsed.ok) {
      this.log.warn(`Studio: ignored a message from the panel. ${parsed.error}`);
      if (parsed.id !== undefined) this.messenger.reply(parsed.id, { type: 'error', message: parsed.error });
      return;
    }
    try {
      await this.messenger.receive(parsed.envelope);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Studio: "${parsed.envelope.body.type}" failed: ${message}`);
      this.messenger.reply(parsed.envelope.id, { type: 'error', message });
    }
  }

  private async dispatch(body: FromWebview, envelope: Envelope<FromWebview>): Promise<ToWebview | undefined> {
    switch (body.type) {
      case 'ready':
        return this.onReady(body.inputs, envelope.id);
      case 'pickImages':
        return this.pickImages();
      case 'addInputs':
        return this.describeAll(body.values);
      case 'addUrl': {
        const result = describeUrl(body.url.trim());
        return result.ok
          ? { type: 'inputsAdded', inputs: [result.input], rejected: [] }
          : { type: 'inputsAdded', inputs: [], rejected: [result.rejected] };
      }
      case 'addFileData':
        return this.storeDroppedFile(body.name, body.data);
      case 'run':
        return this.run(body.form);
      case 'cancelJob':
        this.services.jobs.cancel(body.jobId);
        return { type: 'ack' };
      case 'retryJob':
        return startWatched(this.services.jobs, () => this.services.jobs.retry(body.jobId), 'retry', this.log);
      case 'resumeJob':
        return resumeWatched(this.services.jobs, body.jobId, this.log);
      case 'galleryAction':
        return this.galleryAction(body.action, this.knownOutput(body.uri));
      case 'useAsInput':
        return this.describeAll([this.knownOutput(body.uri).toString()]);
      case 'regenerate': {
        const item = this.galleryItem(body.uri);
        const request = regenerationRequest(item.recipe, body.seed);
        // A recipe that came with the repository is shown and confirmed first (recipes/confirmReplay.ts).
        await confirmGalleryReplay(item, request);
        return this.startRun(request);
      }
      case 'pickFile':
        return this.pickFile(body.model, body.field);
      case 'estimate':
        return studioEstimate(body.form);
    }
  }

  private async onReady(restored: readonly string[], readyId: number): Promise<undefined> {
    const described = await Promise.all(restored.map((value) => describeValue(value, this.inputContext())));
    const inputs = described.flatMap((r) => (r.ok ? [r.input] : []));
    const gallery = await this.listGallery();
    const defaults = this.services.defaults();
    // Reply first, then hand over anything queued while the webview was loading (pattern: ready handshake).
    this.messenger.reply(readyId, {
      type: 'init',
      models: this.catalog.models(),
      defaults: { ...defaults },
      jobs: this.services.jobs.list().map(toJob),
      gallery,
      inputs,
      strings: studioStrings(),
    });
    this.ready = true;
    if (this.pendingInputs.length) {
      this.messenger.send({ type: 'inputsAdded', inputs: this.pendingInputs.splice(0), rejected: [] });
    }
    return undefined;
  }

  private async pickImages(): Promise<ToWebview> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: true,
      filters: { [vscode.l10n.t('Images')]: IMAGE_FILTER.Images },
      openLabel: vscode.l10n.t('Use as input'),
      title: vscode.l10n.t('Choose input images'),
    });
    if (!picked?.length) return { type: 'inputsAdded', inputs: [], rejected: [] };
    return this.describeAll(picked.map((uri) => uri.toString()));
  }

  /** Any model's file input: an open dialog for what the field takes, each file's content checked before it is listed. */
  private async pickFile(modelId: string, field: string): Promise<ToWebview> {
    const slot = this.catalog.models().find((m) => m.id === modelId)?.files?.find((f) => f.field === field);
    if (!slot) throw new Error(vscode.l10n.t('{0} has no file input "{1}".', modelId, field));
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: slot.multiple,
      filters: localMediaFilters(slot.media),
      openLabel: vscode.l10n.t('Use as {0}', slot.label.toLowerCase()),
      title: vscode.l10n.t('Choose {0} ({1})', slot.label.toLowerCase(), slot.media.join(vscode.l10n.t(' or '))),
    });
    const files: { source: string; name: string }[] = [];
    const rejected: RejectedInput[] = [];
    for (const uri of picked ?? []) {
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      const refused = await refusedRead(uri);
      if (refused) {
        rejected.push({ value: name, reason: refused });
        continue;
      }
      const head = await readHead(uri).catch(() => new Uint8Array());
      const sniffed = sniffType(head);
      const unreadable = sniffed?.category === 'image' ? unreadableImageFormat(sniffed.mime) : undefined;
      const type = sniffed?.category ?? (extensionFromMagic(head) === '.zip' ? 'zip' : undefined);
      if (unreadable) {
        rejected.push({ value: name, reason: vscode.l10n.t('{0} is a {1} image, which the P-API does not read: it takes JPEG, PNG or WebP images only. Export or convert it to PNG or JPEG first.', name, unreadable) });
      } else if (!type || !slot.media.includes(type)) rejected.push({ value: name, reason: vscode.l10n.t('This is not {0}.', slot.media.map((m) => (m === 'audio' ? vscode.l10n.t('audio') : m === 'image' ? vscode.l10n.t('an image') : m === 'video' ? vscode.l10n.t('a video') : vscode.l10n.t('a zip archive'))).join(vscode.l10n.t(' or '))) });
      else files.push({ source: uri.toString(), name });
    }
    return { type: 'filesPicked', field, files, rejected };
  }

  private async describeAll(values: readonly string[]): Promise<ToWebview> {
    const results = await Promise.all(values.map((value) => describeValue(value, this.inputContext())));
    const inputs: InputImage[] = [];
    const rejected: RejectedInput[] = [];
    for (const r of results) {
      if (r.ok) inputs.push(r.input);
      else rejected.push(r.rejected);
    }
    return { type: 'inputsAdded', inputs, rejected };
  }

  private async storeDroppedFile(name: string, base64: string): Promise<ToWebview> {
    const safeName = name.replace(/[^\w.\- ]+/g, '_').replace(/^\.+/, '') || 'image';
    const target = vscode.Uri.joinPath(this.dropFolder, `${randomUUID()}-${safeName}`);
    await vscode.workspace.fs.writeFile(target, Buffer.from(base64, 'base64'));
    const result = await describeFile(target, this.inputContext(), name);
    if (result.ok) return { type: 'inputsAdded', inputs: [{ ...result.input, name }], rejected: [] };
    await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    return { type: 'inputsAdded', inputs: [], rejected: [result.rejected] };
  }

  private run(form: RunForm): Promise<ToWebview> {
    const problem = this.catalog.validate(form);
    if (problem) return Promise.resolve({ type: 'runResult', ok: false, ...problem });
    const request = runRequestFromForm(form);
    if ('message' in request) return Promise.resolve({ type: 'runResult', ok: false, ...request });
    return this.startRun(request);
  }

  private startRun(request: RunRequest): Promise<ToWebview> {
    return startWatched(this.services.jobs, () => this.services.jobs.run(request), `run of ${request.model}`, this.log);
  }

  private async galleryAction(action: 'open' | 'reveal' | 'insert' | 'copyPath' | 'upscale', file: vscode.Uri): Promise<ToWebview> {
    switch (action) {
      case 'upscale':
        // Asks for the size and switches, then runs in the background like any job (listed in the panel).
        void vscode.commands.executeCommand('pruna.upscale', file);
        break;
      case 'open':
        await vscode.commands.executeCommand('vscode.open', file, { preview: false });
        break;
      case 'reveal':
        await vscode.commands.executeCommand('revealInExplorer', file);
        break;
      case 'insert':
        // The shell inserts into the text editor the user last worked in (the panel itself has focus now).
        await this.services.insertReference(file);
        break;
      case 'copyPath':
        await vscode.env.clipboard.writeText(vscode.workspace.asRelativePath(file, false));
        break;
    }
    return { type: 'ack' };
  }

  /** A file the panel may act on: listed in the gallery, or saved by a job (before the gallery has caught up). */
  private knownOutput(uri: string): vscode.Uri {
    const item = this.gallery.find((candidate) => candidate.uri.toString() === uri);
    if (item) return item.uri;
    if (this.services.jobs.list().some((job) => job.outputs.includes(uri))) return vscode.Uri.parse(uri, true);
    throw new Error(vscode.l10n.t('That file is no longer in the gallery. It may have been moved or deleted.'));
  }

  private galleryItem(uri: string): SavedItem {
    // Only files the gallery listed may be opened, inserted or re-run: the webview cannot name arbitrary files.
    const item = this.gallery.find((candidate) => candidate.uri.toString() === uri);
    if (!item) throw new Error(vscode.l10n.t('That file is no longer in the gallery. It may have been moved or deleted.'));
    return item;
  }

  private scheduleJobs(): void {
    // Job events come in bursts (upload progress, polling); one update per tick keeps the panel cheap.
    if (this.jobsTimer) return;
    this.jobsTimer = setTimeout(() => {
      this.jobsTimer = undefined;
      if (this.ready) this.messenger.send({ type: 'jobs', jobs: this.services.jobs.list().map(toJob) });
    }, 100);
  }

  private async pushGallery(): Promise<void> {
    const items = await this.listGallery();
    if (this.ready) this.messenger.send({ type: 'gallery', items });
  }

  private async listGallery(): Promise<GalleryItem[]> {
    try {
      this.gallery = await this.services.gallery.list();
    } catch (error) {
      this.log.error(`Studio: could not list the gallery: ${errorText(error)}`);
    }
    let roots = this.roots();
    const outside = this.gallery.filter((item) => !isUnder(item.uri, roots)).map((item) => vscode.Uri.joinPath(item.uri, '..'));
    if (outside.length > 0 && this.allowFolders) {
      this.allowFolders(outside);
      roots = this.roots();
    }
    return this.gallery.map((item) => toGalleryItem(item, this.webview, roots));
  }

  private inputContext(): InputContext {
    return { webview: this.webview, roots: this.roots };
  }

  dispose(): void {
    if (this.jobsTimer) clearTimeout(this.jobsTimer);
    this.messenger.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

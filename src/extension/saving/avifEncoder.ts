// The AVIF encoder's WebAssembly, fetched on first use (src/core/imaging/avifEncoder.ts says why it is not shipped).
// The user is asked once; the npm tarball of the pinned version comes through the extension's own dispatcher (so
// http.proxy and the certificate settings apply), is checked against npm's sha512 before it is unpacked, and the one
// file needed is kept in the extension's global storage, never in the workspace. Declined, offline or tampered: the
// caller saves the model's format and offers the reference update, saying why.
import * as vscode from 'vscode';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request, type Dispatcher } from 'undici';
import { AVIF_ENCODER, MAX_TARBALL_BYTES, sha256Hex, unpackEncoder, type EncoderSource } from '../../core/imaging/avifEncoder';

export type AvifReadiness = { readonly ok: true } | { readonly ok: false; readonly reason: string };

interface Log {
  info(message: string): void;
  warn(message: string): void;
}

export interface AvifEncoderDeps {
  /** context.globalStorageUri */
  readonly storage: vscode.Uri;
  readonly dispatcher: () => Dispatcher;
  readonly log: Log;
}

/** A failed download is not tried again for this long (a batch of AVIF placeholders offline fails once, not N times). */
const RETRY_AFTER_MS = 60_000;
const DOWNLOAD_TIMEOUT_MS = 120_000;

export class AvifEncoderStore {
  private source: EncoderSource & { readonly host: string; readonly downloadBytes: number } = AVIF_ENCODER;
  /** The user's answer this session: asked once, never again until the window reloads. */
  private answer: 'download' | 'declined' | undefined;
  private pending: Promise<AvifReadiness> | undefined;
  private failed: { readonly reason: string; readonly at: number } | undefined;

  constructor(private readonly deps: AvifEncoderDeps) {}

  /** Where the encoder is kept: the extension's global storage, named by the file's pinned hash. */
  get wasmPath(): string {
    return join(this.deps.storage.fsPath, 'codecs', `avif-${this.source.sha256.slice(0, 16)}`, 'avif_enc.wasm');
  }

  /**
   * Whether AVIF can be encoded now: the encoder is here, or the user agreed and it was downloaded and checked.
   * `name` is the file being saved, for the question. Concurrent callers share one question and one download.
   */
  ready(name: string): Promise<AvifReadiness> {
    this.pending ??= this.makeReady(name).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** The encoder's bytes, checked against the pinned hash on every load. */
  async wasm(): Promise<Uint8Array> {
    const bytes = await readFile(this.wasmPath);
    if (sha256Hex(bytes) !== this.source.sha256) {
      await rm(this.wasmPath, { force: true });
      throw new Error('the stored AVIF encoder did not match its pinned hash and was removed');
    }
    return bytes;
  }

  /**
   * For the integration tests only: take the tarball from `source` (a local server with a tarball made at test time)
   * and forget the stored encoder and the user's answer, so the question and the download happen again.
   */
  async useSourceForTests(source: Partial<EncoderSource>): Promise<void> {
    this.source = { ...AVIF_ENCODER, ...source };
    this.answer = undefined;
    this.failed = undefined;
    await rm(join(this.wasmPath, '..'), { recursive: true, force: true });
  }

  private async makeReady(name: string): Promise<AvifReadiness> {
    if (await this.stored()) return { ok: true };
    if (this.answer === 'declined') return declined();
    if (this.failed && Date.now() - this.failed.at < RETRY_AFTER_MS) return { ok: false, reason: this.failed.reason };
    if (this.answer === undefined) {
      const download = vscode.l10n.t('Download');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Saving {0} as AVIF needs an AVIF encoder: a {1} MB download from {2}, once, checked against its published hash and kept in the extension\'s storage. Download it?',
          name,
          (this.source.downloadBytes / 1_000_000).toFixed(1),
          this.source.host,
        ),
        download,
        vscode.l10n.t('Not Now'),
      );
      this.answer = choice === download ? 'download' : 'declined';
      if (this.answer === 'declined') return declined();
    }
    try {
      const started = Date.now();
      const tarball = await this.download();
      const wasm = unpackEncoder(tarball, this.source);
      await mkdir(join(this.wasmPath, '..'), { recursive: true });
      const partial = `${this.wasmPath}.partial`;
      await writeFile(partial, wasm);
      await rename(partial, this.wasmPath);
      this.failed = undefined;
      this.deps.log.info(`AVIF encoder: downloaded ${tarball.length} bytes from ${new URL(this.source.url).host} in ${Date.now() - started} ms, integrity checked, kept at ${this.wasmPath}.`);
      return { ok: true };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      const reason = vscode.l10n.t('The AVIF encoder could not be downloaded from {0} ({1})', new URL(this.source.url).host, why);
      this.deps.log.warn(`AVIF encoder: ${why}`);
      this.failed = { reason, at: Date.now() };
      return { ok: false, reason };
    }
  }

  private async stored(): Promise<boolean> {
    try {
      await this.wasm();
      return true;
    } catch {
      return false;
    }
  }

  private async download(): Promise<Uint8Array> {
    const signal = AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS);
    const res = await request(this.source.url, { dispatcher: this.deps.dispatcher(), method: 'GET', signal, headers: { accept: 'application/octet-stream' } });
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => undefined);
      throw new Error(`HTTP ${res.statusCode}`);
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > MAX_TARBALL_BYTES) {
        res.body.destroy();
        throw new Error(`the server sent more than ${MAX_TARBALL_BYTES} bytes`);
      }
      chunks.push(chunk);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function declined(): AvifReadiness {
  return { ok: false, reason: vscode.l10n.t('AVIF needs an encoder download, which was declined') };
}

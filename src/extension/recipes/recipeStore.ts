// Recipes: what made each generated file, so "Regenerate" and "Edit with Pruna" can reuse it.
// Form: ONE index file per workspace folder, `.pruna/recipes.json`, keyed by workspace-relative path. Why: one small
// text file is easy to review and commit (or ignore), survives any image format (video included, unlike metadata
// inside the image), does not litter the output folder with sidecars, and is read with one request at activation.
// A corrupt index is kept as a backup and replaced by a fresh one with a warning; recipes of files saved outside any
// workspace folder live in global state.
import * as nodeFs from 'node:fs/promises';
import * as vscode from 'vscode';
import { createHash, randomUUID } from 'node:crypto';
import { assertContained, checkContainment, exists } from '../fileSystem';
import * as z from 'zod';
import type { Recipe, SavedItem } from '../services';
import { RECIPE_INDEX_PATH, RecipeIndexSchema, RecipeSchema, emptyIndex, sanitizeIndex, toRecipe, withoutSecrets, type RecipeIndex } from './recipeSchema';

const INSTALLATION_KEY = 'pruna.installationId';

import { RECIPES_OUTSIDE_KEY as OUTSIDE_KEY } from './recipeLocations';
const OUTSIDE_LIMIT = 500;
const OutsideSchema = z.record(z.string(), RecipeSchema);

export interface RecipeStoreDeps {
  readonly globalState: vscode.Memento;
  readonly warn: (message: string) => void;
}

export class RecipeStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly cache = new Map<string, Promise<RecipeIndex>>();
  private writeQueue: Promise<unknown> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  /** Warnings about an index already shown this session: the index is re-read on every change, the warning is not repeated. */
  private readonly warned = new Set<string>();

  constructor(private readonly deps: RecipeStoreDeps) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${RECIPE_INDEX_PATH.join('/')}`);
    const invalidate = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder) this.cache.delete(folder.uri.toString());
      this.emitter.fire();
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(invalidate),
      watcher.onDidCreate(invalidate),
      watcher.onDidDelete(invalidate),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.emitter.fire()),
      vscode.workspace.onDidRenameFiles((e) => void this.followRenames(e.files)),
    );
  }

  async get(file: vscode.Uri): Promise<Recipe | undefined> {
    return (await this.provenance(file))?.recipe;
  }

  /**
   * The recipe and whether this installation wrote it (recipes outside any folder live in global state: always
   * ours). A recipe that came with the repository, or was written by someone else, is confirmed before it is replayed.
   */
  async provenance(file: vscode.Uri): Promise<{ recipe: Recipe; writtenHere: boolean } | undefined> {
    const place = locate(file);
    if (!place) {
      const outside = this.outside();
      return Object.hasOwn(outside, file.toString()) ? { recipe: outside[file.toString()]!, writtenHere: true } : undefined;
    }
    const index = await this.load(place.folder);
    // Own properties only: a file named "constructor" must not find Object.prototype.constructor.
    if (!Object.hasOwn(index.recipes, place.relative)) return undefined;
    const found = index.recipes[place.relative]!;
    return { recipe: toRecipe(found), writtenHere: found.writtenBy === this.marker(place.folder) };
  }

  async record(file: vscode.Uri, given: Recipe): Promise<void> {
    const recipe: Recipe = { ...given, input: withoutSecrets(given.input) };
    const place = locate(file);
    if (!place) {
      const all = { ...this.outside(), [file.toString()]: recipe };
      const keys = Object.keys(all);
      for (const old of keys.slice(0, Math.max(0, keys.length - OUTSIDE_LIMIT))) delete all[old];
      await this.deps.globalState.update(OUTSIDE_KEY, all);
      this.emitter.fire();
      return;
    }
    const entry = RecipeSchema.parse({ ...recipe, writtenBy: this.marker(place.folder) });
    await this.mutate(place.folder, (index) => {
      Object.defineProperty(index.recipes, place.relative, { value: entry, enumerable: true, writable: true, configurable: true });
    });
  }

  /** Generated files that still exist, newest first. */
  async list(): Promise<SavedItem[]> {
    const items: SavedItem[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const index = await this.load(folder);
      const marker = this.marker(folder);
      for (const [relative, recipe] of Object.entries(index.recipes)) {
        items.push({ uri: vscode.Uri.joinPath(folder.uri, ...relative.split('/')), recipe: toRecipe(recipe), writtenHere: recipe.writtenBy === marker });
      }
    }
    for (const [uri, recipe] of Object.entries(this.outside())) items.push({ uri: vscode.Uri.parse(uri), recipe, writtenHere: true });
    // Only files that exist and really are in their folder (a committed entry may name a path behind a link).
    const existing = await Promise.all(
      items.map(async (item) => {
        if (!(await exists(item.uri))) return undefined;
        const verdict = await checkContainment(item.uri, { outsideFolders: 'allow', purpose: 'read' });
        return verdict.ok ? item : undefined;
      }),
    );
    return existing
      .filter((item): item is SavedItem => item !== undefined)
      .sort((a, b) => b.recipe.createdAt.localeCompare(a.recipe.createdAt));
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.deps.warn(message);
  }

  /** This installation's mark for recipes it writes in `folder` (see RecipeSchema.writtenBy). */
  private marker(folder: vscode.WorkspaceFolder): string {
    let id = this.deps.globalState.get<unknown>(INSTALLATION_KEY);
    if (typeof id !== 'string' || id.length < 16) {
      id = randomUUID();
      void this.deps.globalState.update(INSTALLATION_KEY, id);
    }
    return createHash('sha256').update(`${id as string}\n${folder.uri.toString()}`).digest('hex').slice(0, 32);
  }

  private outside(): Record<string, Recipe> {
    const parsed = OutsideSchema.safeParse(this.deps.globalState.get(OUTSIDE_KEY));
    return parsed.success ? parsed.data : {};
  }

  private load(folder: vscode.WorkspaceFolder): Promise<RecipeIndex> {
    const key = folder.uri.toString();
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.readIndex(folder);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async readIndex(folder: vscode.WorkspaceFolder): Promise<RecipeIndex> {
    const uri = indexUri(folder);
    // A linked index (even one pointing inside) is not read: a later write would go through the link.
    const verdict = await checkContainment(uri, { folder: folder.uri, refuseLinkedTarget: true, purpose: 'read' });
    if (!verdict.ok) {
      if (await exists(uri) || verdict.reason === 'dangling-link' || verdict.reason === 'linked-target') {
        this.warnOnce(vscode.l10n.t('The recipe index {0} was not read: {1}', vscode.workspace.asRelativePath(uri), verdict.message));
      }
      return emptyIndex();
    }
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return emptyIndex();
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = RecipeIndexSchema.safeParse(json);
    if (parsed.success) {
      const marker = this.marker(folder);
      const { index, dropped } = sanitizeIndex(parsed.data, (recipe) => recipe.writtenBy === marker);
      if (dropped.length > 0) {
        const shown = dropped.slice(0, 3).map((d) => `${JSON.stringify(d.key.length > 80 ? `${d.key.slice(0, 77)}...` : d.key)} (${d.reason})`);
        this.warnOnce(
          dropped.length === 1
            ? vscode.l10n.t('Ignored 1 entry of {0}: {1}. Recipes must name files inside the workspace folder and inputs inside it or at https URLs.', vscode.workspace.asRelativePath(uri), shown.join('; '))
            : vscode.l10n.t('Ignored {0} entries of {1}: {2}. Recipes must name files inside the workspace folder and inputs inside it or at https URLs.', dropped.length, vscode.workspace.asRelativePath(uri), `${shown.join('; ')}${dropped.length > 3 ? '; ...' : ''}`),
        );
      }
      return index;
    }
    // Keep what was there, so a hand edit gone wrong can be repaired, and carry on with a fresh index.
    const backup = vscode.Uri.joinPath(folder.uri, RECIPE_INDEX_PATH[0], `recipes.corrupt-${Date.now()}.json`);
    try {
      await vscode.workspace.fs.rename(uri, backup, { overwrite: false });
      this.deps.warn(
        vscode.l10n.t('The recipe index {0} could not be read (not valid JSON of the expected shape). It was kept as {1} and a new index was started.', vscode.workspace.asRelativePath(uri), vscode.workspace.asRelativePath(backup)),
      );
    } catch {
      this.deps.warn(vscode.l10n.t('The recipe index {0} could not be read; new recipes will replace it.', vscode.workspace.asRelativePath(uri)));
    }
    return emptyIndex();
  }

  /** Read-modify-write against the file on disk (another window may have written it), one write at a time. */
  private mutate(folder: vscode.WorkspaceFolder, change: (index: RecipeIndex) => void): Promise<void> {
    const run = async () => {
      this.cache.delete(folder.uri.toString());
      const index = await this.load(folder);
      change(index);
      const uri = indexUri(folder);
      const dir = vscode.Uri.joinPath(folder.uri, RECIPE_INDEX_PATH[0]);
      await assertContained(dir, { folder: folder.uri });
      await vscode.workspace.fs.createDirectory(dir);
      await assertContained(uri, { folder: folder.uri, refuseLinkedTarget: true });
      await writeIndexFile(dir, uri, folder.uri, new TextEncoder().encode(`${JSON.stringify(index, null, 2)}\n`));
      this.emitter.fire();
    };
    const next = this.writeQueue.then(run, run);
    this.writeQueue = next.catch(() => undefined);
    return next;
  }

  private async followRenames(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    for (const { oldUri, newUri } of files) {
      const from = locate(oldUri);
      const to = locate(newUri);
      if (!from || !to || from.folder.uri.toString() !== to.folder.uri.toString()) continue;
      const index = await this.load(from.folder);
      const moved = Object.keys(index.recipes).filter((k) => k === from.relative || k.startsWith(`${from.relative}/`));
      if (moved.length === 0) continue;
      await this.mutate(from.folder, (fresh) => {
        for (const key of moved) {
          const recipe = fresh.recipes[key];
          if (!recipe) continue;
          delete fresh.recipes[key];
          fresh.recipes[to.relative + key.slice(from.relative.length)] = recipe;
        }
      }).catch(() => undefined);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }
}

function indexUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...RECIPE_INDEX_PATH);
}

function locate(file: vscode.Uri): { folder: vscode.WorkspaceFolder; relative: string } | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(file);
  if (!folder) return undefined;
  const base = folder.uri.path.replace(/\/+$/, '');
  if (!file.path.startsWith(`${base}/`)) return undefined;
  return { folder, relative: file.path.slice(base.length + 1) };
}


/**
 * On disk the index is written beside itself and renamed over the old one (an atomic replace in Node, which
 * `workspace.fs.rename` with overwrite is not: it deletes the target first): a reader — another window, or this one
 * after a crash half-way — never sees half an index, which it would have to set aside as corrupt.
 */
async function writeIndexFile(dir: vscode.Uri, uri: vscode.Uri, folder: vscode.Uri, bytes: Uint8Array): Promise<void> {
  if (uri.scheme !== 'file') {
    await vscode.workspace.fs.writeFile(uri, bytes);
    return;
  }
  const partial = vscode.Uri.joinPath(dir, `recipes.json.${process.pid}-${Date.now().toString(36)}.partial`);
  await assertContained(partial, { folder, refuseLinkedTarget: true });
  await nodeFs.writeFile(partial.fsPath, bytes, { flag: 'wx' });
  try {
    await nodeFs.rename(partial.fsPath, uri.fsPath);
  } catch (e) {
    await nodeFs.rm(partial.fsPath, { force: true }).catch(() => undefined);
    throw e;
  }
}

// The project model in the shell: one ProjectModel per workspace folder over vscode.workspace.fs. Config files and
// project markers are read once and cached; a file watcher on config files drops the cache (and the models) when one
// is created, changed or deleted. Image files are never cached: whether a placeholder is missing is always asked anew.
import * as vscode from 'vscode';
import { ProjectModel, type ProjectReader } from '../../core/project';

/** Files whose content or existence changes what a project is (one watcher each: VS Code globs do not nest braces). */
const CONFIG_GLOBS = [
  '**/package.json',
  '**/{tsconfig,jsconfig}*.json',
  '**/*.config.{js,cjs,mjs,ts,cts,mts}',
  '**/gatsby-config.*',
  '**/{mkdocs,hugo,config}.{yml,yaml,toml,json}',
  '**/.vitepress/config.*',
];
const CACHED_NAME = /(^|\/)(package\.json|[tj]sconfig[^/]*\.json|[^/]+\.config\.[cm]?[jt]s|gatsby-config\.[^/]+|mkdocs\.ya?ml|hugo\.(toml|ya?ml|json)|config\.(toml|ya?ml)|\.vitepress\/config\.[^/]+)$/;

export interface FolderProjects {
  readonly folder: vscode.WorkspaceFolder;
  readonly model: ProjectModel;
  readonly reader: ProjectReader;
}

export class WorkspaceProjects implements vscode.Disposable {
  private readonly folders = new Map<string, FolderProjects>();
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const reset = () => this.reset();
    for (const glob of CONFIG_GLOBS) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      this.disposables.push(watcher, watcher.onDidCreate(reset), watcher.onDidChange(reset), watcher.onDidDelete(reset));
    }
    // Edits saved from an editor are seen at once, before the watcher reports them.
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(reset),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (CACHED_NAME.test(d.uri.path)) reset();
      }),
    );
  }

  /** The project model of the document's workspace folder; undefined outside every folder. */
  forDocument(uri: vscode.Uri): FolderProjects | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const key = folder.uri.toString();
    let known = this.folders.get(key);
    if (!known) {
      const reader = this.readerFor(folder.uri);
      known = { folder, model: new ProjectModel(reader, folder.uri.path), reader };
      this.folders.set(key, known);
    }
    return known;
  }

  reset(): void {
    this.folders.clear();
    this.texts.clear();
  }

  dispose(): void {
    this.reset();
    for (const d of this.disposables) d.dispose();
  }

  private readerFor(base: vscode.Uri): ProjectReader {
    const at = (path: string) => base.with({ path });
    return {
      readText: (path) => {
        const key = at(path).toString();
        const cached = this.texts.get(key);
        if (cached) return cached;
        const read = readText(at(path));
        if (CACHED_NAME.test(path)) this.texts.set(key, read);
        return read;
      },
      exists: async (path) => {
        if (CACHED_NAME.test(path)) return (await this.readerFor(base).readText(path)) !== undefined;
        return exists(at(path));
      },
    };
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Only "not found" means missing: a path we cannot stat for another reason is treated as taken. */
async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    return !(e instanceof vscode.FileSystemError && e.code === 'FileNotFound');
  }
}

let shared: WorkspaceProjects | undefined;

/** The extension's one instance (created on first use; `register.ts` disposes it with the extension). */
export function workspaceProjects(): WorkspaceProjects {
  shared ??= new WorkspaceProjects();
  return shared;
}

export function disposeWorkspaceProjects(): void {
  shared?.dispose();
  shared = undefined;
}

// One Studio panel per window: "Open Studio" reveals it if it exists, a serializer revives it after a reload.
// UI state lives in the webview (getState/setState), so the panel does not need retainContextWhenHidden.
import * as vscode from 'vscode';
import type { PrunaServices } from '../services';
import type { StudioCatalog } from './catalog';
import { StudioController, type StudioLog } from './controller';
import { assetRoots, renderStudioHtml } from './html';

export const STUDIO_VIEW_TYPE = 'pruna.studio';

export interface StudioDeps {
  readonly extensionUri: vscode.Uri;
  readonly services: PrunaServices;
  readonly catalog: StudioCatalog;
  readonly log: StudioLog;
  readonly dropFolder: vscode.Uri;
}

export class StudioPanel implements vscode.Disposable {
  private static current: StudioPanel | undefined;
  private readonly controller: StudioController;
  private readonly disposables: vscode.Disposable[] = [];
  private rootsKey: string;
  /** Folders of gallery items outside the output folder (see StudioController's allowFolders). */
  private readonly galleryFolders = new Map<string, vscode.Uri>();

  /** Reveals the panel (creating it if needed) and optionally adds an image as input. */
  static createOrShow(deps: StudioDeps, input?: vscode.Uri): StudioPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    let panel = StudioPanel.current;
    if (panel) {
      panel.panel.reveal(column);
    } else {
      const webviewPanel = vscode.window.createWebviewPanel(STUDIO_VIEW_TYPE, vscode.l10n.t('Pruna Studio'), column, webviewOptions(deps));
      panel = new StudioPanel(webviewPanel, deps);
    }
    if (input) void panel.controller.addInput(input);
    return panel;
  }

  /** Called by the serializer after a reload; the webview's saved state comes back through its own getState(). */
  static revive(webviewPanel: vscode.WebviewPanel, deps: StudioDeps): StudioPanel {
    StudioPanel.current?.dispose();
    webviewPanel.webview.options = webviewOptions(deps);
    return new StudioPanel(webviewPanel, deps);
  }

  static get instance(): StudioPanel | undefined {
    return StudioPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    deps: StudioDeps,
  ) {
    StudioPanel.current = this;
    this.rootsKey = rootsKey(deps, []);
    panel.iconPath = {
      light: vscode.Uri.joinPath(deps.extensionUri, 'media', 'studio-light.svg'),
      dark: vscode.Uri.joinPath(deps.extensionUri, 'media', 'studio-dark.svg'),
    };
    this.controller = new StudioController(
      panel.webview,
      deps.services,
      deps.catalog,
      deps.log,
      () => [...deps.services.outputRoots(), ...this.galleryFolders.values()],
      deps.dropFolder,
      (folders) => {
        for (const folder of folders) this.galleryFolders.set(folder.toString(), folder);
        this.updateRoots(deps);
      },
    );
    this.disposables.push(
      this.controller,
      panel.onDidDispose(() => this.dispose()),
      // The output folder setting can change while the panel is open: new results must still load as thumbnails.
      deps.services.gallery.onDidChange(() => this.updateRoots(deps)),
      panel.onDidChangeViewState(() => {
        // Without retainContextWhenHidden a hidden webview loses its document; it re-sends `ready` when shown.
        if (!panel.visible) this.controller.markNotReady();
      }),
    );
    panel.webview.html = renderStudioHtml(panel.webview, deps.extensionUri);
  }

  private updateRoots(deps: StudioDeps): void {
    const extra = [...this.galleryFolders.values()];
    const key = rootsKey(deps, extra);
    if (key === this.rootsKey) return;
    this.rootsKey = key;
    this.panel.webview.options = webviewOptions(deps, extra);
  }

  dispose(): void {
    if (StudioPanel.current === this) StudioPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function webviewOptions(deps: StudioDeps, galleryFolders: readonly vscode.Uri[] = []): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [...assetRoots(deps.extensionUri), ...deps.services.outputRoots(), ...galleryFolders],
  };
}

function rootsKey(deps: StudioDeps, galleryFolders: readonly vscode.Uri[]): string {
  return [...deps.services.outputRoots(), ...galleryFolders].map(String).join('\n');
}

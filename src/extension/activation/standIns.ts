// What the activation entry registers for everything VS Code must see at activation: stand-ins for every command,
// the agent tools and the Studio's serializer, and the placeholder lightbulb. Each loads the rest of the extension on
// its first call; loading replaces the stand-ins with the real registrations (main.ts), and that first call is then
// answered by the real code. The lightbulb is not replaced (see registerLightbulb), so its first request is never lost. The ids and names come from the installed manifest,
// so a command or tool added there is covered without touching this file.
import * as vscode from 'vscode';
import type { Main, PrunaApi } from '../main';
import { placeholderLanguage, scanDocument } from '../../core/placeholders/find';
import { placeholderSelector } from '../placeholders/selector';

/** Loads (once) and returns the rest of the extension; `reason` goes to the log line. */
export type LoadMain = (reason: string) => Main;

/** Commands registered in code but not contributed in package.json: the lightbulb's own command. */
export const UNLISTED_COMMANDS: readonly string[] = ['pruna.placeholders.generate'];

/** The Studio's webview type (STUDIO_VIEW_TYPE in studio/panel.ts; its activation event names it too). */
const STUDIO_VIEW_TYPE = 'pruna.studio';

interface Manifest {
  readonly activationEvents?: readonly string[];
  readonly contributes?: {
    readonly commands?: readonly { readonly command: string }[];
    readonly languageModelTools?: readonly { readonly name: string }[];
  };
}

/** Every command id the extension registers: the contributed ones and the unlisted ones. */
export function standInCommandIds(manifest: Manifest): string[] {
  return [...new Set([...(manifest.contributes?.commands ?? []).map((c) => c.command), ...UNLISTED_COMMANDS])];
}

/**
 * The placeholder languages are the manifest's `onLanguage:` activation events (the activation test holds those equal
 * to SUPPORTED_LANGUAGES), so the stand-in provider covers exactly the documents the real one does.
 */
function placeholderLanguages(manifest: Manifest): string[] {
  return (manifest.activationEvents ?? []).filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice('onLanguage:'.length));
}

/**
 * The placeholder lightbulb, registered for good: it is never swapped for another registration, because VS Code
 * cancels a code-action request whose provider set changes while it runs, which would lose exactly that request.
 * VS Code asks on every cursor move in a document that is shown, so until the rest is loaded the request is first
 * checked here with the detectors alone (small, no schemas): no image reference under the cursor, nothing to offer,
 * nothing loaded. Otherwise the real provider (main.ts) answers, loaded on the spot.
 */
export function registerLightbulb(manifest: Manifest, load: LoadMain, isLoaded: () => boolean): vscode.Disposable {
  let last: { uri: string; version: number; references: readonly { range: { start: number; end: number } }[] | undefined } | undefined;
  const referencesOf = (document: vscode.TextDocument, language: string, token: vscode.CancellationToken) => {
    if (last?.uri !== document.uri.toString() || last.version !== document.version) {
      // The real scan's deadline (SCAN_DEADLINE_MS in placeholders/scan.ts); a scan that stops answers nothing here.
      const deadline = Date.now() + 1000;
      const result = scanDocument(document.getText(), language, { isCancelled: () => token.isCancellationRequested || Date.now() > deadline });
      last = { uri: document.uri.toString(), version: document.version, references: result.skipped ? undefined : result.references };
    }
    return last.references;
  };
  return vscode.languages.registerCodeActionsProvider(
    placeholderSelector(placeholderLanguages(manifest)),
    {
      provideCodeActions(document, range, context, token) {
        if (!isLoaded()) {
          const language = placeholderLanguage(document.languageId, document.uri.path);
          // As PlaceholderCodeActions: untrusted folders are scanned only when the user asks (Ctrl+.).
          if (!language || !(vscode.workspace.isTrusted || context.triggerKind === vscode.CodeActionTriggerKind.Invoke)) return [];
          const references = referencesOf(document, language, token);
          const from = document.offsetAt(range.start);
          const to = document.offsetAt(range.end);
          if (references && !references.some((r) => r.range.start <= to && r.range.end >= from)) return [];
        }
        return load('a code action on an image reference').codeActions.provideCodeActions(document, range, context, token);
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}

/** Stand-ins that give way to the real registrations when the rest loads (disposed by the loader). */
export function registerStandIns(manifest: Manifest, load: LoadMain): vscode.Disposable[] {
  const disposables: vscode.Disposable[] = [];
  for (const id of standInCommandIds(manifest)) {
    disposables.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        load(`the command ${id}`);
        // The real command is registered in this extension host now: executeCommand hands it these very arguments.
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }
  // Hosts without the Language Model API (older forks) get no tools; main.ts says so in the log.
  if (typeof vscode.lm?.registerTool === 'function') {
    for (const { name } of manifest.contributes?.languageModelTools ?? []) {
      const real = () => {
        const tool = load(`the agent tool ${name}`).api.agentTools.tools.get(name);
        if (!tool) throw new Error(`Pruna has no agent tool named ${name}`);
        return tool;
      };
      disposables.push(
        vscode.lm.registerTool<unknown>(name, {
          prepareInvocation: (options, token) => real().prepareInvocation?.(options as never, token),
          invoke: (options, token) => real().invoke(options as never, token),
        }),
      );
    }
  }
  disposables.push(
    vscode.window.registerWebviewPanelSerializer(STUDIO_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        load('reviving the Studio').reviveStudio(panel);
      },
    }),
  );
  return disposables;
}

const API_MEMBERS = ['jobs', 'gallery', 'insertReference', 'referenceFor', 'log', 'outputRoots', 'defaults', 'agentTools', 'avifEncoder'] as const;
// Fails to compile when the API gains a member the list above lacks.
const API_COMPLETE: [Exclude<keyof PrunaApi, (typeof API_MEMBERS)[number]>] extends [never] ? true : never = true;
void API_COMPLETE;

/**
 * The extension's exports (tests, other extensions): the real API, loaded on the first member read, so returning it
 * from activate() costs nothing. Methods are bound to the real object.
 */
export function lazyApi(load: LoadMain): PrunaApi {
  const api = {};
  for (const key of API_MEMBERS) {
    Object.defineProperty(api, key, {
      enumerable: true,
      get() {
        const real = load('the extension API').api;
        const value: unknown = real[key];
        return typeof value === 'function' ? value.bind(real) : value;
      },
    });
  }
  return api as PrunaApi;
}

// The webview's handle on VS Code: messaging and the state that survives hiding and reloads (getState/setState).
import { MAX_INPUTS } from '../shared/limits';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface PersistedState {
  readonly version: 1;
  /** Checked by restoreForm() field by field: it may come from an older version of the panel. */
  readonly form?: unknown;
  /** Input sources (file URIs or https URLs), image 1 first; thumbnails are re-read from the host on load. */
  readonly inputs: string[];
}

export const vscodeApi: VsCodeApi = acquireVsCodeApi();

/** Reads saved state defensively: it may come from an older version of the panel. */
export function loadState(): PersistedState {
  const raw = vscodeApi.getState();
  if (!raw || typeof raw !== 'object' || (raw as { version?: unknown }).version !== 1) return { version: 1, inputs: [] };
  const state = raw as Partial<PersistedState>;
  const inputs = Array.isArray(state.inputs) ? state.inputs.filter((s): s is string => typeof s === 'string').slice(0, MAX_INPUTS) : [];
  return { version: 1, form: state.form, inputs };
}

export function saveState(state: PersistedState): void {
  vscodeApi.setState(state);
}

// Types for manifestStrings.mjs (used by the unit test test/unit/shell/l10n.test.ts).
export type Holder = Record<string | number, unknown>;
export function walkManifestStrings(manifest: unknown, visit: (holder: Holder, field: string | number, key: string) => void): void;
export function isKeyRef(value: unknown): boolean;

// fast-png ships types, but only behind an ESM-only exports map that this project's `moduleResolution: node` does not
// read; esbuild resolves the package itself. The little the tests use:
declare module 'fast-png' {
  export function decode(data: Uint8Array): { width: number; height: number; channels: number; depth: number; data: ArrayLike<number> };
}

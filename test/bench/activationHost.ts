// Runs inside a fresh VS Code extension host (extensionTestsPath of test/bench/activation.mjs): the first thing that
// touches the extension is this activate() call, so the bundle is loaded cold in this process.
//
// Measured:
// - total: performance.now() around `extension.activate()`: the host's require of dist/extension.js (read, compile,
//   run the module body) plus activate() plus the host's own bookkeeping. The honest upper bound a user waits.
// - load: the host's own marks around that require (code/extHost/willLoadExtensionCode/<id> and didLoad...), read
//   from globalThis.MonacoPerformanceMarks, which the host keeps in this process.
// - activate: total minus load (activate() itself plus bookkeeping).
// Measured 3 s after this entry starts, once the host's own start-up work has settled.
// - cpu: process CPU time (user + system, all threads) over the same window: on a shared, overloaded machine the wall
//   clock mostly measures waiting for a core, the CPU time what the load itself costs.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as vscode from 'vscode';

const EXTENSION_ID = 'pruna-community.pruna-vscode';

interface Marks {
  getMarks(): { name: string; startTime: number }[];
}

export async function run(): Promise<void> {
  const out = process.env.PRUNA_BENCH_RESULTS;
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  if (extension.isActive) throw new Error('the extension was already active: nothing cold left to measure');
  // Let the window's own start-up work (built-in extensions activating) finish, so the window measures ours.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await extension.activate();
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const marks = (globalThis as { MonacoPerformanceMarks?: Marks }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name: string) => marks.find((m) => m.name === `code/extHost/${name}/${EXTENSION_ID}`)?.startTime;
  const will = at('willLoadExtensionCode');
  const did = at('didLoadExtensionCode');
  const loadMs = will !== undefined && did !== undefined ? did - will : undefined;
  const result = { totalMs, cpuMs, loadMs, activateMs: loadMs !== undefined ? totalMs - loadMs : undefined, node: process.version, loadAverage: loadavg()[0] };
  console.log(`pruna activation bench: ${JSON.stringify(result)}`);
  if (out) writeFileSync(out, JSON.stringify(result));
}

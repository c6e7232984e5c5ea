// Runs one mocha layer (unit or e2e) in its own Node process, so a test that leaves a server open or crashes the
// process cannot take the other layers down; the parent reads the counts from a JSON file.
// Usage: node mocha-child.mjs <results.json> <timeoutMs> [--grep re] file...
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

const [resultsPath, timeout, ...rest] = process.argv.slice(2);
let grep;
const files = [];
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--grep') grep = rest[++i];
  else files.push(rest[i]);
}

const results = { passed: 0, failed: 0, pending: 0, failures: [] };
const describeError = (err) => (err instanceof Error ? err.stack ?? err.message : String(err));
const save = () => writeFileSync(resultsPath, JSON.stringify(results, null, 2));

const mocha = new Mocha({ ui: 'bdd', timeout: Number(timeout), color: Boolean(process.stdout.isTTY), reporter: 'spec' });
if (grep) mocha.grep(new RegExp(grep));
for (const file of files) mocha.addFile(file);
try {
  await mocha.loadFilesAsync();
} catch (err) {
  results.failed++;
  results.failures.push({ title: 'loading the test files', error: describeError(err) });
  save();
  process.exit(1);
}
mocha.run(() => {
  save();
  // Tests may leave handles (servers, timers) open; the layer is over, so do not wait for them.
  process.exit(results.failed > 0 ? 1 : 0);
}).on('pass', () => results.passed++)
  .on('pending', () => results.pending++)
  .on('fail', (test, err) => {
    results.failed++;
    results.failures.push({ title: test.fullTitle(), error: describeError(err) });
  });

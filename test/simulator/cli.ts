// `node out/test/simulator/cli.js [--port N] [--time-scale X] [--key K]... [--options JSON]`
// Prints exactly one stdout line `PRUNA_SIMULATOR_URL=<url>` once listening (npm start reads it), then one stderr
// line per request: method path status ms. Stops on SIGINT/SIGTERM.
import { startSimulator } from './index';
import type { RecordedRequest, SimulatorOptions } from './types';

const USAGE = 'Usage: cli.js [--port N] [--time-scale X] [--key K]... [--options \'{"syncWindowMs":5000}\']';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function numberArg(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(n)) fail(`${flag} needs a number, got ${value ?? 'nothing'}`);
  return n;
}

function parseArgs(argv: string[]): { port: number; options: SimulatorOptions } {
  let port = 0;
  let options: SimulatorOptions = {};
  const keys: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--port':
        port = numberArg(flag, value);
        i++;
        break;
      case '--time-scale':
        options.timeScale = numberArg(flag, value);
        i++;
        break;
      case '--key':
        if (!value) fail('--key needs a value');
        keys.push(value);
        i++;
        break;
      case '--options':
        try {
          options = { ...options, ...(JSON.parse(value ?? '') as SimulatorOptions) };
        } catch {
          fail('--options needs a JSON object');
        }
        i++;
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
      default:
        fail(`Unknown argument ${flag ?? ''}`);
    }
  }
  if (keys.length) options.apiKeys = keys;
  return { port, options };
}

async function main(): Promise<void> {
  const { port, options } = parseArgs(process.argv.slice(2));
  const sim = await startSimulator(options, port);
  sim.events.on('request', (r: RecordedRequest, ms: number) => {
    process.stderr.write(`${r.method} ${r.path} ${r.status} ${ms.toFixed(0)}ms\n`);
  });
  process.stdout.write(`PRUNA_SIMULATOR_URL=${sim.url}\n`);
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => fail(`Simulator failed to start: ${error instanceof Error ? error.message : String(error)}`));

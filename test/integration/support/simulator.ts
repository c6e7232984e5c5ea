// Mocha helper: the P-API simulator for a describe() block, running in the extension-host process itself, so the
// extension (which reads PRUNA_API_BASE_URL / PRUNA_API_KEY at request time) talks to it without any settings.
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/index';

/** The key the simulator accepts by default. */
export const SIMULATOR_KEY = 'test-key';

const ENV_NAMES = ['PRUNA_API_BASE_URL', 'PRUNA_API_KEY'] as const;

/**
 * Call at describe() level. Starts the simulator in before(), points the extension at it, and in after() stops it and
 * restores the two variables exactly as they were (unset stays unset). Returns an accessor for use inside tests.
 */
export function useSimulator(options?: SimulatorOptions): () => Simulator {
  let simulator: Simulator | undefined;
  const saved = new Map<string, string | undefined>();

  before(async function () {
    simulator = await startSimulator(options);
    for (const name of ENV_NAMES) saved.set(name, process.env[name]);
    process.env.PRUNA_API_BASE_URL = simulator.url;
    process.env.PRUNA_API_KEY = SIMULATOR_KEY;
  });

  after(async function () {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    saved.clear();
    await simulator?.close();
    simulator = undefined;
  });

  return () => {
    if (!simulator) {
      throw new Error('useSimulator(): the simulator exists only inside tests and hooks of the describe() that called it');
    }
    return simulator;
  };
}

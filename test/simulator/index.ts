// Entry point of the P-API simulator. See README.md next to this file.
import { startSimulatorServer } from './server';
import type { Simulator, SimulatorOptions } from './types';

export type { Fault, FaultRule, LatencyMs, PredictionSnapshot, RecordedRequest, Simulator, SimulatorOptions } from './types';
export { decodePng, decodePngSize } from './png';
export { MODEL_NAMES } from './models';
export { P_IMAGE_SIZES } from './schemas';

/** Starts a simulator on 127.0.0.1 and a random port; `port` is for the CLI only. */
export function startSimulator(options?: SimulatorOptions, port = 0): Promise<Simulator> {
  return startSimulatorServer(options, port);
}

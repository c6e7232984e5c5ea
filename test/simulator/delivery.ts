// Finished outputs by delivery path. The registry is process-wide on purpose: a second simulator started as a
// foreign delivery host (deliveryBaseUrl) can then serve what the first one produced.
import type { OutputFile } from './outputs';

export interface DeliveryEntry {
  owner: object;
  predictionId: string;
  model: string;
  createdAt: number;
  render(): OutputFile;
}

const registry = new Map<string, DeliveryEntry>();

/** `path` is everything after /v1/predictions/delivery/. */
export function registerDelivery(path: string, entry: DeliveryEntry): void {
  registry.set(path, entry);
}

export function findDelivery(path: string): DeliveryEntry | undefined {
  return registry.get(path);
}

export function forgetDeliveries(owner: object): void {
  for (const [path, entry] of registry) if (entry.owner === owner) registry.delete(path);
}

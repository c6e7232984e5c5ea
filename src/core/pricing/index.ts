// Prices and cost estimates: the one price table (prices.ts) and the estimator over it (estimate.ts).
export * from './prices';
export * from './estimate';

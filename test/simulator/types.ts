// The simulator's public contract. Other suites (unit, integration, bench, `npm start -- --simulator`) code against
// these names, so fields may be added but never renamed.
import type { EventEmitter } from 'node:events';

export interface LatencyMs {
  starting: number;
  processing: number;
}

export interface SimulatorOptions {
  /** Accepted `apikey` values; default ['test-key']. */
  apiKeys?: string[];
  /** Multiplies every simulated duration; 0 = instant; default 1. */
  timeScale?: number;
  /** Per-model overrides of the default latencies (before timeScale). */
  latencyMs?: Partial<Record<string, LatencyMs>>;
  /** How long a Try-Sync POST is held before answering with the poll handle; default 60000 (NOT scaled). */
  syncWindowMs?: number;
  /** Success code of POST /v1/predictions and POST /v1/files; default 201 (the spec; live servers answer 200). */
  successStatus?: 200 | 201;
  /** Shape of generation_url; default 'alternate' (every other job relative). */
  generationUrlStyle?: 'absolute' | 'relative' | 'alternate';
  /** Emit absolute generation_url on this origin instead (foreign-origin tests). */
  deliveryBaseUrl?: string;
  /** Default false: delivery (and GET /v1/files/<id>) accepts requests with or without apikey. */
  deliveryRequiresKey?: boolean;
  /** Default 30 min; expires_at reflects it; an expired file URL in an input -> 422. */
  uploadTtlMs?: number;
  /** Default 24 h; delivery after that -> 410 CONTENT_EXPIRED. */
  outputTtlMs?: number;
  /** Default 24 h; status of an older prediction -> 404 NOT_FOUND. */
  predictionTtlMs?: number;
  /** Per-model requests per rate window; defaults from the spec (p-image 500, p-video 250, wan-* 30, ...). */
  rateLimitPerMinute?: Partial<Record<string, number>>;
  /** Length of the rate window; default 60000 (tests and bench shrink it). */
  rateWindowMs?: number;
  /** If set, status responses carry `X-Poll-Interval: <seconds, float>`. */
  pollIntervalHeader?: number;
  /** Default 100 MB -> 413 FILE_TOO_LARGE. */
  maxUploadBytes?: number;
  /** Serve https with this PEM key and certificate instead of http (read at start only; `url` says https). */
  tls?: { key: string; cert: string };
  /** Hugging Face tokens that may read weights of a repo named `private-…` (default ['hf_sim_token']). */
  hfTokens?: string[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased names, values as received (repeated headers joined with ', '). */
  headers: Record<string, string>;
  /** Date.now() when the request arrived. */
  at: number;
  /** The status answered; 0 while unanswered and for requests whose socket was destroyed without an answer. */
  status: number;
  model?: string;
  predictionId?: string;
  bodyBytes: number;
  /** Parsed JSON body (JSON requests only). */
  body?: unknown;
}

export type Fault =
  | { kind: 'status'; code: number; body?: 'envelope' | 'kong' | 'text' | 'empty'; headers?: Record<string, string> }
  /** Destroy the socket without answering. */
  | { kind: 'reset' }
  /** POST only: create the prediction, then destroy the socket (an ambiguous failure for the client). */
  | { kind: 'reset-after-accept' }
  /** 200 with a truncated JSON body. */
  | { kind: 'malformed-json' }
  /** Wait, then answer normally. */
  | { kind: 'delay'; ms: number }
  /** POST only: create the prediction, answer 504 with a Kong-style body (after holding it `holdMs`, not scaled). */
  | { kind: 'gateway-timeout-after-accept'; holdMs?: number }
  /** Hold the request `ms` (not scaled) without answering, then drop the socket (a request that never answers). */
  | { kind: 'hold'; ms: number }
  /** Status only: 200 with a status value this API version does not document (e.g. "queued"). */
  | { kind: 'unknown-status'; status: string; headers?: Record<string, string> }
  /** 200 text/html (a captive portal or a CDN's error page where JSON or media was expected). */
  | { kind: 'html-200' }
  /** Delivery: 200 image/png whose bytes start as a PNG (signature, IHDR) and then stop: no decoder can read it. */
  | { kind: 'corrupt-image' }
  /** Each matching request gets the next of these, round robin (a mix of 5xx, resets, holds...). */
  | { kind: 'cycle'; faults: Fault[] };

export interface FaultRule {
  method?: string;
  /** A string matches the path exactly, or as a prefix when it ends with '/'; a RegExp is tested on the path. */
  path: string | RegExp;
  /** The Model header, or the model of the prediction a status/delivery path belongs to. */
  model?: string;
  /** How many matching requests the rule hits; default 1 (Infinity with `forMs`); Infinity allowed. */
  times?: number;
  /** A sustained fault: the rule hits every matching request for this long from when it was injected (real ms). */
  forMs?: number;
  fault: Fault;
}

export interface PredictionSnapshot {
  id: string;
  model: string;
  input: unknown;
  status: string;
  succeededAt?: number;
}

export interface Simulator {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly requests: RecordedRequest[];
  inject(rule: FaultRule): void;
  /** The next created prediction of that model ends 'failed' with this error. */
  failNext(model: string, error: string): void;
  /** Its status becomes 404 from now on. */
  vanish(predictionId: string): void;
  /** Its status becomes 'canceled'. */
  cancel(predictionId: string): void;
  /** Emits 'succeeded' (id: string, at: number) and 'request' (record: RecordedRequest, durationMs: number). */
  readonly events: EventEmitter;
  prediction(id: string): PredictionSnapshot | undefined;
  /** Change options at run time (validated like the start options). */
  setOptions(patch: Partial<SimulatorOptions>): void;
  /** Forget requests, faults (incl. pending failNext) and rate counters; predictions and files stay. */
  reset(): void;
  close(): Promise<void>;
}

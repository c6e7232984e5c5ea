// The simulator: an http server on 127.0.0.1 that routes to the P-API handlers, applies injected faults first
// (they stand for the gateway and the network, so they win over auth), and records every request.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SimContext } from './context';
import { forgetDeliveries, registerDelivery, findDelivery } from './delivery';
import { envelope, htmlBody, kongBody } from './errors';
import { FaultBook } from './faults';
import { FileStore } from './files';
import { answer, answerJson, hangUp, lowerCaseHeaders, readBody, sleep, type Exchange } from './http';
import { deliveryKey } from './ids';
import { isKnownModel, MODELS } from './models';
import { DEFAULT_OPTIONS, resolveOptions, type ResolvedOptions } from './options';
import { outputFilename, renderImage, renderOutput } from './outputs';
import { PredictionStore, type Prediction } from './predictions';
import { RateLimiter } from './rate-limiter';
import { deliver } from './route-delivery';
import { getFile, uploadFile } from './route-files';
import { createPrediction, firstInputImageSize, predictionStatus } from './route-predictions';
import type { Fault, FaultRule, PredictionSnapshot, RecordedRequest, Simulator, SimulatorOptions } from './types';

/** JSON request bodies above this are refused (prediction inputs are small; uploads go to /v1/files). */
const MAX_JSON_BYTES = 10 * 1024 * 1024;

type Route =
  | { kind: 'create' }
  | { kind: 'status'; id: string }
  | { kind: 'delivery'; path: string }
  | { kind: 'upload' }
  | { kind: 'file'; id: string }
  | { kind: 'none' };

function matchRoute(method: string, path: string): Route {
  if (method === 'POST' && path === '/v1/predictions') return { kind: 'create' };
  if (method === 'POST' && path === '/v1/files') return { kind: 'upload' };
  if (method === 'GET') {
    const status = /^\/v1\/predictions\/status\/([^/]+)$/.exec(path);
    if (status) return { kind: 'status', id: status[1]! };
    const delivery = /^\/v1\/predictions\/delivery\/(.+)$/.exec(path);
    if (delivery) return { kind: 'delivery', path: delivery[1]! };
    const file = /^\/v1\/files\/([^/]+)$/.exec(path);
    if (file) return { kind: 'file', id: file[1]! };
  }
  return { kind: 'none' };
}

/** What a 'malformed-json' fault answers: the start of a plausible body for the route, cut off. */
function truncatedBody(route: Route): string {
  if (route.kind === 'status') return '{"status":"succeeded","generation_url":"/v1/predic';
  if (route.kind === 'create') return '{"id":"1zww7deyssrme0csqwr90phzzr","model":"p-im';
  return '{"id":"fqadq';
}

export class SimulatorServer implements Simulator, SimContext {
  readonly requests: RecordedRequest[] = [];
  readonly events = new EventEmitter();
  readonly files = new FileStore();
  readonly limiter = new RateLimiter();
  readonly owner = {};
  readonly predictions: PredictionStore;
  options: ResolvedOptions;
  url = '';
  private readonly faults = new FaultBook();
  private readonly server: Server;
  private deliveries = 0;

  constructor(options: SimulatorOptions | undefined) {
    this.options = resolveOptions(DEFAULT_OPTIONS, options);
    this.predictions = new PredictionStore({
      onSucceeded: (p) => this.publish(p),
      onSettled: (p) => this.announce(p),
    });
    const handler = (req: IncomingMessage, res: ServerResponse): void => this.handle(req, res);
    this.server = this.options.tls ? createHttpsServer({ ...this.options.tls }, handler) : createServer(handler);
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.url = `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  nextDeliveryIndex(): number {
    return this.deliveries++;
  }

  inject(rule: FaultRule): void {
    this.faults.add(rule);
  }

  failNext(model: string, error: string): void {
    if (!isKnownModel(model)) throw new TypeError(`failNext: unknown model '${model}'`);
    this.predictions.failNext(model, error);
  }

  vanish(predictionId: string): void {
    this.predictions.vanish(predictionId);
  }

  cancel(predictionId: string): void {
    this.predictions.cancel(predictionId);
  }

  prediction(id: string): PredictionSnapshot | undefined {
    return this.predictions.snapshot(id);
  }

  setOptions(patch: Partial<SimulatorOptions>): void {
    this.options = resolveOptions(this.options, patch);
  }

  reset(): void {
    this.requests.length = 0; // in place: callers may hold the array
    this.faults.clear();
    this.limiter.clear();
    this.predictions.clearFailures();
  }

  async close(): Promise<void> {
    this.predictions.dispose();
    forgetDeliveries(this.owner);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Registers the output of a finished prediction and returns its generation_url. */
  private publish(p: Prediction): string {
    const kind = MODELS[p.model]!.output;
    const firstImage = firstInputImageSize(this, p.input);
    const path = `${deliveryKey()}/${outputFilename(kind)}`;
    registerDelivery(path, {
      owner: this.owner,
      predictionId: p.id,
      model: p.model,
      createdAt: p.succeededAt ?? Date.now(),
      render: () => renderOutput(kind, p.model, p.input, p.seed, firstImage),
    });
    const relative = `/v1/predictions/delivery/${path}`;
    if (this.options.deliveryBaseUrl) return `${this.options.deliveryBaseUrl}${relative}`;
    const style = this.options.generationUrlStyle;
    const useRelative = style === 'relative' || (style === 'alternate' && this.nextDeliveryIndex() % 2 === 1);
    return useRelative ? relative : `${this.url}${relative}`;
  }

  private announce(p: Prediction): void {
    if (p.status === 'succeeded') this.events.emit('succeeded', p.id, p.succeededAt);
    else this.events.emit(p.status, p.id, Date.now(), p.error);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      headers: lowerCaseHeaders(req),
      at: Date.now(),
      status: 0,
      bodyBytes: 0,
    };
    this.requests.push(record);
    res.on('close', () => this.events.emit('request', record, performance.now() - started));
    const ex: Exchange = { req, res, record };
    this.dispatch(ex, matchRoute(record.method, record.path)).catch((error: unknown) => {
      // A bug in the simulator must surface as a 500 with the reason, not as a hung test.
      answerJson(ex, 500, envelope(500, `Simulator error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));
    });
  }

  private async dispatch(ex: Exchange, route: Route): Promise<void> {
    let body: unknown;
    if (route.kind === 'create') {
      const read = await readBody(ex, MAX_JSON_BYTES);
      if (read.kind === 'aborted') return;
      if (read.kind === 'too-large') return answerJson(ex, 413, envelope(413, `JSON bodies are limited to ${MAX_JSON_BYTES} bytes`, 'PAYLOAD_TOO_LARGE'));
      try {
        body = JSON.parse(read.bytes.toString('utf8'));
        ex.record.body = body;
      } catch {
        body = undefined;
      }
    }
    const fault = this.faults.take(ex.record.method, ex.record.path, () => this.modelFor(ex, route));
    let afterAccept: Fault | undefined;
    if (fault) {
      if (fault.kind === 'delay') await sleep(fault.ms);
      else if ((fault.kind === 'reset-after-accept' || fault.kind === 'gateway-timeout-after-accept') && route.kind === 'create') {
        afterAccept = fault;
      } else if (fault.kind === 'unknown-status' && route.kind === 'status') {
        if (!this.predictions.get(route.id)) return answerJson(ex, 404, envelope(404, 'Prediction ID does not exist or has expired'));
        ex.record.predictionId = route.id;
        return answerJson(ex, 200, { status: fault.status, message: 'Generation in progress' }, fault.headers ?? {});
      } else return this.applyFault(ex, route, fault);
    }
    switch (route.kind) {
      case 'create':
        return createPrediction(this, ex, body, afterAccept);
      case 'status':
        return predictionStatus(this, ex, route.id);
      case 'delivery':
        return deliver(this, ex, route.path);
      case 'upload':
        return uploadFile(this, ex);
      case 'file':
        return getFile(this, ex, route.id);
      default:
        return answerJson(ex, 404, kongBody(404));
    }
  }

  private modelFor(ex: Exchange, route: Route): string | undefined {
    if (route.kind === 'create') {
      const header = ex.req.headers['model'];
      return typeof header === 'string' ? header.trim() : undefined;
    }
    if (route.kind === 'status') return this.predictions.get(route.id)?.model;
    if (route.kind === 'delivery') return findDelivery(route.path)?.model;
    return undefined;
  }

  private applyFault(ex: Exchange, route: Route, fault: Fault): void {
    switch (fault.kind) {
      case 'status': {
        const extra = fault.headers ?? {};
        const style = fault.body ?? 'envelope';
        if (style === 'envelope') return answerJson(ex, fault.code, envelope(fault.code), extra);
        if (style === 'kong') return answerJson(ex, fault.code, kongBody(fault.code), extra);
        if (style === 'text') {
          return fault.code >= 500
            ? answer(ex, fault.code, { 'Content-Type': 'text/html', ...extra }, htmlBody(fault.code))
            : answer(ex, fault.code, { 'Content-Type': 'text/plain', ...extra }, `${fault.code} error`);
        }
        return answer(ex, fault.code, extra);
      }
      case 'malformed-json':
        return answer(ex, 200, { 'Content-Type': 'application/json' }, truncatedBody(route));
      case 'gateway-timeout-after-accept':
        return answerJson(ex, 504, kongBody(504));
      case 'html-200':
        // Claims to be an image, as captive portals and some CDNs do: only the bytes tell.
        return answer(ex, 200, { 'Content-Type': route.kind === 'delivery' ? 'image/png' : 'text/html' }, htmlBody(200));
      case 'corrupt-image':
        // A broken model result: a real PNG's first 120 bytes (signature, IHDR, the start of IDAT) and nothing more.
        return answer(ex, 200, { 'Content-Type': 'image/png' }, renderImage('corrupt', 1, 512, 512).subarray(0, 120));
      case 'hold': {
        const timer = setTimeout(() => hangUp(ex), fault.ms);
        timer.unref();
        ex.res.on('close', () => clearTimeout(timer));
        return;
      }
      default:
        return hangUp(ex);
    }
  }
}

export async function startSimulatorServer(options: SimulatorOptions | undefined, port = 0): Promise<SimulatorServer> {
  const sim = new SimulatorServer(options);
  await sim.listen(port);
  return sim;
}

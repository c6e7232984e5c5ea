// Estimates what a run will cost from the price table. Pure: no I/O, no catalog validation (the input is read as the
// API would read it, with the model's documented defaults for fields that pick a price). "Unknown" is an answer,
// with the reason in words, never a guessed number.
import * as l10n from '../l10n';
import { PRICE_TABLE, type ModelPrice, type PriceRow, type PriceSource, type PriceUnit } from './prices';

export interface CostLine {
  /** What this line is for ("720p", "per image", "each additional garment"). */
  readonly label: string;
  readonly quantity: number;
  readonly unit: PriceUnit;
  /** USD per unit. */
  readonly unitUsd: number;
  readonly usd: number;
}

export interface KnownCost {
  readonly known: true;
  readonly model: string;
  readonly currency: 'USD';
  /** Total for `count` runs. */
  readonly usd: number;
  readonly perRunUsd: number;
  readonly count: number;
  readonly unit: PriceUnit;
  /** One run's lines; the total is their sum times `count`. */
  readonly breakdown: readonly CostLine[];
  readonly source: PriceSource;
  readonly note?: string;
  /** "about $0.10" */
  readonly summary: string;
  /** "about $0.40 (4 runs × $0.10: 5 s × $0.02/s, 720p)" */
  readonly text: string;
}

export interface UnknownCost {
  readonly known: false;
  readonly model: string;
  readonly count: number;
  /** Why no number can be given, in words a user reads ("p-image-edit has no published price"). */
  readonly reason: string;
  /** Present when the model has a price but this input's quantity or tier is unknown. */
  readonly source?: PriceSource;
  /** "price unknown" */
  readonly summary: string;
  /** "price unknown: p-image-edit has no published price" */
  readonly text: string;
}

export type CostEstimate = KnownCost | UnknownCost;

export interface EstimateOptions {
  /** Another table (tests); default the project's one. */
  readonly table?: Readonly<Record<string, ModelPrice>>;
  /** Length of the output in seconds when the caller knows it (a source video's length). */
  readonly seconds?: number;
  /** Output size when the caller knows it (per-megapixel prices). */
  readonly outputSize?: { readonly width: number; readonly height: number };
}

/** The price entry of a model, if one is published. */
export function priceOf(model: string, table: Readonly<Record<string, ModelPrice>> = PRICE_TABLE): ModelPrice | undefined {
  return Object.prototype.hasOwnProperty.call(table, model) ? table[model] : undefined;
}

/** What `count` runs of `model` with this input cost. `count` is the number of separate runs (variations, a batch). */
export function estimateCost(model: string, input: Readonly<Record<string, unknown>>, count = 1, options: EstimateOptions = {}): CostEstimate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0; got ${count}`);
  const price = priceOf(model, options.table);
  if (!price) return unknown(model, count, l10n.t('{0} has no published price', model));
  const rule = price.rule;
  const row = pickRow(rule.rows, { ...rule.defaults, ...input });
  if (!row) return unknown(model, count, `${model}: ${rule.noRowReason ?? l10n.t('no published price for these options')}`, price.source);

  const lines: CostLine[] = [];
  if (rule.unit === 'image') {
    lines.push(line(row.label, 1, 'image', row.usd));
    const extra = rule.extraPerItem;
    if (extra) {
      const items = input[extra.field];
      const n = Array.isArray(items) ? items.length : 0;
      if (n > extra.included) lines.push(line(extra.label, n - extra.included, 'image', extra.usd));
    }
  } else if (rule.unit === 'second') {
    const follows = (rule.lengthFollows ?? []).find((f) => input[f] !== undefined && input[f] !== null);
    const given = rule.durationField !== undefined ? input[rule.durationField] : undefined;
    const seconds =
      options.seconds ?? (follows !== undefined ? undefined : typeof given === 'number' && given > 0 ? given : rule.defaultSeconds);
    if (seconds === undefined) {
      return unknown(model, count, l10n.t('{0} costs {1} per second ({2}), and {3}', model, usd(row.usd), row.label, rule.lengthUnknownReason), price.source);
    }
    lines.push(line(row.label, seconds, 'second', row.usd));
  } else {
    const mp = megapixels(rule, input, options.outputSize);
    if (mp === undefined) return unknown(model, count, l10n.t('{0} costs {1} per megapixel, and the output size is not known before it runs', model, usd(row.usd)), price.source);
    lines.push(line(row.label, mp, 'megapixel', row.usd));
  }

  const perRunUsd = round(lines.reduce((sum, l) => sum + l.usd, 0));
  const total = round(perRunUsd * count);
  const summary = l10n.t('about {0}', usd(total));
  const detail = lines.map(describeLine).join(' + ');
  const text = count === 1 ? `${summary} (${detail})` : `${summary} (${count} × ${usd(perRunUsd)}: ${detail})`;
  return {
    known: true,
    model,
    currency: 'USD',
    usd: total,
    perRunUsd,
    count,
    unit: rule.unit,
    breakdown: lines,
    source: price.source,
    ...(price.note !== undefined ? { note: price.note } : {}),
    summary,
    text,
  };
}

export interface CostTotal {
  /** Sum of the known estimates. */
  readonly usd: number;
  /** Runs whose price is known / all runs. */
  readonly knownRuns: number;
  readonly runs: number;
  readonly unknown: readonly UnknownCost[];
  /** "about $0.02 for 4 runs", or what is known and what is not. */
  readonly text: string;
}

/** Adds estimates of several runs (a batch of placeholders, several models). Unknown parts are said, never dropped. */
export function totalCost(estimates: readonly CostEstimate[]): CostTotal {
  let sum = 0;
  let knownRuns = 0;
  let runs = 0;
  const unknowns: UnknownCost[] = [];
  for (const e of estimates) {
    runs += e.count;
    if (e.known) {
      sum += e.usd;
      knownRuns += e.count;
    } else unknowns.push(e);
  }
  const total = round(sum);
  const plural = (n: number) => (n === 1 ? l10n.t('1 run') : l10n.t('{0} runs', n));
  let text: string;
  if (unknowns.length === 0) text = l10n.t('about {0} for {1}', usd(total), plural(runs));
  else {
    const reasons = [...new Set(unknowns.map((u) => u.reason))].join('; ');
    text = knownRuns === 0
      ? l10n.t('price unknown ({0})', reasons)
      : l10n.t('about {0} for {1} of {2}, plus {3} of unknown price ({4})', usd(total), knownRuns, plural(runs), plural(runs - knownRuns), reasons);
  }
  return { usd: total, knownRuns, runs, unknown: unknowns, text };
}

/** A model's prices in one line, for lists and the catalog ("$0.02 per second (720p), $0.005 (720p draft), …"). */
export function describePrice(model: string, table: Readonly<Record<string, ModelPrice>> = PRICE_TABLE): string {
  const price = priceOf(model, table);
  if (!price) return l10n.t('price unknown (not published)');
  const unit = price.rule.unit;
  const rows = price.rule.rows.map((r) => (price.rule.rows.length === 1 && r.label.startsWith('per ') ? usd(r.usd) : `${usd(r.usd)} ${r.label}`));
  let text = `${rows.join(', ')} per ${unit}`;
  if (price.rule.unit === 'image' && price.rule.extraPerItem) {
    text += ` + ${usd(price.rule.extraPerItem.usd)} ${price.rule.extraPerItem.label}`;
  }
  if (price.rule.noRowReason) text += ` (${price.rule.noRowReason}; other options: price unknown)`;
  if (price.note) text += `, ${price.note}`;
  return `${text} — estimate from ${price.source.ref} (${price.source.title}), as of ${price.source.asOf}`;
}

/**
 * The estimate in the shape the model catalog takes (`setPriceSource` in catalog.ts, issue 15): one run's price, or
 * undefined when unknown. The catalog keeps no price table of its own.
 */
export function catalogPrice(model: string, input: Readonly<Record<string, unknown>> = {}): { usd: number; note?: string; source: string } | undefined {
  const e = estimateCost(model, input, 1);
  if (!e.known) return undefined;
  return { usd: e.usd, note: `estimate: ${e.text}${e.note ? `, ${e.note}` : ''}`, source: `${e.source.ref} ${e.source.title}, as of ${e.source.asOf}` };
}

/** US dollars with as many decimals as a small price needs: $0.005, $0.10, $1.50, $0.0325. */
export function usd(amount: number): string {
  const [whole, decimals = ''] = round(amount).toFixed(4).replace(/0+$/, '').split('.');
  return `$${whole}.${decimals.padEnd(2, '0')}`;
}

function pickRow(rows: readonly PriceRow[], input: Readonly<Record<string, unknown>>): PriceRow | undefined {
  return rows.find((r) => Object.entries(r.when).every(([field, value]) => input[field] === value));
}

function megapixels(
  rule: { megapixelsField?: string; defaultMegapixels?: number; widthField?: string; heightField?: string },
  input: Readonly<Record<string, unknown>>,
  size: EstimateOptions['outputSize'],
): number | undefined {
  if (rule.megapixelsField !== undefined) {
    const given = input[rule.megapixelsField];
    if (typeof given === 'number' && given > 0) return given;
    if (rule.defaultMegapixels !== undefined) return rule.defaultMegapixels;
  }
  const w = rule.widthField !== undefined ? input[rule.widthField] : undefined;
  const h = rule.heightField !== undefined ? input[rule.heightField] : undefined;
  if (typeof w === 'number' && typeof h === 'number') return round((w * h) / 1e6);
  if (size) return round((size.width * size.height) / 1e6);
  return undefined;
}

function line(label: string, quantity: number, unit: PriceUnit, unitUsd: number): CostLine {
  return { label, quantity, unit, unitUsd, usd: round(quantity * unitUsd) };
}

function describeLine(l: CostLine): string {
  if (l.unit === 'second') return `${l.quantity} s × ${usd(l.unitUsd)}/s, ${l.label}`;
  if (l.unit === 'megapixel') return `${l.quantity} MP × ${usd(l.unitUsd)}/MP, ${l.label}`;
  return l.quantity === 1 ? `${usd(l.unitUsd)} ${l.label}` : `${l.quantity} × ${usd(l.unitUsd)} ${l.label}`;
}

function unknown(model: string, count: number, reason: string, source?: PriceSource): UnknownCost {
  return { known: false, model, count, reason, ...(source ? { source } : {}), summary: l10n.t('price unknown'), text: l10n.t('price unknown: {0}', reason) };
}

/** Money sums in micro-dollars, so 3 × $0.005 is $0.015 and not $0.015000000000000001. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

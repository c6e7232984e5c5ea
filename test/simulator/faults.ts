// Injected faults: validated on the way in, matched in insertion order, each consumed `times` times.
import * as z from 'zod';
import type { Fault, FaultRule } from './types';

const headersSchema = z.record(z.string(), z.string());
const simpleFaults = [
  z.strictObject({
    kind: z.literal('status'),
    code: z.int().min(100).max(599),
    body: z.enum(['envelope', 'kong', 'text', 'empty']).optional(),
    headers: headersSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('reset') }),
  z.strictObject({ kind: z.literal('reset-after-accept') }),
  z.strictObject({ kind: z.literal('malformed-json') }),
  z.strictObject({ kind: z.literal('delay'), ms: z.number().finite().nonnegative() }),
  z.strictObject({ kind: z.literal('gateway-timeout-after-accept'), holdMs: z.number().finite().nonnegative().optional() }),
  z.strictObject({ kind: z.literal('hold'), ms: z.number().finite().nonnegative() }),
  z.strictObject({ kind: z.literal('unknown-status'), status: z.string().min(1), headers: headersSchema.optional() }),
  z.strictObject({ kind: z.literal('html-200') }),
  z.strictObject({ kind: z.literal('corrupt-image') }),
] as const;
const simpleFaultSchema = z.discriminatedUnion('kind', [...simpleFaults]);
const faultSchema = z.discriminatedUnion('kind', [
  ...simpleFaults,
  z.strictObject({ kind: z.literal('cycle'), faults: z.array(simpleFaultSchema).min(1) }),
]);

const ruleSchema = z.strictObject({
  method: z.string().min(1).optional(),
  path: z.union([z.string().startsWith('/'), z.instanceof(RegExp)]),
  model: z.string().min(1).optional(),
  times: z.number().int().positive().or(z.literal(Infinity)).optional(),
  forMs: z.number().finite().positive().optional(),
  fault: faultSchema,
});

interface ActiveRule {
  method: string | undefined;
  path: string | RegExp;
  model: string | undefined;
  remaining: number;
  /** Date.now() after which the rule no longer applies (sustained faults). */
  until: number;
  fault: Fault;
  /** Round-robin position of a 'cycle' fault. */
  next: number;
}

function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  return pattern.endsWith('/') ? path.startsWith(pattern) : path === pattern;
}

export class FaultBook {
  private rules: ActiveRule[] = [];

  /** Throws a TypeError naming what is wrong with the rule. */
  add(rule: FaultRule): void {
    const parsed = ruleSchema.safeParse(rule);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ');
      throw new TypeError(`Invalid fault rule: ${why}. See test/simulator/README.md for the rule shape.`);
    }
    const { method, path, model, times, forMs, fault } = parsed.data;
    this.rules.push({
      method: method?.toUpperCase(),
      path,
      model,
      remaining: times ?? (forMs !== undefined ? Infinity : 1),
      until: forMs !== undefined ? Date.now() + forMs : Infinity,
      fault: fault as Fault,
      next: 0,
    });
  }

  /**
   * The first rule matching the request, consumed once. `model` is resolved lazily because finding it may need the
   * prediction a status path points at.
   */
  take(method: string, path: string, model: () => string | undefined): Fault | undefined {
    const now = Date.now();
    this.rules = this.rules.filter((r) => r.until > now);
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (rule.method && rule.method !== method.toUpperCase()) continue;
      if (!pathMatches(rule.path, path)) continue;
      if (rule.model && rule.model !== model()) continue;
      rule.remaining -= 1;
      this.rules = this.rules.filter((r) => r.remaining > 0);
      if (rule.fault.kind === 'cycle') return rule.fault.faults[rule.next++ % rule.fault.faults.length];
      return rule.fault;
    }
    return undefined;
  }

  clear(): void {
    this.rules = [];
  }
}

// One part of `npm run bench`: a name for `--only=<name>`, and a run that returns table rows and JSON numbers.
// A new part lives in its own file and is registered with one line in the PARTS list of bench.ts.
export type Row = [metric: string, measured: string, target: string];

export interface BenchContext {
  /** A temp folder removed after the part. */
  tmp: string;
  /** `--quick`: shorter runs. */
  quick: boolean;
}

export interface BenchPart {
  name: string;
  run(ctx: BenchContext): Promise<{ rows: Row[]; json: Record<string, number | number[]> }>;
}

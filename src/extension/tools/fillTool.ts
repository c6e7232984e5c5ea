// pruna_fill_missing_images: plans with the dry run of `pruna.generateMissingImages` (which files are missing, their
// prompts and sizes), shows that plan and its total cost in the confirmation, then runs the same command with the same
// arguments. If the plan grew between the confirmation and the run, nothing is generated: the user confirms again.
import * as vscode from 'vscode';
import * as z from 'zod';
import { estimateCost, totalCost, usd, type CostTotal } from '../../core';
import { fileRefToUri } from '../commands/args';
import type { CommandDeps } from '../commands/deps';
import { GENERATE_MISSING_COMMAND } from '../placeholders/register';
import { PLACEHOLDER_MODEL } from '../placeholders/scan';
import { quote, toPrepared, type Confirmation } from './confirm';
import type { PrunaTool, ToolInput } from './runTools';
import { describeFacts, errorText, factsOf, textResult } from './toolText';

const NAME = 'pruna_fill_missing_images';

const FillInput = z.strictObject({
  uri: z.string().min(1).optional(),
  prompts: z.record(z.string(), z.string()).optional(),
  exactSize: z.boolean().optional(),
});
type FillInput = z.infer<typeof FillInput>;

/** One planned file, as the dry run of the placeholders work describes it (loosely read: extra fields are kept). */
const PlannedImage = z.looseObject({
  target: z.union([z.string(), z.looseObject({ path: z.string() })]),
  prompt: z.string(),
  model: z.string().optional(),
  references: z.array(z.looseObject({ document: z.unknown().optional(), range: z.unknown().optional() })).optional(),
  size: z.looseObject({ width: z.number().optional(), height: z.number().optional(), explanation: z.string().optional() }).optional(),
});
type PlannedImage = z.infer<typeof PlannedImage>;
const Plan = z.array(PlannedImage);

type PlanResult = { readonly ok: true; readonly items: readonly PlannedImage[] } | { readonly ok: false; readonly reason: string };

/** What the user saw in the last confirmation, per input: target URI → prompt. */
const confirmedPlans = new Map<string, { readonly items: ReadonlyMap<string, string>; readonly at: number }>();
const CONFIRMED_PLAN_TTL_MS = 30 * 60_000;

export function createFillTool(deps: CommandDeps): PrunaTool {
  return {
    name: NAME,
    async prepareInvocation(options) {
      const parsed = FillInput.safeParse(options.input ?? {});
      if (!parsed.success) return { invocationMessage: vscode.l10n.t('Checking the {0} input…', NAME) };
      const plan = await dryRun(parsed.data);
      if (plan.ok && plan.items.length === 0) return { invocationMessage: vscode.l10n.t('Looking for missing images…') };
      if (plan.ok) confirmedPlans.set(key(parsed.data), { items: new Map(plan.items.map((i) => [targetUri(i), i.prompt])), at: Date.now() });
      return toPrepared(describePlan(parsed.data, plan));
    },
    async invoke(options, token) {
      const parsed = FillInput.safeParse(options.input ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue?.path.join('.');
        return textResult(`Error${field ? ` (field "${field}")` : ''}: ${issue?.message ?? 'invalid input'}. Accepted: { uri?: workspace-relative path of a document or folder, prompts?: { [path]: prompt }, exactSize?: boolean }. Nothing was sent.`);
      }
      const input = parsed.data;
      const plan = await dryRun(input);
      if (plan.ok && plan.items.length === 0) return textResult(`No missing images in ${scopeText(input)}: every image reference points at an existing file. Nothing was generated.`);
      // Exactly what the user confirmed: those targets with those prompts (a chat-written prompt is not rewritten, a
      // reference added since is not filled). Without a confirmed plan (a direct call), the plan just made.
      const remembered = confirmedPlans.get(key(input));
      const confirmed = remembered && Date.now() - remembered.at < CONFIRMED_PLAN_TTL_MS ? remembered.items : undefined;
      const chosen = confirmed ?? (plan.ok ? new Map(plan.items.map((i) => [targetUri(i), i.prompt])) : undefined);
      confirmedPlans.delete(key(input));
      const unconfirmed = plan.ok && confirmed ? plan.items.filter((i) => !confirmed.has(targetUri(i))).map(targetText) : [];
      if (chosen && chosen.size === 0) return textResult(`Not run: nothing that the user confirmed is still missing in ${scopeText(input)}.`);
      if (token.isCancellationRequested) return textResult('Canceled before anything was sent.');
      const before = new Set(deps.jobs.list().map((j) => j.id));
      const stop = () => {
        for (const job of deps.jobs.list()) if (!before.has(job.id) && !['saved', 'failed', 'canceled'].includes(job.state)) deps.jobs.cancel(job.id);
      };
      const sub = token.onCancellationRequested(stop);
      let saved: vscode.Uri[];
      try {
        saved = (await vscode.commands.executeCommand<vscode.Uri[] | undefined>(GENERATE_MISSING_COMMAND, commandArgs(input, chosen))) ?? [];
      } catch (e) {
        return textResult(errorText(e, NAME));
      } finally {
        sub.dispose();
      }
      const facts = await Promise.all(saved.map((u) => factsOf(u, deps.recipes)));
      const cost = totalCost([estimateCost(PLACEHOLDER_MODEL, {}, saved.length)]);
      const planned = chosen ? [...chosen.keys()].map((t) => targetText({ target: t, prompt: '' })) : undefined;
      const lines = [
        `Made ${saved.length}${planned ? ` of ${planned.length}` : ''} missing image${(planned?.length ?? saved.length) === 1 ? '' : 's'} with ${PLACEHOLDER_MODEL} (estimated cost: ${cost.knownRuns ? `about ${usd(cost.usd)}` : 'price unknown'}), saved at the paths the code references, so those references now resolve:`,
        ...facts.map(describeFacts),
      ];
      if (token.isCancellationRequested) lines.push('Canceled: the remaining images were not generated (running ones are no longer watched; they may still be billed).');
      if (planned) {
        const made = new Set(facts.map((f) => f.path));
        const missing = planned.filter((t) => !made.has(t));
        if (missing.length && !token.isCancellationRequested) lines.push(`Not made: ${missing.join(', ')} (the notification and the "Pruna" log say why).`);
      }
      if (unconfirmed.length) lines.push(`Not generated because the user did not confirm them (found after the confirmation): ${unconfirmed.join(', ')}. Call ${NAME} again to confirm them.`);
      return textResult(...lines);
    },
  };
}

/** The command's argument object; with `chosen`, only those targets, each with the prompt the user saw. */
function commandArgs(input: FillInput, chosen?: ReadonlyMap<string, string>): Record<string, unknown> {
  const prompts = chosen
    ? { ...input.prompts, ...Object.fromEntries([...chosen].map(([target, prompt]) => [targetText({ target, prompt }), prompt])) }
    : input.prompts;
  return {
    ...(input.uri !== undefined ? { uri: fileRefToUri(input.uri).toString() } : {}),
    ...(prompts !== undefined ? { prompts } : {}),
    ...(input.exactSize !== undefined ? { exactSize: input.exactSize } : {}),
    ...(chosen ? { targets: [...chosen.keys()] } : {}),
  };
}

/** The target as the command compares it: its URI string. */
function targetUri(item: PlannedImage): string {
  const t = item.target;
  if (typeof t !== 'string') return vscode.Uri.from({ scheme: 'file', path: t.path }).toString();
  if (/^[a-z][a-z0-9+.-]*:/i.test(t) && !/^[a-zA-Z]:[\\/]/.test(t)) return vscode.Uri.parse(t).toString();
  return (t.startsWith('/') ? vscode.Uri.file(t) : fileRefToUri(t)).toString();
}

/** The command's dry run; "not available" (an older command, a bad scope) is a reason, not a failure. */
async function dryRun(input: FillInput): Promise<PlanResult> {
  try {
    const raw = await vscode.commands.executeCommand<unknown>(GENERATE_MISSING_COMMAND, { ...commandArgs(input), dryRun: true });
    const plan = Plan.safeParse(raw);
    return plan.success ? { ok: true, items: plan.data } : { ok: false, reason: vscode.l10n.t('the dry run answered in an unexpected shape') };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

export function describePlan(input: FillInput, plan: PlanResult): Confirmation {
  const scope = scopeText(input);
  if (!plan.ok) {
    const each = estimateCost(PLACEHOLDER_MODEL, {});
    return {
      title: vscode.l10n.t('Fill missing images with Pruna?'),
      headline: vscode.l10n.t('Generate every missing image referenced in `{0}` with {1} ({2}; the number of images is known only after the scan), saved at the referenced paths.', scope, PLACEHOLDER_MODEL, each.known ? vscode.l10n.t('{0} each', each.summary) : each.text),
      details: [vscode.l10n.t('The plan could not be shown first: {0}', plan.reason)],
      cost: { known: false },
      progress: vscode.l10n.t('Filling missing images in {0}…', scope),
    };
  }
  const estimates = groupByModel(plan.items).map(([model, n]) => estimateCost(model, {}, n));
  const total: CostTotal = totalCost(estimates);
  const models = [...new Set(plan.items.map((i) => i.model ?? PLACEHOLDER_MODEL))].join(', ');
  const n = plan.items.length;
  return {
    title: vscode.l10n.t('Fill missing images with Pruna?'),
    headline: n === 1
      ? vscode.l10n.t('Generate 1 missing image with {0} ({1}), saved at the paths `{2}` references:', models, total.unknown.length ? total.text : vscode.l10n.t('about {0} in total', usd(total.usd)), scope)
      : vscode.l10n.t('Generate {0} missing images with {1} ({2}), saved at the paths `{3}` references:', n, models, total.unknown.length ? total.text : vscode.l10n.t('about {0} in total', usd(total.usd)), scope),
    details: plan.items.map((item) => {
      const size = item.size?.width && item.size?.height ? ` ${item.size.width}×${item.size.height}` : '';
      return `\`${targetText(item)}\`${size}: ${quote(item.prompt, 120)}`;
    }),
    cost: total.unknown.length ? { known: false } : { known: true, usd: total.usd },
    progress: n === 1
      ? vscode.l10n.t('Generating 1 missing image ({0})…', total.unknown.length ? vscode.l10n.t('price partly unknown') : vscode.l10n.t('about {0}', usd(total.usd)))
      : vscode.l10n.t('Generating {0} missing images ({1})…', n, total.unknown.length ? vscode.l10n.t('price partly unknown') : vscode.l10n.t('about {0}', usd(total.usd))),
  };
}

function groupByModel(items: readonly PlannedImage[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.model ?? PLACEHOLDER_MODEL, (counts.get(item.model ?? PLACEHOLDER_MODEL) ?? 0) + 1);
  return [...counts];
}

/** A target as the user reads it: workspace-relative when it is a URI or absolute path in the workspace. */
function targetText(item: PlannedImage): string {
  const t = item.target;
  if (typeof t !== 'string') return vscode.workspace.asRelativePath(vscode.Uri.from({ scheme: 'file', ...t, path: t.path }), false);
  if (/^[a-z][a-z0-9+.-]*:/i.test(t) && !/^[a-zA-Z]:[\\/]/.test(t)) return vscode.workspace.asRelativePath(vscode.Uri.parse(t), false);
  return t.startsWith('/') ? vscode.workspace.asRelativePath(vscode.Uri.file(t), false) : t;
}

function scopeText(input: FillInput): string {
  if (input.uri) {
    try {
      return vscode.workspace.asRelativePath(fileRefToUri(input.uri), false);
    } catch {
      return input.uri;
    }
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  return active ? vscode.workspace.asRelativePath(active, false) : vscode.l10n.t('the active document');
}

function key(input: FillInput): string {
  return JSON.stringify([input.uri ?? null, input.prompts ?? null, input.exactSize ?? null]);
}

export type { ToolInput };

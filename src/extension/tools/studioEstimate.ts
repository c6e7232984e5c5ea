// The Studio's run button shows what the run would cost, from the same price table and estimator as the agent tools.
import * as l10n from '../../core/l10n';
import type { RunForm, ToWebview } from '../../shared/protocol';
import { runRequestFromForm } from '../studio/runs';
import { estimateRun } from './runTools';

export function studioEstimate(form: RunForm): Extract<ToWebview, { type: 'estimate' }> {
  const request = runRequestFromForm(form);
  if ('message' in request) return { type: 'estimate', known: false, text: '', detail: '' };
  const cost = estimateRun(request);
  if (!cost.known) return { type: 'estimate', known: false, text: l10n.t('Price unknown'), detail: cost.reason };
  return {
    type: 'estimate',
    known: true,
    text: `Estimated ${cost.summary.replace(/^about /, '≈ ')}`,
    detail: l10n.t('{0}. Estimated from Pruna\'s published prices ({1}, {2}); the bill may differ.', cost.text, cost.source.ref, cost.source.asOf),
  };
}

// The Studio's run button shows what the run would cost, from the same price table and estimator as the agent tools.
import type { RunForm, ToWebview } from '../../shared/protocol';
import { runRequestFromForm } from '../studio/runs';
import { estimateRun } from './runTools';

export function studioEstimate(form: RunForm): Extract<ToWebview, { type: 'estimate' }> {
  const request = runRequestFromForm(form);
  if ('message' in request) return { type: 'estimate', known: false, text: '', detail: '' };
  const cost = estimateRun(request);
  if (!cost.known) return { type: 'estimate', known: false, text: 'Price unknown', detail: cost.reason };
  return {
    type: 'estimate',
    known: true,
    text: `Estimated ${cost.summary.replace(/^about /, '≈ ')}`,
    detail: `${cost.text}. Estimated from Pruna's published prices (${cost.source.ref}, ${cost.source.asOf}); the bill may differ.`,
  };
}

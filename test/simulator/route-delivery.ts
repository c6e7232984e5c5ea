// GET /v1/predictions/delivery/{path}: the output bytes with the documented headers, 410 once expired.
import { checkAuth, checkRate, type SimContext } from './context';
import { findDelivery } from './delivery';
import { envelope } from './errors';
import { answer, answerJson, type Exchange } from './http';
import { ENDPOINT_RPM } from './models';

export function deliver(ctx: SimContext, ex: Exchange, path: string): void {
  if (ctx.options.deliveryRequiresKey && !checkAuth(ctx, ex)) return;
  if (!checkRate(ctx, ex, 'delivery', ENDPOINT_RPM.delivery)) return;
  const entry = findDelivery(path);
  if (!entry) return answerJson(ex, 404, envelope(404, 'The delivery path does not exist'));
  ex.record.predictionId = entry.predictionId;
  ex.record.model = entry.model;
  if (Date.now() - entry.createdAt >= ctx.options.outputTtlMs) return answerJson(ex, 410, envelope(410));
  const output = entry.render();
  answer(
    ex,
    200,
    {
      'Content-Type': output.contentType,
      'Content-Disposition': `attachment; filename="${output.filename}"`,
      'Cache-Control': 'public, max-age=3600',
    },
    output.bytes,
  );
}

import type { Request, Response, Server } from 'restify';
import type { DeliveryStatus } from '../../services/notices/deliveries';
import type { Notices } from '../../services/notices/notices';
import { handler, jsonObjectBody, sendError } from '../http';
import { exportQuery, respond } from './export';

const STATUSES: DeliveryStatus[] = ['pending', 'sent', 'failed', 'undeliverable'];

/**
 * Staff notice routes: create (POST /api/admin/notices → {id}), send now (POST …/{id}/send → 202), status
 * and counts (GET …/{id}), the per-recipient listing (GET …/{id}/deliveries?status=…&format=csv) and the
 * latest notices (GET /api/admin/notices).
 */
export function mountNoticeRoutes(server: Server, deps: { guard: (req: Request, res: Response) => boolean; notices: Notices }): void {
  server.post('/api/admin/notices', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const body = jsonObjectBody(req);
    if (!body) return sendError(res, 400, 'BadArgument', 'The body must be a JSON object: {"kind", "title", "text", "audience", "sendAt"?}.');
    const parsed = deps.notices.parse(body);
    if (!parsed.ok) return res.send(400, { error: { code: 'BadArgument', message: 'The notice is not valid.', details: parsed.errors } });
    const notice = await deps.notices.create(parsed.input, 'admin-api');
    res.send(201, { id: notice.id, ...(notice.sendAt ? { sendAt: notice.sendAt } : {}) });
  }));

  server.get('/api/admin/notices', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    res.send(200, { notices: await deps.notices.recent(50) });
  }));

  server.post('/api/admin/notices/:id/send', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const state = await deps.notices.sendNow(String(req.params.id));
    if (!state) return sendError(res, 404, 'NotFound', 'No notice with this id.');
    res.send(202, { id: req.params.id, status: state.status });
  }));

  server.get('/api/admin/notices/:id', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const report = await deps.notices.report(String(req.params.id));
    if (!report) return sendError(res, 404, 'NotFound', 'No notice with this id.');
    res.send(200, report);
  }));

  server.get('/api/admin/notices/:id/deliveries', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const query = exportQuery(req, res);
    if (!query) return;
    const status = query.status as DeliveryStatus | undefined;
    if (status && !STATUSES.includes(status)) return sendError(res, 400, 'BadArgument', `status is one of ${STATUSES.join(', ')}.`);
    const list = await deps.notices.deliveries(String(req.params.id), status);
    if (!list) return sendError(res, 404, 'NotFound', 'No notice with this id.');
    const rows = list.map((d) => ({
      recipientId: d.recipientId,
      round: d.round,
      status: d.status,
      attempts: d.attempts,
      activityId: d.activityId,
      sentAt: d.sentAt,
      reason: d.reason,
      channelId: (d.reference as { channelId?: string }).channelId,
      conversationId: (d.reference as { conversation?: { id?: string } }).conversation?.id,
      locale: d.locale,
    }));
    respond(res, query, 'deliveries', rows, ['recipientId', 'round', 'status', 'attempts', 'activityId', 'sentAt', 'reason', 'channelId', 'conversationId', 'locale']);
  }));
}

import type { Request, Response, Server } from 'restify';
import type { Store } from '../../data/store';
import { noticeActivity } from '../../dialogs/cards/noticeCard';
import type { Notice, Round } from '../../services/model/notice';
import { resolveAudience } from '../../services/notices/audience';
import type { DeliveryStatus } from '../../services/notices/deliveries';
import type { BroadcastEngine } from '../../services/notices/engine';
import type { NoticeInputSchema, Notices } from '../../services/notices/notices';
import { noticeInScope, scopedAudience, type StaffIdentity } from '../../services/staff/access';
import type { AuditLog } from '../../services/staff/audit';
import { progressReport } from '../../services/staff/noticeProgress';
import type { z } from 'zod';
import { handler, jsonObjectBody, sendError } from '../http';
import { exportFormat, sendRows } from './exports';
import { requireStaff } from './guard';

const STATUSES: DeliveryStatus[] = ['pending', 'sent', 'failed', 'undeliverable'];
type NoticeInput = z.output<typeof NoticeInputSchema>;

const OUT_OF_SCOPE = (me: StaffIdentity) => `City department staff send to, and manage notices of, their city's enterprises only (audience: enterprises, city ${me.city}).`;

/** A notice as the engine would hold it, for the preview and the audience count (nothing is stored). */
const draft = (input: NoticeInput): Notice => ({ ...input, id: 'preview', createdAt: new Date().toISOString() });

/**
 * The console's notice routes, over the same Notices facade and engine as POST /api/admin/notices: the
 * card preview (zh and en, built by the very function the sender uses), the audience count, create
 * (schedule or send now), send, cancel, retry the failed, progress and the per-recipient table.
 */
export function mountStaffNoticeRoutes(server: Server, deps: { store: Store; notices: Notices; engine: BroadcastEngine; audit: AuditLog }): void {
  const { store, notices } = deps;
  const directory = { applicationsMatching: store.applications.listMatching.bind(store.applications), suppliersEverRated: (rating: string) => store.suppliers.everRated(rating) };

  const parsed = (req: Request, res: Response): NoticeInput | null => {
    const body = jsonObjectBody(req);
    const result = notices.parse(body ?? {});
    if (!result.ok) {
      res.send(400, { error: { code: 'BadArgument', message: 'The notice is not valid.', details: result.errors } });
      return null;
    }
    return result.input;
  };

  /** The input with the audience the person may send to (a city department's narrowed to its city); 403 otherwise. */
  const withinScope = (me: StaffIdentity, res: Response, input: NoticeInput | null): NoticeInput | null => {
    if (!input) return null;
    const audience = scopedAudience(me, input.audience);
    if (audience === null) {
      sendError(res, 403, 'OutOfScope', OUT_OF_SCOPE(me));
      return null;
    }
    // Narrowed: the city's name as the input schema has it (the identity's city is one of those names).
    return audience === input.audience ? input : { ...input, audience: audience as NoticeInput['audience'] };
  };

  /** The notice, when the person may act on it (404 / 403 sent otherwise). */
  const ownNotice = async (me: StaffIdentity, res: Response, id: string): Promise<Notice | null> => {
    const notice = await store.notices.get(id);
    if (!notice) {
      sendError(res, 404, 'NotFound', 'No notice with this id.');
      return null;
    }
    if (!noticeInScope(me, notice.audience)) {
      sendError(res, 403, 'OutOfScope', OUT_OF_SCOPE(me));
      return null;
    }
    return notice;
  };

  server.post('/staff/api/notices/preview', handler((req: Request, res: Response) => {
    if (!requireStaff(req, res, 'read')) return;
    const input = parsed(req, res);
    if (!input) return;
    const notice = draft(input);
    const view = (locale: 'zh-CN' | 'en-US') => {
      const activity = noticeActivity(notice, 'main', locale);
      const card = (activity.attachments?.[0]?.content ?? null) as { fallbackText?: string } | null;
      // The card, and the text channels without cards show (its fallback).
      return { card, text: card?.fallbackText ?? '', summary: activity.summary ?? '' };
    };
    res.send(200, { 'zh-CN': view('zh-CN'), 'en-US': view('en-US') });
  }));

  // A city department's count is of the audience it may send to: narrowed to its city, or refused.
  server.post('/staff/api/notices/count', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'read');
    if (!me) return;
    const asked = parsed(req, res);
    const input = withinScope(me, res, asked);
    if (!input) return;
    // The narrowed audience is named, so the page can say whom the number counts.
    res.send(200, { conversations: (await resolveAudience(draft(input), store.recipients, directory)).length, ...(input !== asked ? { audience: input.audience } : {}) });
  }));

  server.post('/staff/api/notices', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'send');
    if (!me) return;
    const sendNow = jsonObjectBody(req)?.sendNow === true;
    if (req.body) delete (req.body as Record<string, unknown>).sendNow;
    const input = withinScope(me, res, parsed(req, res));
    if (!input) return;
    const notice = await notices.create(input, `staff:${me.subject}`);
    await deps.audit.record(me, 'notice_created', notice.id, { kind: notice.kind, title: notice.title.zh, ...(notice.sendAt ? { sendAt: notice.sendAt } : {}) });
    if (sendNow && !notice.sendAt) {
      await notices.sendNow(notice.id);
      await deps.audit.record(me, 'notice_sent', notice.id);
    }
    res.send(201, { id: notice.id, ...(notice.sendAt ? { sendAt: notice.sendAt } : {}) });
  }));

  server.get('/staff/api/notices', handler(async (req: Request, res: Response) => {
    if (!requireStaff(req, res, 'read')) return;
    res.send(200, { notices: await notices.recent(50) });
  }));

  server.get('/staff/api/notices/:id', handler(async (req: Request, res: Response) => {
    if (!requireStaff(req, res, 'read')) return;
    const id = String(req.params.id);
    const report = await notices.report(id);
    if (!report) return sendError(res, 404, 'NotFound', 'No notice with this id.');
    res.send(200, await progressReport(report, store.deliveries));
  }));

  server.post('/staff/api/notices/:id/send', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'send');
    if (!me || !(await ownNotice(me, res, String(req.params.id)))) return;
    const state = await notices.sendNow(String(req.params.id));
    if (!state) return sendError(res, 404, 'NotFound', 'No notice with this id.');
    await deps.audit.record(me, 'notice_sent', String(req.params.id));
    res.send(202, { id: req.params.id, status: state.status });
  }));

  server.post('/staff/api/notices/:id/cancel', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'send');
    if (!me || !(await ownNotice(me, res, String(req.params.id)))) return;
    const rounds = await deps.engine.cancel(String(req.params.id));
    if (!rounds) return sendError(res, 404, 'NotFound', 'No notice with this id.');
    if (!rounds.length) return sendError(res, 409, 'NothingToCancel', 'Nothing of this notice is scheduled or being sent.');
    await deps.audit.record(me, 'notice_cancelled', String(req.params.id), { rounds: rounds.join(',') });
    res.send(200, { id: req.params.id, cancelled: rounds });
  }));

  // "Retry the failed": a new notice with the same content to the conversations whose delivery failed.
  server.post('/staff/api/notices/:id/retry', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'send');
    if (!me) return;
    const id = String(req.params.id);
    const original = await ownNotice(me, res, id);
    if (!original) return;
    const failed = [...new Set((await store.deliveries.list(id, 'failed')).map((d) => d.recipientId))];
    if (!failed.length) return sendError(res, 409, 'NothingToRetry', 'No delivery of this notice failed.');
    const { kind, title, text, period, list, deadline, event, link, attachment } = original;
    const again = notices.parse({ kind, title, text, period, list, deadline, event, link, attachment, reminders: false, audience: { type: 'conversations', ids: failed } });
    if (!again.ok) return sendError(res, 409, 'CannotRetry', again.errors.join('; '));
    const retry = await notices.create(again.input, `retry-of:${id}`);
    await notices.sendNow(retry.id);
    await deps.audit.record(me, 'notice_retried', id, { retry: retry.id, conversations: failed.length });
    res.send(202, { id: retry.id, retryOf: id, conversations: failed.length });
  }));

  server.get('/staff/api/notices/:id/deliveries', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'read');
    if (!me) return;
    const id = String(req.params.id);
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const asked = query.status;
    if (asked && asked !== 'cancelled' && !STATUSES.includes(asked as DeliveryStatus)) return sendError(res, 400, 'BadArgument', `status is one of ${[...STATUSES, 'cancelled'].join(', ')}.`);
    const format = exportFormat(query.format);
    if (!format) return sendError(res, 400, 'BadArgument', 'format is json, csv or xlsx.');
    // The recipients of a notice are enterprises' conversations: a city department sees only its own notices'.
    const notice = await ownNotice(me, res, id);
    if (!notice) return;
    // What a cancel kept from being sent stays a pending record of a cancelled round: shown (and filtered) as cancelled.
    const cancelledRound = (round: string) => notice.rounds?.[round as Round]?.status === 'cancelled';
    const status: DeliveryStatus | undefined = asked === 'cancelled' ? 'pending' : (asked as DeliveryStatus | undefined);
    const columns = ['recipientId', 'round', 'status', 'attempts', 'sentAt', 'reason', 'channelId', 'conversationId', 'locale'];
    const flat = (d: { recipientId: string; round: string; status: string; attempts: number; sentAt?: string; reason?: string; reference: Record<string, unknown>; locale: string }) => ({
      recipientId: d.recipientId, round: d.round, status: d.status === 'pending' && cancelledRound(d.round) ? 'cancelled' : d.status, attempts: d.attempts, sentAt: d.sentAt ?? '', reason: d.reason ?? '',
      channelId: (d.reference as { channelId?: string }).channelId ?? '', conversationId: (d.reference as { conversation?: { id?: string } }).conversation?.id ?? '', locale: d.locale,
    });
    const wanted = (row: { status: string }) => !asked || row.status === asked;
    if (format !== 'json') return sendRows(res, format, `deliveries-${id}`, (await store.deliveries.list(id, status)).map(flat).filter(wanted), columns);
    const size = Math.min(200, Math.max(1, Number(query.size) || 50));
    const page = await store.deliveryPages.page(id, { status, after: query.after || undefined, size });
    res.send(200, { deliveries: page.rows.map(flat).filter(wanted), ...(page.next ? { next: page.next } : {}) });
  }));
}

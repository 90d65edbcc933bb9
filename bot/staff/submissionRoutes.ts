import type { Request, Response, Server } from 'restify';
import type { Submission, SubmissionType } from '../../services/applications/submissions';
import type { AuditLog } from '../../services/staff/audit';
import { CASE_STATES, HANDLED_TYPES, type CaseState, type DeskRefusal, type QueueItem, type SubmissionDesk } from '../../services/staff/submissionDesk';
import type { EvidenceKeeper } from '../../services/evidence/evidence';
import { sendAttachment } from '../download';
import { handler, jsonObjectBody, sendError } from '../http';
import { exportFormat, sendRows } from './exports';
import { requireStaff } from './guard';

const REFUSALS: Record<DeskRefusal, [number, string, string]> = {
  not_found: [404, 'NotFound', 'No such submission (or it is outside your city).'],
  final: [409, 'AlreadySettled', 'This submission was already answered or rejected.'],
  conflict: [409, 'Conflict', 'Someone else changed this submission just now; reload it.'],
  empty_reply: [400, 'BadArgument', 'Write a reply to send.'],
};

const flat = (i: QueueItem) => ({
  receiptNo: i.submission.receiptNo, type: i.submission.type, createdAt: i.submission.createdAt, city: i.city ?? '', state: i.state,
  assignee: i.assignee ?? '', due: i.due ?? '', overdue: i.overdue, reply: i.reply ?? '', ...i.submission.fields,
});

/**
 * A queue item as the console receives it: what the page shows and nothing else — the submission's receipt
 * number, type, time, language and fields, and of each kept file its name, type, size and the route that
 * serves it to staff who may see the submission. Never the hash of an objection letter's secret, the file's
 * checksum or store id on their own, the channel's own link (reachable without our sign-in), nor the filer's
 * user key.
 */
export function shownItem<T extends QueueItem>(item: T) {
  const shown = ({ receiptNo, type, createdAt, locale, fields, evidence }: Submission) => ({
    receiptNo, type, createdAt, locale, fields,
    evidence: evidence.map((file) => ({
      name: file.name, contentType: file.contentType, ...(file.size !== undefined ? { size: file.size } : {}),
      ...(file.fileId ? { download: `/staff/api/submissions/${encodeURIComponent(receiptNo)}/evidence/${encodeURIComponent(file.fileId)}` } : {}),
    })),
  });
  return { ...item, submission: shown(item.submission) };
}

/** The console's queue of objections, recusal requests and change reports, scoped to the viewer's city. */
export function mountStaffSubmissionRoutes(server: Server, deps: { desk: SubmissionDesk; audit: AuditLog; evidence?: Pick<EvidenceKeeper, 'read'> }): void {
  server.get('/staff/api/submissions', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'read');
    if (!me) return;
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const type = query.type as SubmissionType | undefined;
    const state = query.state as CaseState | undefined;
    if (type && !HANDLED_TYPES.includes(type)) return sendError(res, 400, 'BadArgument', `type is one of ${HANDLED_TYPES.join(', ')}.`);
    if (state && !CASE_STATES.includes(state)) return sendError(res, 400, 'BadArgument', `state is one of ${CASE_STATES.join(', ')}.`);
    const format = exportFormat(query.format);
    if (!format) return sendError(res, 400, 'BadArgument', 'format is json, csv or xlsx.');
    const items = await deps.desk.queue(me, { type, state });
    await sendRows(res, format, 'submissions', items.map(flat), ['receiptNo', 'type', 'createdAt', 'city', 'state', 'assignee', 'due', 'overdue', 'target', 'review', 'expert', 'kind', 'since', 'detail', 'reason', 'organisation', 'contact', 'phone', 'reply'], () => ({ submissions: items.map(shownItem) }));
  }));

  server.get('/staff/api/submissions/:receiptNo', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'read');
    if (!me) return;
    const item = await deps.desk.get(me, String(req.params.receiptNo));
    if (!item) return sendError(res, ...REFUSALS.not_found);
    res.send(200, shownItem(item));
  }));

  // An evidence file of a submission the person may see (a city department: its own city's); the file must
  // belong to that submission, so a file id alone opens nothing.
  server.get('/staff/api/submissions/:receiptNo/evidence/:fileId', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'read');
    if (!me) return;
    const item = await deps.desk.get(me, String(req.params.receiptNo));
    if (!item) return sendError(res, ...REFUSALS.not_found);
    const fileId = String(req.params.fileId);
    const found = item.submission.evidence.some((e) => e.fileId === fileId) && deps.evidence ? await deps.evidence.read(fileId) : null;
    if (!found) return sendError(res, 404, 'NotFound', 'This submission has no evidence file with this id.');
    await deps.audit.record(me, 'evidence_downloaded', item.submission.receiptNo, { file: found.meta.name });
    sendAttachment(res, { name: found.meta.name, contentType: found.meta.contentType, data: found.data });
  }));

  server.post('/staff/api/submissions/:receiptNo/review', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'answer');
    if (!me) return;
    const assignee = jsonObjectBody(req)?.assignee;
    const result = await deps.desk.review(me, String(req.params.receiptNo), typeof assignee === 'string' ? assignee : undefined);
    if (typeof result === 'string') return sendError(res, ...REFUSALS[result]);
    await deps.audit.record(me, 'submission_review', result.submission.receiptNo, { assignee: result.assignee ?? '' });
    res.send(200, shownItem(result));
  }));

  server.post('/staff/api/submissions/:receiptNo/answer', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'answer');
    if (!me) return;
    const body = jsonObjectBody(req) ?? {};
    const outcome = body.outcome === 'rejected' ? 'rejected' : body.outcome === undefined || body.outcome === 'answered' ? 'answered' : null;
    if (!outcome) return sendError(res, 400, 'BadArgument', 'outcome is answered or rejected.');
    if (typeof body.reply !== 'string') return sendError(res, 400, 'BadArgument', 'The body must be {"reply", "outcome"?, "assignee"?}.');
    const result = await deps.desk.answer(me, String(req.params.receiptNo), outcome, body.reply, typeof body.assignee === 'string' ? body.assignee : undefined);
    if (typeof result === 'string') return sendError(res, ...REFUSALS[result]);
    await deps.audit.record(me, outcome === 'answered' ? 'submission_answered' : 'submission_rejected', result.submission.receiptNo, { delivered: result.delivered, ...(result.replyNoticeId ? { notice: result.replyNoticeId } : {}) });
    res.send(200, shownItem(result));
  }));
}

import type { Request, Response, Server } from 'restify';
import type { SubmissionType, Submissions } from '../../services/applications/submissions';
import { handler, sendError } from '../http';
import { exportQuery, respond } from './export';
import type { EvidenceKeeper } from '../../services/evidence/evidence';
import { sendAttachment } from '../download';

const TYPES: SubmissionType[] = ['objection', 'recusal', 'change_report', 'event_signup'];
const FIELDS = ['noticeId', 'event', 'target', 'review', 'expert', 'kind', 'since', 'detail', 'reason', 'organisation', 'contact', 'phone', 'evidence'];

/** Staff list of objections, recusal requests and change reports: `?type=objection&format=csv`. */
export function mountSubmissionRoutes(server: Server, deps: { guard: (req: Request, res: Response) => boolean; submissions: Submissions; evidence?: EvidenceKeeper; publicBaseUrl?: string }): void {
  /** Where staff download a kept evidence file (behind the admin token). */
  const evidencePath = (fileId: string) => `${deps.publicBaseUrl ?? ''}/api/admin/evidence/${encodeURIComponent(fileId)}`;

  server.get('/api/admin/submissions', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const query = exportQuery(req, res);
    if (!query) return;
    const type = query.type as SubmissionType | undefined;
    if (type && !TYPES.includes(type)) return sendError(res, 400, 'BadArgument', `type is one of ${TYPES.join(', ')}.`);
    const list = await deps.submissions.list(type);
    // JSON keeps each submission whole (fields, evidence files); CSV flattens it into columns.
    if ((query.format ?? 'json') === 'json') {
      // Never the hash of an objection letter's secret (it would let anyone test guesses offline).
      return res.send(200, { submissions: list.map(({ letterTokenHash: _letterSecretHash, ...s }) => ({ ...s, evidence: s.evidence.map(({ url: _channelUrl, ...e }) => ({ ...e, ...(e.fileId ? { download: evidencePath(e.fileId) } : {}) })) })) });
    }
    const rows = list.map((s) => ({
      receiptNo: s.receiptNo, type: s.type, createdAt: s.createdAt, locale: s.locale, channelUser: s.userKey, ...s.fields,
      // Only files the bot kept itself, by their staff download path; a channel's link is never exported.
      files: s.evidence.map((e) => `${e.name} (${e.contentType})${e.fileId ? ` ${evidencePath(e.fileId)}` : ''}`).join('; '),
    }));
    respond(res, query, 'submissions', rows, ['receiptNo', 'type', 'createdAt', 'locale', 'channelUser', ...FIELDS, 'files']);
  }));

  server.get('/api/admin/evidence/:fileId', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const found = deps.evidence ? await deps.evidence.read(String(req.params.fileId)) : null;
    if (!found) return sendError(res, 404, 'NotFound', 'No evidence file with this id.');
    sendAttachment(res, { name: found.meta.name, contentType: found.meta.contentType, data: found.data });
  }));
}

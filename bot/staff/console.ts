import type { Request, Response, Server } from 'restify';
import type { Store } from '../../data/store';
import { t } from '../../services/i18n';
import type { Notices } from '../../services/notices/notices';
import { allowedActions } from '../../services/staff/access';
import { AuditLog } from '../../services/staff/audit';
import { SubmissionCities } from '../../services/staff/submissionCity';
import { SubmissionDesk } from '../../services/staff/submissionDesk';
import type { Submissions } from '../../services/applications/submissions';
import { shanghaiDay } from '../../services/calendar';
import type { Config } from '../config';
import { handler, sendError } from '../http';
import { exportFormat, sendRows } from './exports';
import { requireStaff } from './guard';
import type { StaffSignIn } from './identity';
import { mountConsolePage } from './page';
import { mountStaffSubmissionRoutes } from './submissionRoutes';
import { mountImportRoutes } from './importRoutes';
import { mountStaffNoticeRoutes } from './noticeRoutes';
import type { BroadcastEngine } from '../../services/notices/engine';
import { sheetWriter, type SheetWriterDeps } from './sheetWriters';
import type { Logger } from '../logger';
import type { EvidenceKeeper } from '../../services/evidence/evidence';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Entra's authorize endpoint from its v2 issuer (…/<tenant>/v2.0 → …/<tenant>/oauth2/v2.0/authorize). */
export function authorizeUrlOf(issuer: string): string {
  return issuer.replace(/\/v2\.0\/?$/, '') + '/oauth2/v2.0/authorize';
}

export interface StaffConsole {
  audit: AuditLog;
  desk: SubmissionDesk;
}

/** The staff console (/staff) and its routes (/staff/api/*), over the same services as the admin API. */
export function mountStaffConsole(
  server: Server,
  deps: { config: Config; store: Store; signIn: StaffSignIn; notices: Notices; engine: BroadcastEngine; submissions: Submissions; log: Logger; evidence?: Pick<EvidenceKeeper, 'read'> } & Omit<SheetWriterDeps, 'store'>,
): StaffConsole {
  const { config, store } = deps;
  const audit = new AuditLog(store.audit);
  const desk = new SubmissionDesk({
    submissions: deps.submissions,
    cases: store.submissionCases,
    cities: new SubmissionCities(store.applications, store.bindings),
    noticeRepository: store.notices,
    notices: deps.notices,
    recipients: store.recipients,
    heading: { zh: t('zh-CN', 'submissionReplyTitle'), en: t('en-US', 'submissionReplyTitle') },
  });

  mountConsolePage(server, () => ({
    token: Boolean(config.adminToken),
    ...(config.staffOidc ? { oidc: { clientId: config.staffOidc.clientId, authorizeUrl: config.staffOidc.authorizeUrl ?? authorizeUrlOf(config.staffOidc.issuer) } } : {}),
    ...(config.staffOidc?.tab ? { teams: { clientId: config.staffOidc.tab.clientId } } : {}),
  }));

  // The page calls this once when someone signs in: the identity to show, what it may do (the page shows
  // only those tabs and controls, from the table the routes check), and the sign-in's audit entry.
  server.post('/staff/api/me', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'read');
    if (!me) return;
    await audit.record(me, 'sign_in', undefined, { via: me.via });
    res.send(200, { identity: me, allowed: allowedActions(me) });
  }));
  server.get('/staff/api/me', handler((req: Request, res: Response) => {
    const me = requireStaff(req, res, 'read');
    if (me) res.send(200, { identity: me, allowed: allowedActions(me) });
  }));

  server.get('/staff/api/audit', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'administer');
    if (!me) return;
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const today = shanghaiDay(new Date());
    const from = query.from ?? today;
    const to = query.to ?? from;
    if (!DAY.test(from) || !DAY.test(to)) return sendError(res, 400, 'BadArgument', 'from and to are days: YYYY-MM-DD.');
    const format = exportFormat(query.format);
    if (!format) return sendError(res, 400, 'BadArgument', 'format is json, csv or xlsx.');
    const entries = await audit.list(from, to);
    await sendRows(res, format, 'entries', entries.map((e) => ({ ...e, details: e.details ? JSON.stringify(e.details) : '' })), ['at', 'who', 'whoName', 'role', 'city', 'action', 'target', 'details']);
  }));

  mountStaffSubmissionRoutes(server, { desk, audit, evidence: deps.evidence });
  mountStaffNoticeRoutes(server, { store, notices: deps.notices, engine: deps.engine, audit });
  mountImportRoutes(server, {
    taxonomy: deps.taxonomy,
    writer: (kind) => sheetWriter(kind, { store, taxonomy: deps.taxonomy, catalog: deps.catalog, announce: deps.announce }),
    audit,
    onError: (err) => deps.log.error({ err }, 'a sheet import failed'),
  });
  return { audit, desk };
}

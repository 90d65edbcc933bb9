import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { TaxonomyNames } from '../../services/catalog/importSuppliers';
import type { ImportReport } from '../../services/model/validation';
import type { AuditLog } from '../../services/staff/audit';
import { checkSheet, importChecked, type SheetCheck } from '../../services/staff/sheetImport';
import { missingHeaders, type SheetKind } from '../../services/staff/sheetRows';
import { handler, jsonObjectBody, sendError } from '../http';
import { requireStaff } from './guard';
import { readSheets, templateWorkbook, UnreadableSheet } from './sheets';

const KINDS: SheetKind[] = ['catalog', 'applications'];
const KEEP_MS = 30 * 60_000;
const MAX_ROWS = 20_000;

const MAX_BYTES = 8 * 1024 * 1024;
const TOO_LARGE = Symbol('tooLarge');

/** restify's body reader leaves application/octet-stream to the route: read it here, within the size limit. */
async function streamedBody(req: Request): Promise<Buffer | typeof TOO_LARGE> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) return TOO_LARGE;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

interface ImportJob {
  id: string;
  kind: SheetKind;
  name: string;
  by: string;
  at: number;
  check: SheetCheck;
  state: 'checked' | 'importing' | 'done' | 'refused' | 'failed';
  written: number;
  result?: { imported: number; rejected: number; written: boolean };
}

const summary = (job: ImportJob) => ({
  id: job.id, kind: job.kind, name: job.name, state: job.state, total: job.check.total, valid: job.check.valid,
  rejected: job.check.rejected, written: job.written, ...(job.result ? { result: job.result } : {}),
});

/**
 * Excel/CSV imports in two steps: upload → the check (rows refused, with row numbers and reasons; nothing
 * written) → import (optionally all or nothing), written in chunks whose progress the page polls. A checked
 * upload is kept in this instance's memory for 30 minutes (the page talks to one instance at a time).
 */
export function mountImportRoutes(
  server: Server,
  deps: { taxonomy: TaxonomyNames; writer: (kind: SheetKind) => (records: Record<string, unknown>[]) => Promise<ImportReport>; audit: AuditLog; onError: (err: unknown) => void },
): void {
  const jobs = new Map<string, ImportJob>();
  const forget = () => {
    for (const [id, job] of jobs) if (Date.now() - job.at > KEEP_MS && job.state !== 'importing') jobs.delete(id);
  };

  server.get('/staff/templates/:file', handler(async (req: Request, res: Response) => {
    const kind = /^(catalog|applications)\.xlsx$/.exec(String(req.params.file))?.[1] as SheetKind | undefined;
    if (!kind) return sendError(res, 404, 'NotFound', 'Templates: catalog.xlsx, applications.xlsx.');
    const body = await templateWorkbook(kind);
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-length': body.length,
      'content-disposition': `attachment; filename="${kind}-template.xlsx"`,
    });
    res.end(body);
  }));

  // The file is the request body (application/octet-stream or text/csv), its name in ?name=.
  server.post('/staff/api/imports', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'import');
    if (!me) return;
    forget();
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const kind = query.kind as SheetKind | undefined;
    const name = (query.name ?? '').trim();
    if (!kind || !KINDS.includes(kind)) return sendError(res, 400, 'BadArgument', 'kind is catalog or applications.');
    const body: unknown = req.body ?? (await streamedBody(req));
    if (body === TOO_LARGE) return sendError(res, 413, 'TooLarge', `Files up to ${MAX_BYTES / 1024 / 1024} MB.`);
    const file = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body, 'utf8') : null;
    if (!file?.length) return sendError(res, 400, 'BadArgument', 'Send the file as the request body, its name in ?name=.');
    let read;
    try {
      read = await readSheets(kind, file, name);
    } catch (err) {
      if (err instanceof UnreadableSheet) return sendError(res, 400, 'UnreadableFile', err.message);
      throw err;
    }
    const missing = missingHeaders(kind, read.headers);
    if (missing.length) return sendError(res, 400, 'WrongColumns', `The first sheet lacks the columns: ${missing.join('、')}. Start from the template.`);
    const rows = Object.values(read.sheets).reduce((n, r) => n + r.length, 0);
    if (rows > MAX_ROWS) return sendError(res, 413, 'TooLarge', `At most ${MAX_ROWS} rows per file; split it.`);
    const check = await checkSheet(kind, read.sheets, kind === 'catalog' ? deps.taxonomy : undefined);
    const job: ImportJob = { id: randomUUID(), kind, name, by: me.subject, at: Date.now(), check, state: 'checked', written: 0 };
    jobs.set(job.id, job);
    res.send(200, summary(job));
  }));

  server.get('/staff/api/imports/:id', handler((req: Request, res: Response) => {
    const me = requireStaff(req, res, 'import');
    if (!me) return;
    const job = jobs.get(String(req.params.id));
    if (!job || job.by !== me.subject) return sendError(res, 404, 'NotFound', 'No such upload (uploads are kept 30 minutes).');
    res.send(200, summary(job));
  }));

  server.post('/staff/api/imports/:id/commit', handler(async (req: Request, res: Response) => {
    const me = requireStaff(req, res, 'import');
    if (!me) return;
    const job = jobs.get(String(req.params.id));
    if (!job || job.by !== me.subject) return sendError(res, 404, 'NotFound', 'No such upload (uploads are kept 30 minutes).');
    if (job.state !== 'checked') return sendError(res, 409, 'AlreadyImported', 'This upload was imported already.');
    const allOrNothing = jsonObjectBody(req)?.allOrNothing !== false;
    if (allOrNothing && job.check.rejected.length) {
      job.state = 'refused';
      job.result = { imported: 0, rejected: job.check.rejected.length, written: false };
      await deps.audit.record(me, 'import', job.name, { kind: job.kind, imported: 0, rejected: job.check.rejected.length, refused: true });
      return res.send(200, summary(job));
    }
    job.state = 'importing';
    res.send(202, summary(job));
    const write = deps.writer(job.kind);
    importChecked(job.check, { allOrNothing }, write, (p) => (job.written = p.written))
      .then(async (result) => {
        job.result = result;
        job.state = 'done';
        await deps.audit.record(me, 'import', job.name, { kind: job.kind, imported: result.imported, rejected: result.rejected });
      })
      .catch((err: unknown) => {
        job.state = 'failed';
        deps.onError(err);
      });
  }));
}

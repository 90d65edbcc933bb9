import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'restify';
import { sendError } from '../http';

export type Query = Record<string, string | undefined>;

/** The query of an export route, or null (after a 400) when `format` is neither json nor csv. */
export function exportQuery(req: Request, res: Response): Query | null {
  const query = (req.query ?? {}) as Query;
  if (query.format && query.format !== 'json' && query.format !== 'csv') {
    sendError(res, 400, 'BadArgument', 'format is json or csv.');
    return null;
  }
  return query;
}

/** JSON by default; `?format=csv` for a spreadsheet (UTF-8 with BOM, so Excel reads Chinese). */
export function respond(res: Response, query: Query, name: string, rows: Record<string, unknown>[], columns: string[]): void {
  if ((query.format ?? 'json') === 'json') return void res.send(200, { [name]: rows });
  const csv = stringify(rows.map((r) => columns.map((c) => r[c] ?? '')), { header: true, columns, bom: true });
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });
  res.end(csv);
}

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
  sendCsv(res, name, rows.map((r) => columns.map((c) => r[c] ?? '')), columns);
}

/**
 * Every export's CSV: UTF-8 with BOM (Excel reads Chinese), and any cell starting with = + - @ or a tab is
 * prefixed with ' (csv-stringify's escape_formulas), so text a user typed (`=HYPERLINK(…)`) never runs as a
 * formula in a staff member's spreadsheet.
 */
export function sendCsv(res: Response, filename: string, rows: unknown[][], columns: string[]): void {
  const csv = stringify(rows, { header: true, columns, bom: true, escape_formulas: true });
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}.csv"`, 'x-content-type-options': 'nosniff' });
  res.end(csv);
}

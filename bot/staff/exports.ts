import type { Response } from 'restify';
import { csvOf, xlsxOf } from './sheets';

export type ExportFormat = 'json' | 'csv' | 'xlsx';

export function exportFormat(raw: unknown): ExportFormat | null {
  const value = raw === undefined || raw === '' ? 'json' : raw;
  return value === 'json' || value === 'csv' || value === 'xlsx' ? value : null;
}

/** The console's exports: JSON, or CSV/xlsx for a spreadsheet with formulas escaped (nobody's text runs). */
export async function sendRows(res: Response, format: ExportFormat, name: string, rows: Record<string, unknown>[], columns: string[], json: () => unknown = () => ({ [name]: rows })): Promise<void> {
  if (format === 'json') return void res.send(200, json());
  const body = format === 'csv' ? Buffer.from(csvOf(columns, rows), 'utf8') : await xlsxOf(name, columns, rows);
  res.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-length': body.length,
    'content-disposition': `attachment; filename="${name}.${format}"`,
  });
  res.end(body);
}

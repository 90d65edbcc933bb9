import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { LAYOUTS, type SheetKind, type SheetRow } from '../../services/staff/sheetRows';

/** The file could not be read as a spreadsheet (said to staff as is). */
export class UnreadableSheet extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableSheet';
  }
}

/** A cell as text: numbers as written, dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 16 : 10).replace('T', ' ');
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

function rowsOf(sheet: ExcelJS.Worksheet): SheetRow[] {
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = cellText(cell.value).trim()));
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: Record<string, string> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const header = headers[col];
      if (header) cells[header] = cellText(cell.value);
    });
    if (Object.values(cells).some((v) => v.trim())) rows.push({ row: number, cells });
  });
  return rows;
}

/**
 * Reads an uploaded .xlsx (every sheet, by name) or .csv (the kind's main sheet) into rows by header, each
 * with the row number Excel shows. The first sheet of an .xlsx counts as the main one whatever its name.
 */
export async function readSheets(kind: SheetKind, file: Buffer, filename: string): Promise<{ sheets: Record<string, SheetRow[]>; headers: string[] }> {
  const main = LAYOUTS[kind].sheets[0]!.name;
  if (/\.csv$/i.test(filename)) {
    let records: string[][];
    try {
      records = parse(file, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
    } catch (err) {
      throw new UnreadableSheet(`Not a readable CSV file: ${(err as Error).message.split('\n')[0]}`);
    }
    const headers = (records[0] ?? []).map((h) => h.trim());
    const rows: SheetRow[] = [];
    records.slice(1).forEach((values, i) => {
      const cells: Record<string, string> = Object.fromEntries(headers.map((h, c) => [h, values[c] ?? '']).filter(([h]) => h));
      if (Object.values(cells).some((v) => v.trim())) rows.push({ row: i + 2, cells });
    });
    return { sheets: { [main]: rows }, headers };
  }
  if (!/\.xlsx$/i.test(filename)) throw new UnreadableSheet('Upload an .xlsx or a .csv file.');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableSheet('Not a readable .xlsx file (is it an Excel workbook saved as .xlsx?).');
  }
  const sheets: Record<string, SheetRow[]> = {};
  let headers: string[] = [];
  workbook.worksheets.forEach((sheet, i) => {
    const name = i === 0 ? main : sheet.name.trim();
    sheets[name] = rowsOf(sheet);
    if (i === 0) sheet.getRow(1).eachCell((cell) => headers.push(cellText(cell.value).trim()));
  });
  headers = headers.filter(Boolean);
  return { sheets, headers };
}

/** The template workbook: one sheet per layout sheet, Chinese headers (required ones bold), an example as each header's note. */
export async function templateWorkbook(kind: SheetKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '资源池助手';
  for (const layout of LAYOUTS[kind].sheets) {
    const sheet = workbook.addWorksheet(layout.name);
    sheet.columns = layout.columns.map((c) => ({ header: c.header, key: c.field, width: Math.max(14, c.header.length * 2 + 4) }));
    layout.columns.forEach((c, i) => {
      const cell = sheet.getRow(1).getCell(i + 1);
      cell.font = { bold: Boolean(c.required), color: c.required ? { argb: 'FFB4261A' } : undefined };
      cell.note = `${c.required ? '必填。' : ''}例：${c.example || '（可空）'}`;
      sheet.getColumn(i + 1).numFmt = '@'; // text, so credit codes and codes keep their letters and zeros
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A cell that a spreadsheet would run as a formula (= + - @, tab, carriage return first) gets a leading
 * quote, the same escape csv-stringify's escape_formulas applies, so an export never runs what someone typed.
 */
export function escapeFormula(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Rows as an .xlsx workbook of one sheet, text escaped against formulas. */
export async function xlsxOf(sheetName: string, columns: string[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(columns).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => escapeFormula(row[c] ?? '')) as ExcelJS.CellValue[]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rows as CSV (UTF-8 with BOM for Excel), formulas escaped. */
export function csvOf(columns: string[], rows: Record<string, unknown>[]): string {
  return stringify(rows.map((r) => columns.map((c) => r[c] ?? '')), { header: true, columns, bom: true, escape_formulas: true });
}

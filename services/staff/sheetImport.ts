import { importSuppliers, type TaxonomyNames } from '../catalog/importSuppliers';
import { ApplicationSchema } from '../model/application';
import { partitionValid, type ImportReport } from '../model/validation';
import type { SupplierRepository } from '../ports';
import { reasonText, rowReason, type RowReason } from './rowReasons';
import { applicationRecords, catalogRecords, LAYOUTS, type MappedSheet, type SheetKind, type SheetRow } from './sheetRows';

export interface RejectedRow {
  /** The row number Excel shows (the header is row 1). */
  row: number;
  sheet: string;
  /** Each reason by its column, in Chinese and English. */
  reasons: RowReason[];
  /** The reasons in Chinese, one line each (the shell import prints them). */
  errors: string[];
}

function refusedRow(kind: SheetKind, row: number, sheet: string, errors: string[]): RejectedRow {
  const reasons = errors.map((e) => rowReason(kind, e));
  const unique = reasons.filter((r, i) => reasons.findIndex((o) => o.column === r.column && o.zh === r.zh) === i);
  return { row, sheet, reasons: unique, errors: unique.map((r) => reasonText(r, 'zh-CN')) };
}

/** What an uploaded sheet would import, before anything is written. */
export interface SheetCheck {
  kind: SheetKind;
  total: number;
  valid: number;
  rejected: RejectedRow[];
  /** The records that passed, in file order (what an import writes). */
  good: Record<string, unknown>[];
}

/** A catalog that only counts: validation runs through importSuppliers itself, so the rules are the API's. */
const DRY_CATALOG: SupplierRepository = {
  upsertMany: async (suppliers) => suppliers.length,
  get: async () => null,
  count: async () => 0,
  listAll: async () => [],
  everRated: async () => [],
  getMany: async () => [],
};

export function mapSheet(kind: SheetKind, sheets: Record<string, SheetRow[]>): MappedSheet {
  return kind === 'catalog' ? catalogRecords(sheets) : applicationRecords(sheets);
}

/**
 * Validates every row with the same rules as PUT /api/admin/catalog (importSuppliers: shape, credit code
 * check character, ratings, taxonomy names) or PUT /api/admin/applications (importApplications' schema),
 * and says which rows would be refused and why, in the sheet's words (rowReasons). Writes nothing.
 */
export async function checkSheet(kind: SheetKind, sheets: Record<string, SheetRow[]>, taxonomy?: TaxonomyNames): Promise<SheetCheck> {
  const mapped = mapSheet(kind, sheets);
  const records = mapped.records.map((r) => r.record);
  const report: Pick<ImportReport, 'rejected'> = kind === 'catalog' ? await importSuppliers(DRY_CATALOG, records, taxonomy) : partitionValid(ApplicationSchema, records);
  const refused = new Set(report.rejected.map((r) => r.index));
  const mainSheet = LAYOUTS[kind].sheets[0]!.name;
  const rejected: RejectedRow[] = [
    ...mapped.rejected.map((r) => refusedRow(kind, r.row, r.sheet, r.errors)),
    ...report.rejected.map((r) => refusedRow(kind, mapped.records[r.index]!.row, mainSheet, r.errors)),
  ].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  const good = records.filter((_, i) => !refused.has(i));
  const total = mapped.records.length + mapped.rejected.filter((r) => r.sheet === mainSheet).length;
  return { kind, total, valid: good.length, rejected, good };
}

export interface SheetImportProgress {
  written: number;
  total: number;
}

/**
 * Imports what a check passed, in chunks (progress after each), through `write` — the same import the API
 * runs. All or nothing: one refused row and nothing is written.
 */
export async function importChecked(
  check: SheetCheck,
  options: { allOrNothing: boolean; chunk?: number },
  write: (records: Record<string, unknown>[]) => Promise<ImportReport>,
  onProgress: (progress: SheetImportProgress) => void = () => {},
): Promise<{ imported: number; rejected: number; written: boolean }> {
  if (options.allOrNothing && check.rejected.length) return { imported: 0, rejected: check.rejected.length, written: false };
  const size = options.chunk ?? 500;
  let imported = 0;
  for (let i = 0; i < check.good.length; i += size) {
    imported += (await write(check.good.slice(i, i + size))).imported;
    onProgress({ written: Math.min(i + size, check.good.length), total: check.good.length });
  }
  return { imported, rejected: check.rejected.length, written: imported > 0 };
}

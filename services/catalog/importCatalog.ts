import type { ImportReport } from '../model/validation';
import type { SupplierRepository } from '../ports';
import type { CatalogChangeLog } from './changeLog';
import type { CatalogIndex } from './catalogIndex';
import { validateSuppliers, type TaxonomyNames } from './importSuppliers';

export interface CatalogImportDeps {
  suppliers: SupplierRepository;
  changes: CatalogChangeLog;
  /** This instance's matching index (absent in a shell import: other instances follow the change log). */
  catalog?: CatalogIndex;
  onIndexError?: (err: unknown) => void;
}

/**
 * One chunk of a catalog import, as PUT /api/admin/catalog and the staff console's sheets both do it: validate,
 * write the good suppliers, log them as one change (every instance's index follows the log), and let this
 * instance's index take what was written at once.
 */
export async function importCatalogChunk(deps: CatalogImportDeps, records: unknown[], taxonomy?: TaxonomyNames): Promise<ImportReport> {
  const { good, rejected } = validateSuppliers(records, taxonomy);
  const codes = good.map((s) => s.creditCode);
  try {
    await deps.suppliers.upsertMany(good);
  } catch (err) {
    // Part of the chunk may be written: logged as a change, every index catches up with what is there.
    await deps.changes.append(codes).catch(() => undefined);
    throw err;
  }
  const seq = await deps.changes.append(codes);
  // The index takes what was written in the background: the answer does not wait for it.
  deps.catalog?.wrote(good, seq).catch((err: unknown) => deps.onIndexError?.(err));
  return { imported: good.length, rejected };
}

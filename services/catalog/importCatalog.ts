import type { Supplier } from '../model/supplier';
import type { ImportReport } from '../model/validation';
import type { SupplierRepository } from '../ports';
import type { CatalogChangeLog } from './changeLog';
import type { CatalogIndex } from './catalogIndex';
import { validateSuppliers, type TaxonomyNames } from './importSuppliers';
import { inTimedSteps } from './slices';

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
  const { good, rejected } = await validateInSteps(records, taxonomy);
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

/**
 * Validation of a 2 000-supplier chunk takes 60–230 ms on a loaded machine: done record by record in steps of
 * about 10 ms, so a match request that arrives meanwhile waits for one step, not for the whole chunk.
 */
async function validateInSteps(records: unknown[], taxonomy?: TaxonomyNames): Promise<{ good: Supplier[]; rejected: ImportReport['rejected'] }> {
  const good: Supplier[] = [];
  const rejected: ImportReport['rejected'] = [];
  await inTimedSteps(records, (record, index) => {
    const one = validateSuppliers([record], taxonomy);
    good.push(...one.good);
    rejected.push(...one.rejected.map((r) => ({ ...r, index })));
  });
  return { good, rejected };
}

import type { Store } from '../../data/store';
import { importApplications, type StageChange } from '../../services/applications/importApplications';
import type { TaxonomyNames } from '../../services/catalog/importSuppliers';
import { importCatalogChunk, type CatalogImportDeps } from '../../services/catalog/importCatalog';
import type { ImportReport } from '../../services/model/validation';
import type { SheetKind } from '../../services/staff/sheetRows';

export interface SheetWriterDeps {
  store: Store;
  taxonomy: TaxonomyNames;
  /** The catalog's change log and this instance's index (every other instance follows the log). */
  catalog: Omit<CatalogImportDeps, 'suppliers'>;
  /** Tells bound users of stage changes (the bot's delivery engine); absent from the shell, which says so. */
  announce?: (changes: StageChange[]) => Promise<unknown>;
}

/** The writes a sheet import makes: the very imports PUT /api/admin/catalog and /applications run. */
export function sheetWriter(kind: SheetKind, deps: SheetWriterDeps): (records: Record<string, unknown>[]) => Promise<ImportReport & { stageChanges?: number }> {
  if (kind === 'catalog') {
    return (records) => importCatalogChunk({ ...deps.catalog, suppliers: deps.store.suppliers }, records, deps.taxonomy);
  }
  return async (records) => {
    const { imported, rejected, changes } = await importApplications(deps.store.applications, records);
    if (deps.announce) await deps.announce(changes);
    return { imported, rejected, stageChanges: changes.length };
  };
}

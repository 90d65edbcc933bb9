import { SupplierSchema } from '../model/supplier';
import { partitionValid, type ImportReport } from '../model/validation';
import type { SupplierRepository } from '../ports';

/** Validates every record and upserts the good ones by credit code; a catalog may arrive in several chunks. */
export async function importSuppliers(repo: SupplierRepository, records: unknown[]): Promise<ImportReport> {
  const { valid, rejected } = partitionValid(SupplierSchema, records);
  const imported = await repo.upsertMany(valid.map((v) => v.value));
  return { imported, rejected };
}

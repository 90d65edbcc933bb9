import { SupplierSchema, type Supplier } from '../model/supplier';
import { partitionValid, type ImportReport } from '../model/validation';
import type { SupplierRepository } from '../ports';

/** The canonical names a catalog may use (taxonomy.json). */
export interface TaxonomyNames {
  serviceCategories: string[];
  industries: string[];
}

/** Names outside the taxonomy, as readable errors with their paths. */
export function taxonomyErrors(s: Supplier, taxonomy: TaxonomyNames): string[] {
  const categories = new Set(taxonomy.serviceCategories);
  const industries = new Set(taxonomy.industries);
  const errors: string[] = [];
  s.serviceCategories.forEach((c, i) => categories.has(c) || errors.push(`serviceCategories.${i}: unknown service category "${c}"`));
  s.industries.forEach((c, i) => industries.has(c) || errors.push(`industries.${i}: unknown industry "${c}"`));
  s.products.forEach((p, j) => p.serviceCategories.forEach((c, i) => categories.has(c) || errors.push(`products.${j}.serviceCategories.${i}: unknown service category "${c}"`)));
  s.cases.forEach((c, j) => industries.has(c.industry) || errors.push(`cases.${j}.industry: unknown industry "${c.industry}"`));
  return errors;
}

/**
 * Validates every record (shape, credit code check character, ratings, taxonomy names) and upserts the good
 * ones by credit code: a catalog may arrive in several chunks, and importing the same chunk twice is harmless.
 */
export async function importSuppliers(repo: SupplierRepository, records: unknown[], taxonomy?: TaxonomyNames): Promise<ImportReport> {
  const { good, rejected } = validateSuppliers(records, taxonomy);
  const imported = await repo.upsertMany(good);
  return { imported, rejected };
}

/** The records that pass (shape, credit code, ratings, taxonomy names), and the others with their errors by index. */
export function validateSuppliers(records: unknown[], taxonomy?: TaxonomyNames): { good: Supplier[]; rejected: ImportReport['rejected'] } {
  const { valid, rejected } = partitionValid(SupplierSchema, records);
  const good: Supplier[] = [];
  for (const { index, value } of valid) {
    const errors = taxonomy ? taxonomyErrors(value, taxonomy) : [];
    if (errors.length) rejected.push({ index, errors });
    else good.push(value);
  }
  rejected.sort((a, b) => a.index - b.index);
  return { good, rejected };
}

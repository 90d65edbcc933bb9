import type { TaxonomyNames } from '../../services/catalog/importSuppliers';
import type { EnglishNames } from '../../services/matching/matchIndex';
import taxonomy from './taxonomy.json';

/** The contract's taxonomy (a copy of shared/contract/taxonomy.json): canonical names and their English. */
export function loadTaxonomy(): { names: TaxonomyNames; english: EnglishNames } {
  const english: EnglishNames = {};
  for (const entry of [...taxonomy.serviceCategories, ...taxonomy.industries]) english[entry.name] = entry.en;
  return {
    names: { serviceCategories: taxonomy.serviceCategories.map((c) => c.name), industries: taxonomy.industries.map((i) => i.name) },
    english,
  };
}

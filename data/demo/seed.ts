import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importApplications } from '../../services/applications/importApplications';
import { CatalogChangeLog } from '../../services/catalog/changeLog';
import { importSuppliers } from '../../services/catalog/importSuppliers';
import type { Notice } from '../../services/model/notice';
import { ApplicationSchema } from '../../services/model/application';
import { SupplierSchema } from '../../services/model/supplier';
import { partitionValid, type ImportReport } from '../../services/model/validation';
import type { Store } from '../store';

const SEED_MARKER = 'demo-seed';

/**
 * Dates in the demo files are written relative to the day of seeding ("@today-3", "@today+5"), so a fresh
 * clone always has an open publicity period and applications with recent dates.
 */
export function resolveRelativeDates(text: string, today: Date): string {
  return text.replace(/@today([+-]\d+)?/g, (_m, offset: string | undefined) => {
    const day = new Date(today.getTime() + Number(offset ?? 0) * 86_400_000);
    return day.toISOString().slice(0, 10);
  });
}

async function loadDemoFile<T>(name: string, today: Date): Promise<T> {
  const raw = await readFile(join(__dirname, name), 'utf8');
  return JSON.parse(resolveRelativeDates(raw, today)) as T;
}

export interface SeedResult {
  seeded: boolean;
  suppliers?: ImportReport;
  applications?: ImportReport;
  notices?: number;
}

/** Seeds the demo catalog, applications and publicity notice once; `force` seeds again (upserts). */
export async function seedDemoData(store: Store, options: { force?: boolean; today?: Date } = {}): Promise<SeedResult> {
  const today = options.today ?? new Date();
  if (!options.force && (await store.meta.get(SEED_MARKER))) return { seeded: false };

  const { suppliers } = await loadDemoFile<{ suppliers: unknown[] }>('suppliers.json', today);
  const { applications } = await loadDemoFile<{ applications: unknown[] }>('applications.json', today);
  const { notices } = await loadDemoFile<{ notices: Notice[] }>('notices.json', today);

  // Validate everything before writing anything: broken demo files must not leave a half-seeded database.
  const problems = [
    ...partitionValid(SupplierSchema, suppliers).rejected.map((r) => ({ file: 'suppliers.json', ...r })),
    ...partitionValid(ApplicationSchema, applications).rejected.map((r) => ({ file: 'applications.json', ...r })),
  ];
  if (problems.length) throw new Error(`demo data is invalid: ${JSON.stringify(problems)}`);

  const supplierReport = await importSuppliers(store.suppliers, suppliers);
  const applicationReport = await importApplications(store.applications, applications);
  for (const notice of notices) await store.notices.upsert(notice);
  // Instances already running pick the demo suppliers up from the catalog's change log.
  await new CatalogChangeLog(store.meta).append((suppliers as { creditCode: string }[]).map((s) => s.creditCode));
  await store.meta.create(SEED_MARKER, { seededAt: today.toISOString() });
  return { seeded: true, suppliers: supplierReport, applications: applicationReport, notices: notices.length };
}

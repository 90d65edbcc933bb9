import { hashAccessCode } from '../identity/accessCode';
import { ApplicationSchema, type Application, type Stage } from '../model/application';
import { partitionValid, type ImportReport } from '../model/validation';
import type { ApplicationRepository } from '../ports';

/** An application whose stage an import changed: its bound users are told. */
export interface StageChange {
  application: Application;
  from: Stage | null;
  to: Stage;
}

/**
 * Validates applications and stores them with the access code replaced by its salted hash; the plain
 * code is dropped here and never stored or logged. Reports which applications changed stage.
 */
export async function importApplications(repo: ApplicationRepository, records: unknown[]): Promise<ImportReport & { changes: StageChange[] }> {
  const { valid, rejected } = partitionValid(ApplicationSchema, records);
  const changes: StageChange[] = [];
  const known = new Map<string, Map<string, Application>>();
  for (const { value } of valid) {
    const { accessCode, ...rest } = value;
    if (!known.has(rest.creditCode)) known.set(rest.creditCode, new Map((await repo.listByCreditCode(rest.creditCode)).map((a) => [a.id, a])));
    const before = known.get(rest.creditCode)!.get(rest.id);
    const stored: Application = { ...rest, accessCodeHash: await hashAccessCode(accessCode) };
    await repo.upsert(stored);
    if (before?.stage !== stored.stage) changes.push({ application: stored, from: before?.stage ?? null, to: stored.stage });
  }
  return { imported: valid.length, rejected, changes };
}

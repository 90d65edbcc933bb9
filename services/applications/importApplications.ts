import { hashAccessCode } from '../identity/accessCode';
import { ApplicationSchema, type Application } from '../model/application';
import { partitionValid, type ImportReport } from '../model/validation';
import type { ApplicationRepository } from '../ports';

/**
 * Validates applications and stores them with the access code replaced by its salted hash; the plain
 * code is dropped here and never stored or logged.
 */
export async function importApplications(repo: ApplicationRepository, records: unknown[]): Promise<ImportReport> {
  const { valid, rejected } = partitionValid(ApplicationSchema, records);
  for (const { value } of valid) {
    const { accessCode, ...rest } = value;
    const stored: Application = { ...rest, accessCodeHash: await hashAccessCode(accessCode) };
    await repo.upsert(stored);
  }
  return { imported: valid.length, rejected };
}

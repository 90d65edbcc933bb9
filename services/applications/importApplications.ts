import { hashAccessCode, newAccessCode } from '../identity/accessCode';
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
 * code is dropped here and never stored or logged. A new application without a code is issued a long random
 * one (returned once, for staff to hand over). Reports which applications changed stage.
 */
export async function importApplications(
  repo: ApplicationRepository,
  records: unknown[],
): Promise<ImportReport & { changes: StageChange[]; issuedAccessCodes: IssuedAccessCode[] }> {
  const { valid, rejected } = partitionValid(ApplicationSchema, records);
  const changes: StageChange[] = [];
  const issuedAccessCodes: IssuedAccessCode[] = [];
  const known = new Map<string, Map<string, Application>>();
  for (const { value } of valid) {
    const { accessCode, ...rest } = value;
    if (!known.has(rest.creditCode)) known.set(rest.creditCode, new Map((await repo.listByCreditCode(rest.creditCode)).map((a) => [a.id, a])));
    const before = known.get(rest.creditCode)!.get(rest.id);
    let accessCodeHash = accessCode ? await hashAccessCode(accessCode) : before?.accessCodeHash;
    if (!accessCodeHash) {
      const issued = newAccessCode();
      accessCodeHash = await hashAccessCode(issued);
      issuedAccessCodes.push({ id: rest.id, creditCode: rest.creditCode, accessCode: issued });
    }
    const stored: Application = { ...rest, accessCodeHash };
    await repo.upsert(stored);
    if (before?.stage !== stored.stage) changes.push({ application: stored, from: before?.stage ?? null, to: stored.stage });
  }
  return { imported: valid.length, rejected, changes, issuedAccessCodes };
}

/** A code the bot made up, shown to staff once (in the import's or rotation's answer) to hand to the enterprise. */
export interface IssuedAccessCode {
  id: string;
  creditCode: string;
  accessCode: string;
}

/**
 * Staff issue a new access code for every application of an enterprise (one code for all of them): the old
 * code stops working at once. Null when no application has this credit code.
 */
export async function rotateAccessCode(repo: ApplicationRepository, creditCode: string): Promise<{ accessCode: string; applications: string[] } | null> {
  const applications = await repo.listByCreditCode(creditCode);
  if (!applications.length) return null;
  const accessCode = newAccessCode();
  for (const application of applications) await repo.upsert({ ...application, accessCodeHash: await hashAccessCode(accessCode) });
  return { accessCode, applications: applications.map((a) => a.id) };
}

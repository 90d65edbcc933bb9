import type { AuditEntry } from '../staff/audit';
import type { SubmissionCase } from '../staff/submissionDesk';
import type { Versioned } from './versioned';

export interface CaseRepository {
  get(id: string): Promise<Versioned<SubmissionCase> | null>;
  listAll(): Promise<SubmissionCase[]>;
  /** Creates (etag null) or replaces if unchanged since `etag`; false when someone else wrote first. */
  save(value: SubmissionCase, etag: string | null): Promise<boolean>;
}

export interface AuditRepository {
  add(entry: AuditEntry): Promise<void>;
  listDays(from: string, to: string): Promise<AuditEntry[]>;
}

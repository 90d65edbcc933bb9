import type { AuditEntry } from '../staff/audit';
import type { SubmissionCase } from '../staff/submissionDesk';
import type { Versioned } from './versioned';

export interface CaseRepository {
  get(id: string): Promise<Versioned<SubmissionCase> | null>;
  listAll(): Promise<SubmissionCase[]>;
  /** Null when someone else created it first. */
  create(value: SubmissionCase): Promise<Versioned<SubmissionCase> | null>;
  /** Null when someone else wrote since `etag`. */
  replaceIfUnchanged(value: SubmissionCase, etag: string): Promise<Versioned<SubmissionCase> | null>;
}

export interface AuditRepository {
  add(entry: AuditEntry): Promise<void>;
  listDays(from: string, to: string): Promise<AuditEntry[]>;
}

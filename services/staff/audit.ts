import { randomUUID } from 'node:crypto';
import { shanghaiDay } from '../calendar';
import type { StaffIdentity } from './access';
import type { AuditRepository } from '../ports';

export const AUDIT_ACTIONS = ['sign_in', 'import', 'notice_created', 'notice_sent', 'notice_cancelled', 'notice_retried', 'submission_review', 'submission_answered', 'submission_rejected', 'evidence_downloaded'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did what and when, partitioned by the day (Asia/Shanghai) it happened. */
export interface AuditEntry {
  id: string;
  day: string;
  at: string;
  who: string;
  whoName: string;
  role: StaffIdentity['role'];
  city?: string;
  action: AuditAction;
  /** What it was done to: a notice id, a receipt number, a file name. */
  target?: string;
  details?: Record<string, string | number | boolean>;
}

export class AuditLog {
  constructor(private readonly repository: AuditRepository, private readonly now: () => Date = () => new Date()) {}

  async record(identity: StaffIdentity, action: AuditAction, target?: string, details?: AuditEntry['details']): Promise<void> {
    const at = this.now();
    await this.repository.add({
      id: randomUUID(), day: shanghaiDay(at), at: at.toISOString(), who: identity.subject, whoName: identity.name, role: identity.role,
      ...(identity.city ? { city: identity.city } : {}), action, ...(target ? { target } : {}), ...(details ? { details } : {}),
    });
  }

  list(from: string, to: string): Promise<AuditEntry[]> {
    return this.repository.listDays(from, to);
  }
}

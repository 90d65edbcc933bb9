import type { AuditEntry, AuditRepository } from '../../services/staff/audit';
import { DayPartitionedLog } from './dayLog';

/** The staff audit log, partitioned by Asia/Shanghai day: viewing or exporting a day reads one partition. */
export class CosmosAuditRepository extends DayPartitionedLog<AuditEntry> implements AuditRepository {}

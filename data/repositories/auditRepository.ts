import type { AuditEntry } from '../../services/staff/audit';
import { DayPartitionedLog } from './dayLog';
import type { AuditRepository } from '../../services/ports';

/** The staff audit log, partitioned by Asia/Shanghai day: viewing or exporting a day reads one partition. */
export class CosmosAuditRepository extends DayPartitionedLog<AuditEntry> implements AuditRepository {}

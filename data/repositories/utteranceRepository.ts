import type { UnclearUtterance } from '../../services/understanding/utteranceLog';
import { DayPartitionedLog } from './dayLog';
import type { UtteranceRepository } from '../../services/ports';

/** Unclear utterances partitioned by day: an export reads a few partitions, and old days expire (TTL). */
export class CosmosUtteranceRepository extends DayPartitionedLog<UnclearUtterance> implements UtteranceRepository {}

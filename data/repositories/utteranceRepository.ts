import type { UnclearUtterance, UtteranceRepository } from '../../services/understanding/utteranceLog';
import { DayPartitionedLog } from './dayLog';

/** Unclear utterances partitioned by day: an export reads a few partitions, and old days expire (TTL). */
export class CosmosUtteranceRepository extends DayPartitionedLog<UnclearUtterance> implements UtteranceRepository {}

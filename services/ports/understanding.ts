import type { UnclearUtterance } from '../understanding/utteranceLog';

export interface UtteranceRepository {
  add(utterance: UnclearUtterance): Promise<void>;
  /** Utterances of the days from..to inclusive, oldest first. */
  listDays(from: string, to: string): Promise<UnclearUtterance[]>;
}

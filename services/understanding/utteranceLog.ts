import type { Intent } from './intents';
import { shanghaiDay } from '../calendar';
import { redactPersonalData } from './redact';
import type { UtteranceRepository } from '../ports';

/** A message the bot did not understand well, kept (redacted) so staff can improve the lexicon. */
export interface UnclearUtterance {
  id: string;
  /** Asia/Shanghai day, YYYY-MM-DD: the partition, and what an export asks for. */
  day: string;
  at: string;
  text: string;
  intent: Intent;
  score: number;
  alternatives: { intent: Intent; score: number }[];
  locale: string;
  channelId: string;
}

export const LOW_CONFIDENCE = 0.55;


/** Records `none` and low-confidence understandings, redacted; does nothing when staff turned it off. */
export class UtteranceLog {
  constructor(
    private readonly repository: UtteranceRepository,
    private readonly enabled: boolean,
    /** Keeping an utterance is best effort: a failure is reported here and never fails the user's turn. */
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  shouldKeep(intent: Intent, score: number): boolean {
    return this.enabled && (intent === 'none' || score < LOW_CONFIDENCE);
  }

  async record(entry: { text: string; intent: Intent; score: number; alternatives: UnclearUtterance['alternatives']; locale: string; channelId: string }): Promise<boolean> {
    if (!this.shouldKeep(entry.intent, entry.score)) return false;
    const at = this.now();
    try {
      await this.repository.add({
        ...entry,
        id: `${at.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        day: shanghaiDay(at),
        at: at.toISOString(),
        text: redactPersonalData(entry.text).slice(0, 500),
      });
      return true;
    } catch (err) {
      this.onError(err);
      return false;
    }
  }
}

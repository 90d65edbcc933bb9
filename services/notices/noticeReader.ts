import { objectionWindow } from '../applications/submissions';
import type { Notice } from '../model/notice';
import type { NoticeRepository } from '../ports';

/** The publicity periods around now: those open, the last one closed, the next one to open. */
export type ObjectionWindow = Awaited<ReturnType<typeof objectionWindow>>;

/**
 * What conversations read of the notices — the publicity periods now (for 公示 questions and objections) and
 * one notice (an event card's sign-up) — so dialogs reach storage through a service, never the repository.
 */
export class NoticeReader {
  constructor(private readonly notices: NoticeRepository, private readonly now: () => Date = () => new Date()) {}

  /** The publicity periods around now (an objection may be filed only while one is open). */
  objectionWindow(): Promise<ObjectionWindow> {
    return objectionWindow(this.notices, this.now());
  }

  /** The calls whose deadline has not passed, or the events not yet held (one without a date counts as current). */
  async upcoming(kind: 'call' | 'event'): Promise<Notice[]> {
    const now = this.now().getTime();
    return (await this.notices.listByKind(kind)).filter((n) => {
      const when = n.event?.at ?? n.deadline;
      return !when || Date.parse(when) >= now - 86_400_000;
    });
  }

  /** One notice, or null when it is gone. */
  get(id: string): Promise<Notice | null> {
    return this.notices.get(id);
  }
}

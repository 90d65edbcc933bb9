import { ConcurrentUpdate, type MetaRepository } from '../ports';
import { ConversationLimits, SlidingWindows, TEAMS_CONVERSATION_WINDOWS, type Window } from './limits';

/** The record of a conversation's recent sends, shared by every instance on the database. */
interface SendHistory {
  times: number[];
}

/**
 * Time between taking a slot and the request reaching the channel varies (a database answer, a busy CPU):
 * each window is kept this much longer than Teams' own, so a send that arrives late still counts in it.
 */
export const DEFAULT_MARGIN_MS = 500;

export const historyId = (conversation: string) => `conversation-sends:${conversation}`;

/**
 * Teams' per-conversation limits, kept for all instances together: Teams counts a conversation's messages
 * whichever instance sends them, and two instances sending two notices to the same people would each stay
 * within its own limits and go over together. Each conversation's recent send times are one small document;
 * a send takes its slot by compare-and-swap on it (a point read and a conditional replace) just before the
 * request, so two instances never both take the last slot of a window. What is read is kept in memory, so
 * the send loop skips a conversation that is full without asking the database again.
 */
export class SharedConversationLimits {
  private readonly windows: Window[];
  private readonly known: ConversationLimits;

  constructor(
    private readonly store: Pick<MetaRepository, 'get' | 'create' | 'replaceIfUnchanged'>,
    private readonly now: () => number = Date.now,
    windows: Window[] = TEAMS_CONVERSATION_WINDOWS,
    marginMs = DEFAULT_MARGIN_MS,
  ) {
    this.windows = windows.map((w) => ({ max: w.max, ms: w.ms + marginMs }));
    this.known = new ConversationLimits(this.windows);
  }

  /** How long until a send to this conversation may start, as far as this instance knows (no database). */
  waitMs(conversation: string, now = this.now()): number {
    return this.known.waitMs(conversation, now);
  }

  /** Takes a slot for a send starting now: 0 when taken, else how long to wait (another instance sent there). */
  async reserve(conversation: string): Promise<number> {
    const id = historyId(conversation);
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.store.get<SendHistory>(id);
      const now = this.now();
      const windows = new SlidingWindows(this.windows, (current?.value.times ?? []).filter((t) => typeof t === 'number'));
      const wait = windows.waitMs(now);
      if (wait > 0) {
        this.known.adopt(conversation, windows.history(), now);
        return wait;
      }
      windows.record(now);
      const next: SendHistory = { times: windows.history() };
      try {
        if (current) await this.store.replaceIfUnchanged(id, next, current.etag);
        else if (!(await this.store.create(id, next))) continue;
      } catch (err) {
        if (err instanceof ConcurrentUpdate) continue;
        throw err;
      }
      this.known.adopt(conversation, next.times, now);
      return 0;
    }
    // Others keep sending here right now: try again shortly.
    return 200;
  }
}

import { Contended, createOrReplace, updateWithRetry } from '../concurrency';
import type { MetaRepository } from '../ports';
import { ConversationLimits, SlidingWindows, TEAMS_CONVERSATION_WINDOWS, type Window } from './limits';
import { recipientId, rootConversationId } from './recipients';

/** The record of a conversation's recent sends, shared by every instance on the database. */
interface SendHistory {
  times: number[];
}

/**
 * Time between taking a slot and the request reaching the channel varies (a database answer, a busy CPU):
 * each window is kept this much longer than Teams' own, so a send that arrives late still counts in it. It
 * also bounds how far ahead of the gate slots are taken (half of it): on a loaded host a shared slot (a read
 * and a write) can take a few hundred ms, and half a second of sends taken ahead keeps the rate. A
 * conversation then gets at most 7 in 2 s, 8 in 3 s, 60 in 31 s: a broadcast sends it one message a round.
 */
export const DEFAULT_MARGIN_MS = 1_000;

export const historyId = (conversation: string) => `conversation-sends:${conversation}`;

/**
 * The key a conversation reference's sends are limited by, as the notice's records are keyed (a Teams channel
 * by the channel, not by the thread a message came from); null for a reference without a conversation.
 */
export function limitKeyOf(reference: Record<string, unknown>): string | null {
  const conversation = (reference.conversation as { id?: unknown } | undefined)?.id;
  if (typeof reference.channelId !== 'string' || typeof conversation !== 'string') return null;
  return recipientId(reference.channelId, rootConversationId(conversation));
}

/**
 * Teams' per-conversation limits, kept for all instances together: Teams counts a conversation's messages
 * whichever instance sends them, and two instances sending two notices to the same people would each stay
 * within its own limits and go over together. Each conversation's recent send times are one small document;
 * a send takes its slot by compare-and-swap on it (a point read and a conditional replace) just before the
 * request, so two instances never both take the last slot of a window. What is read is kept in memory, so
 * the send loop skips a conversation that is full without asking the database again.
 *
 * That costs a read and a write per send, and is needed only while several rounds are being sent at once:
 * within one round each conversation is in one batch, and a batch's sends (retries too) are all one
 * instance's. So with one round (`shared` false) slots are kept in memory alone, as before; when a second round
 * starts (it is prepared for seconds before its first send), every instance switches to shared slots and
 * publishes the sends it kept only in memory, and each shared slot also counts this instance's own remembered
 * sends. What this does not cover: another instance's memory-only sends not yet published when a shared send
 * is decided — at most the one round's sends to that conversation in the last seconds (one, or a retry).
 */
export class SharedConversationLimits {
  private readonly windows: Window[];
  private readonly known: ConversationLimits;
  private shared = false;

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

  /** Shared slots while several rounds are sent at once; switching on publishes what was kept in memory alone. */
  setShared(shared: boolean): Promise<void> {
    const was = this.shared;
    this.shared = shared;
    if (!shared || was) return Promise.resolve();
    const now = this.now();
    return this.publish(this.known.busy(now));
  }

  /** Merges this instance's remembered sends into the shared records (a best effort: errors are left). */
  private async publish(conversations: string[]): Promise<void> {
    for (let i = 0; i < conversations.length; i += 20) {
      await Promise.all(conversations.slice(i, i + 20).map((c) => this.write(c, false).catch(() => undefined)));
    }
  }

  /** Takes a slot for a send starting now: 0 when taken, else how long to wait (another instance sent there). */
  async reserve(conversation: string): Promise<number> {
    if (!this.shared) {
      const now = this.now();
      const wait = this.known.waitMs(conversation, now);
      if (!wait) this.known.record(conversation, now);
      return wait;
    }
    return this.write(conversation, true);
  }

  /** Waits until the conversation may take one more message, and takes that slot. */
  async waitForSlot(conversation: string, sleep: (ms: number) => Promise<void>): Promise<void> {
    for (let wait = await this.reserve(conversation); wait > 0; wait = await this.reserve(conversation)) await sleep(wait);
  }

  /** Read, merge with what this instance remembers, and (taking a slot now, if `take`) compare-and-swap. */
  private async write(conversation: string, take: boolean): Promise<number> {
    const id = historyId(conversation);
    let wait = 0;
    let now = 0;
    try {
      const written = await updateWithRetry<SendHistory>(
        `send history ${conversation}`,
        () => this.store.get<SendHistory>(id),
        (current) => {
          now = this.now();
          const longest = Math.max(...this.windows.map((w) => w.ms));
          const stored = (current?.times ?? []).filter((t) => typeof t === 'number' && t > now - longest);
          const mine = this.known.historyOf(conversation).filter((t) => t > now - longest && !stored.includes(t));
          const windows = new SlidingWindows(this.windows, [...stored, ...mine].sort((a, b) => a - b));
          wait = take ? windows.waitMs(now) : 0;
          if (!take && !mine.length) return null;
          if (wait > 0) {
            this.known.adopt(conversation, windows.history(), now);
            return null;
          }
          if (take) windows.record(now);
          return { times: windows.history() };
        },
        createOrReplace((next) => this.store.create(id, next), (next, etag) => this.store.replaceIfUnchanged(id, next, etag)),
        { attempts: 5 },
      );
      if (written) this.known.adopt(conversation, written.value.times, now);
      return wait;
    } catch (err) {
      // Others keep sending here right now: try again shortly.
      if (err instanceof Contended) return 200;
      throw err;
    }
  }
}

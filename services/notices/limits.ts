/**
 * Send-rate limits. Teams throttles a bot per conversation (7 messages a second, 8 in 2 s, 60 in 30 s) and
 * per bot and tenant (about 30–50 a second); going over earns 429s and, repeated, longer blocks. Written by
 * hand: the limiter libraries on npm count per key with one window, and these are several windows at once.
 */
export interface Window {
  max: number;
  ms: number;
}

export const TEAMS_CONVERSATION_WINDOWS: Window[] = [
  { max: 7, ms: 1_000 },
  { max: 8, ms: 2_000 },
  { max: 60, ms: 30_000 },
];

/** Sliding windows over the times of past sends: how long until one more send stays within every window. */
export class SlidingWindows {
  private readonly times: number[];

  /** `history`: times of past sends, oldest first (as kept in a shared record). */
  constructor(private windows: Window[], history: number[] = []) {
    this.times = [...history];
  }

  /** The sends still inside the longest window, oldest first: what a shared record keeps. */
  history(): number[] {
    return [...this.times];
  }

  /** New limits, keeping the history (so a change of rate never opens a burst). */
  resize(windows: Window[]): void {
    this.windows = windows;
  }

  waitMs(now: number): number {
    let wait = 0;
    for (const { max, ms } of this.windows) {
      // The send `max` places back must have left the window before one more may start.
      const blocking = this.times.length >= max ? this.times[this.times.length - max]! : null;
      if (blocking !== null) wait = Math.max(wait, blocking + ms - now);
    }
    return Math.max(0, wait);
  }

  record(now: number): void {
    this.times.push(now);
    const longest = Math.max(...this.windows.map((w) => w.ms));
    const keep = Math.max(...this.windows.map((w) => w.max));
    while (this.times.length > keep || (this.times.length && this.times[0]! <= now - longest)) this.times.shift();
  }

  idleSince(now: number): boolean {
    const longest = Math.max(...this.windows.map((w) => w.ms));
    return !this.times.length || this.times[this.times.length - 1]! <= now - longest;
  }
}

/** Per-conversation windows, forgetting conversations that have been quiet for the longest window. */
export class ConversationLimits {
  private readonly byConversation = new Map<string, SlidingWindows>();
  private lastSweep = 0;

  constructor(private readonly windows: Window[] = TEAMS_CONVERSATION_WINDOWS) {}

  waitMs(conversation: string, now: number): number {
    return this.byConversation.get(conversation)?.waitMs(now) ?? 0;
  }

  record(conversation: string, now: number): void {
    let limits = this.byConversation.get(conversation);
    if (!limits) this.byConversation.set(conversation, (limits = new SlidingWindows(this.windows)));
    limits.record(now);
    this.sweep(now);
  }

  /** The times of a conversation's sends still in its windows, oldest first. */
  historyOf(conversation: string): number[] {
    return this.byConversation.get(conversation)?.history() ?? [];
  }

  /** Conversations with sends still in their windows. */
  busy(now: number): string[] {
    return [...this.byConversation].filter(([, w]) => !w.idleSince(now)).map(([key]) => key);
  }

  /** Takes a conversation's history as another source knows it (the shared record, sends of other instances included). */
  adopt(conversation: string, history: number[], now: number): void {
    this.byConversation.set(conversation, new SlidingWindows(this.windows, history));
    this.sweep(now);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep > 30_000) {
      this.lastSweep = now;
      for (const [key, value] of this.byConversation) if (value.idleSince(now)) this.byConversation.delete(key);
    }
  }
}

/**
 * The bot-wide rate: at most `perSecond` sends start in any second, spaced evenly rather than in bursts (a
 * burst at a window's edge is what a server's own window sees as too many). `setRate` follows the share of
 * the cap this instance has while others are sending too.
 */
export class RateGate {
  private readonly window: SlidingWindows;
  private next = 0;

  constructor(
    private perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.window = new SlidingWindows([{ max: Math.max(1, Math.floor(perSecond)), ms: 1_000 }]);
  }

  get rate(): number {
    return this.perSecond;
  }

  private closed = false;

  /** While held, no send may start (this instance waits for the others to make room under the cap). */
  get held(): boolean {
    return this.closed;
  }

  hold(closed: boolean): void {
    this.closed = closed;
  }

  setRate(perSecond: number): void {
    this.perSecond = Math.max(0.1, perSecond);
    this.window.resize([{ max: Math.max(1, Math.floor(this.perSecond)), ms: 1_000 }]);
  }

  /** Resolves when one more send may start, and counts it. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.now();
      const wait = Math.max(this.window.waitMs(now), this.next - now);
      if (wait <= 0) {
        this.window.record(now);
        // Keep to the ideal timeline by up to half an interval: a start a few ms late (a coarse timer) lets the
        // next come that much sooner, so lateness does not add up; a longer stall is not made up in a burst.
        const interval = 1000 / this.perSecond;
        this.next = Math.max(this.next, now - interval / 2) + interval;
        return;
      }
      await this.sleep(wait);
    }
  }
}

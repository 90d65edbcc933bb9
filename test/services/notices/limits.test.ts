import { ConversationLimits, RateGate, SlidingWindows, TEAMS_CONVERSATION_WINDOWS } from '../../../services/notices/limits';
import { nextStep } from '../../../services/notices/retry';

describe('send limits', () => {
  it('holds a conversation to 7 a second, 8 in 2 s and 60 in 30 s', () => {
    const limits = new ConversationLimits();
    let now = 0;
    const sends: number[] = [];
    // As fast as the windows allow, for 40 simulated seconds.
    while (now < 40_000) {
      const wait = limits.waitMs('c', now);
      if (wait === 0) {
        limits.record('c', now);
        sends.push(now);
      }
      now += Math.max(1, wait);
    }
    const within = (ms: number) => Math.max(...sends.map((t) => sends.filter((u) => u >= t && u < t + ms).length));
    expect(within(1_000)).toBe(7);
    expect(within(2_000)).toBe(8);
    expect(within(30_000)).toBe(60);
    expect(limits.waitMs('other', now)).toBe(0);
  });

  it('never starts more than the rate in any second, spaced evenly (on a clock the test drives)', async () => {
    // Each wait comes back 3 ms late, as a coarse timer's would: lateness must not add up, nor open a burst.
    let now = 0;
    const gate = new RateGate(50, () => now, async (ms) => {
      now += ms + 3;
    });
    const starts: number[] = [];
    while (now < 1_500) {
      await gate.acquire();
      starts.push(now);
    }
    const maxInSecond = Math.max(...starts.map((t) => starts.filter((u) => u >= t && u < t + 1_000).length));
    expect(maxInSecond).toBeLessThanOrEqual(50);
    expect(starts.length).toBeGreaterThanOrEqual(70); // 75 in 1.5 s at 50 a second, less the timer's lateness
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // Evenly: a late start lets the next catch up by at most half the 20 ms interval.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10);
  });

  it('sliding windows keep their history when resized', () => {
    const windows = new SlidingWindows(TEAMS_CONVERSATION_WINDOWS);
    for (let i = 0; i < 7; i++) windows.record(i);
    expect(windows.waitMs(10)).toBe(990);
    windows.resize([{ max: 10, ms: 1_000 }]);
    expect(windows.waitMs(10)).toBe(0);
  });
});

describe('retry policy', () => {
  const fixed = () => 0.5;
  it('gives up on a removed or missing conversation at once', () => {
    expect(nextStep({ status: 403, message: 'BotNotInConversationRoster' }, 1)).toMatchObject({ action: 'undeliverable' });
    expect(nextStep({ status: 404, message: 'ConversationNotFound' }, 1)).toMatchObject({ action: 'undeliverable' });
    expect(nextStep({ status: 400, message: 'BadArgument' }, 1)).toMatchObject({ action: 'failed', reason: '400: BadArgument' });
  });

  it('waits as long as Retry-After says, and backs off exponentially with jitter otherwise', () => {
    expect(nextStep({ status: 429, retryAfterMs: 3_000, message: 'throttled' }, 1)).toEqual({ action: 'retry', delayMs: 3_000 });
    expect(nextStep({ status: 503, message: 'unavailable' }, 1, undefined, fixed)).toEqual({ action: 'retry', delayMs: 500 });
    expect(nextStep({ status: 503, message: 'unavailable' }, 4, undefined, fixed)).toEqual({ action: 'retry', delayMs: 4_000 });
    expect(nextStep({ message: 'no answer within 15000 ms' }, 3, undefined, fixed)).toEqual({ action: 'retry', delayMs: 2_000 });
    expect(nextStep({ status: 500, message: 'boom' }, 6)).toEqual({ action: 'failed', reason: '500: boom' });
    expect(nextStep({ status: 429, message: 'throttled' }, 12)).toMatchObject({ action: 'failed' });
  });
});

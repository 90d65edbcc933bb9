import { createOrReplace, replaceOnly, updateWithRetry } from '../concurrency';
import type { MetaRepository } from '../ports';
import type { RateGate } from './limits';

const INSTANCES_DOC = 'broadcast-instances';
/** An instance not seen for this long is gone; its share goes back to the others. */
const ALIVE_MS = 15_000;
/** How often a sending instance tells the others it is there (and reads how many they are). */
const BEAT_MS = 5_000;
/** While waiting for the others to make room, an instance looks again this often. */
const WAITING_BEAT_MS = 1_000;

interface Presence {
  seen: string;
  joined: string;
}

/**
 * The bot-wide cap (BROADCAST_MAX_RPS) split among the instances sending: each takes cap / n. When one
 * joins, the others shrink their share only at their next beat; so the newcomer holds its gate closed until
 * every other instance has beaten since it joined (and so has read that it is there) — the sum never goes
 * over the cap, not even for the few seconds a beat takes. One that leaves gives its share back after
 * ALIVE_MS. Times are the instances' clocks (one host or NTP-synchronised hosts).
 */
export class CapShare {
  private lastBeat = 0;
  private present = false;

  constructor(
    private readonly deps: { instanceId: string; meta: MetaRepository; maxRps: number; gate: RateGate; now?: () => number },
  ) {
    // Closed until the first beat says how many share the cap.
    deps.gate.hold(true);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Called from the housekeeping loop while this instance sends; beats when due. */
  async beat(): Promise<void> {
    const now = this.now();
    if (now - this.lastBeat < (this.deps.gate.held ? WAITING_BEAT_MS : BEAT_MS)) return;
    this.lastBeat = now;
    const { instanceId, meta } = this.deps;
    let joined = '';
    const written = await updateWithRetry<Record<string, Presence | string>>(
      'broadcast instances',
      () => meta.get(INSTANCES_DOC),
      (current) => {
        // Taken after the read: any beat that wrote before this one's version stamped itself earlier than this.
        const at = this.now();
        const alive: Record<string, Presence> = {};
        for (const [id, entry] of Object.entries(current ?? {})) {
          // An entry of the earlier format (a bare time) counts as joined long ago.
          const presence = typeof entry === 'string' ? { seen: entry, joined: entry } : entry;
          if (at - Date.parse(presence.seen) < ALIVE_MS) alive[id] = presence;
        }
        joined = alive[instanceId]?.joined ?? new Date(at).toISOString();
        alive[instanceId] = { seen: new Date(at).toISOString(), joined };
        return alive;
      },
      createOrReplace((next) => meta.create(INSTANCES_DOC, next), (next, etag) => meta.replaceIfUnchanged(INSTANCES_DOC, next, etag)),
      { attempts: 3 },
      // Others' beats kept coming in between (Contended), or the database did not answer: this beat is skipped,
      // the next comes within a second or five.
    ).catch(() => null);
    if (!written) return;
    this.present = true;
    const others = Object.entries(written.value as Record<string, Presence>).filter(([id]) => id !== instanceId);
    this.deps.gate.setRate(this.deps.maxRps / (others.length + 1));
    // An instance stamped after this one joined wrote on a version that had this one in it: it has made room.
    this.deps.gate.hold(!others.every(([, p]) => Date.parse(p.seen) > Date.parse(joined)));
  }

  /** No more sends in hand: this instance's share goes back to the others now, not after ALIVE_MS. */
  async leave(): Promise<void> {
    if (!this.present) return;
    const { instanceId, meta } = this.deps;
    await updateWithRetry<Record<string, Presence | string>>(
      'broadcast instances',
      () => meta.get(INSTANCES_DOC),
      (current) => {
        if (!current?.[instanceId]) return null;
        const rest = { ...current };
        delete rest[instanceId];
        return rest;
      },
      replaceOnly((next, etag) => meta.replaceIfUnchanged(INSTANCES_DOC, next, etag)),
      { attempts: 3 },
      // Left in the record (Contended, or no answer), this instance is forgotten after ALIVE_MS.
    ).catch(() => undefined);
    this.present = false;
    this.lastBeat = 0;
    // Next time, this instance joins afresh (and waits for the others to make room).
    this.deps.gate.hold(true);
  }
}

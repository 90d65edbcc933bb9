/**
 * Promises kept for a while by key: concurrent and later asks within the TTL share one load. A failed load
 * is never kept. Bounded: past `maxEntries` it starts afresh rather than growing without limit.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries = 50_000, private readonly now: () => number = Date.now) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const value = load();
    this.entries.set(key, { value, until: this.now() + this.ttlMs });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > this.maxEntries) this.entries.clear();
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

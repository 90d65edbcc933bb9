import type { EnglishNames } from '../matching/matchIndex';
import { MatchIndex } from '../matching/matchIndex';
import type { MetaRepository, SupplierRepository } from '../ports';

export const CATALOG_VERSION = 'catalog-version';
/** A catalog that changed less than this long ago may still be arriving in chunks. */
const QUIET_MS = 3000;

interface CatalogVersion {
  version: string;
  changedAt: string;
}

/**
 * Keeps the matching index current. An import bumps the catalog version document; every instance polls it
 * (the local Cosmos server has no change feed, and polling one small document is cheap on Azure too) and
 * rebuilds its index from the catalog when it changed. Requests only ever read the index in memory.
 */
export class CatalogIndex {
  private index: MatchIndex;
  private version: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private rebuilding: Promise<void> | null = null;
  private pending: NodeJS.Timeout | null = null;
  private importsInFlight = 0;

  constructor(
    private readonly suppliers: SupplierRepository,
    private readonly meta: MetaRepository,
    private readonly english: EnglishNames,
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly coalesceMs = 300,
  ) {
    this.index = new MatchIndex([], english);
  }

  current(): MatchIndex {
    return this.index;
  }

  /**
   * Rebuilds if the version changed since the last build (or on the first call). While a catalog is still
   * arriving (changed within the quiet period) polling waits, so no instance rebuilds once per chunk.
   */
  async refresh(options: { whenQuiet?: boolean } = {}): Promise<void> {
    if (this.rebuilding) return this.rebuilding;
    this.rebuilding = (async () => {
      const current = (await this.meta.get<CatalogVersion>(CATALOG_VERSION))?.value;
      const seen = current?.version ?? 'none';
      if (seen === this.version) return;
      const settling = current && Date.now() - Date.parse(current.changedAt) < QUIET_MS;
      if (options.whenQuiet && this.version !== null && (settling || this.importsInFlight > 0)) return;
      this.index = new MatchIndex(await this.suppliers.listAll(), this.english);
      this.version = seen;
    })();
    try {
      await this.rebuilding;
    } finally {
      this.rebuilding = null;
    }
  }

  /**
   * Records that the catalog changed, so every instance rebuilds. This instance rebuilds soon, in the
   * background and coalesced: a catalog arriving in ten chunks is indexed once, not ten times.
   */
  async changed(): Promise<void> {
    this.importsInFlight = Math.max(0, this.importsInFlight - 1);
    await this.meta.put<CatalogVersion>(CATALOG_VERSION, { version: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, changedAt: new Date().toISOString() });
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = null;
      if (this.importsInFlight === 0) this.refresh().catch(this.onError);
    }, this.coalesceMs);
    this.pending.unref();
  }

  /** An import is arriving: hold a pending rebuild until it is done, so chunks are not slowed by rebuilds. */
  importing(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    this.importsInFlight++;
  }

  /** The index's size and the catalog version it was built from (staff can see an import take effect). */
  status(): { suppliers: number; version: string | null; building: boolean } {
    return { suppliers: this.index.size, version: this.version, building: this.rebuilding !== null || this.pending !== null || this.importsInFlight > 0 };
  }

  watch(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => this.refresh({ whenQuiet: true }).catch(this.onError), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.timer = null;
    this.pending = null;
  }
}

import type { EnglishNames } from '../matching/matchIndex';
import { MatchIndex } from '../matching/matchIndex';
import type { MetaRepository, SupplierRepository } from '../ports';

export const CATALOG_VERSION = 'catalog-version';

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

  constructor(
    private readonly suppliers: SupplierRepository,
    private readonly meta: MetaRepository,
    private readonly english: EnglishNames,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.index = new MatchIndex([], english);
  }

  current(): MatchIndex {
    return this.index;
  }

  /** Rebuilds now if the version changed since the last build (or on the first call). */
  async refresh(): Promise<void> {
    if (this.rebuilding) return this.rebuilding;
    this.rebuilding = (async () => {
      const seen = (await this.meta.get<CatalogVersion>(CATALOG_VERSION))?.value.version ?? 'none';
      if (seen === this.version) return;
      this.index = new MatchIndex(await this.suppliers.listAll(), this.english);
      this.version = seen;
    })();
    try {
      await this.rebuilding;
    } finally {
      this.rebuilding = null;
    }
  }

  /** Records that the catalog changed, so every instance rebuilds; this one at once. */
  async changed(): Promise<void> {
    await this.meta.put<CatalogVersion>(CATALOG_VERSION, { version: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, changedAt: new Date().toISOString() });
    await this.refresh();
  }

  watch(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => this.refresh().catch(this.onError), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

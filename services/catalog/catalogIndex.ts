import type { EnglishNames, SupplierTerms } from '../matching/matchIndex';
import { MatchIndex, supplierText, termsOf } from '../matching/matchIndex';
import type { Supplier } from '../model/supplier';
import type { SupplierRepository } from '../ports';
import type { CatalogChangeLog } from './changeLog';
import { inSteps, inTimedSteps } from './slices';

/**
 * Word breaking for a batch of suppliers. The product runs it in a worker thread (bot/termsWorker.ts): at
 * 2 000 suppliers it takes seconds, which the event loop must not spend while it answers requests.
 */
export interface TermsExtractor {
  terms(items: { creditCode: string; text: string }[]): Promise<SupplierTerms[]>;
  close?(): Promise<void>;
}

export const inThreadTerms: TermsExtractor = {
  async terms(items) {
    return items.map((i) => termsOf(i.creditCode, i.text));
  },
};

/** Suppliers put into the index per step; between steps the event loop answers requests. */
const SLICE = 250;

/**
 * Keeps this instance's matching index current by following the catalog's changes, never re-reading it whole
 * after start-up. An import on this instance applies what it wrote directly; other instances see its change
 * in the log (services/catalog/changeLog.ts) when they poll, and read only the suppliers it names. Requests are
 * answered from the index at every moment: a change is applied supplier by supplier, in slices, never by
 * building a second index beside the first.
 */
export class CatalogIndex {
  private readonly index: MatchIndex;
  /** The last change applied, in order; null before the first load. */
  private seq: number | null = null;
  /** Changes this instance wrote and applied itself, further ahead than `seq`: skipped when following. */
  private readonly appliedAhead = new Set<number>();
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly suppliers: SupplierRepository,
    private readonly changes: CatalogChangeLog,
    english: EnglishNames,
    private readonly extractor: TermsExtractor = inThreadTerms,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.index = new MatchIndex([], english);
    this.index.classifier.deferNorms();
  }

  current(): MatchIndex {
    return this.index;
  }

  /** The first time, reads the whole catalog (start-up); afterwards, applies the changes since the last one held. */
  refresh(): Promise<void> {
    return this.enqueue(() => (this.seq === null ? this.load() : this.follow()));
  }

  /**
   * This instance's import wrote these suppliers and logged them as change `seq` (null when logging failed:
   * then the others learn of them from the import's retry). They go into the local index without a read.
   */
  wrote(suppliers: Supplier[], seq: number | null): Promise<void> {
    return this.enqueue(async () => {
      await this.put(suppliers);
      if (seq === null || this.seq === null || seq <= this.seq) return;
      if (seq === this.seq + 1) this.seq = seq;
      else this.appliedAhead.add(seq);
    });
  }

  /** The index's size, the last change it holds, and whether changes are still being applied. */
  status(): { suppliers: number; version: number | null; building: boolean } {
    return { suppliers: this.index.size, version: this.seq, building: this.queued > 0 };
  }

  watch(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      if (this.queued === 0) this.refresh().catch(this.onError);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops polling and waits for the work in hand; the terms worker is closed by its owner. */
  async close(): Promise<void> {
    this.stop();
    await this.queue.catch(() => undefined);
  }

  private async load(): Promise<void> {
    // The head first: every change up to it is in the full read that follows (its suppliers were written before it).
    const head = await this.changes.head();
    await this.put(await this.suppliers.listAll());
    this.seq = head;
    await this.follow();
  }

  private async follow(): Promise<void> {
    for (;;) {
      const next = this.seq! + 1;
      if (this.appliedAhead.delete(next)) {
        this.seq = next;
        continue;
      }
      const change = await this.changes.get(next);
      if (!change) return;
      await this.put(await this.suppliers.getMany(change.creditCodes));
      this.seq = next;
    }
  }

  private async put(suppliers: Supplier[]): Promise<void> {
    for (let i = 0; i < suppliers.length; i += SLICE) {
      const slice = suppliers.slice(i, i + SLICE);
      const terms = await this.extractor.terms(slice.map((s) => ({ creditCode: s.creditCode, text: supplierText(s) })));
      // Applying a supplier is cheap, except while the catalog-trained classifier is still learning its labels
      // (up to 0.4 s a slice of 250): applied in steps of about 10 ms, with requests answered in between.
      await inTimedSteps(slice, (supplier, j) => this.index.apply([{ supplier, terms: terms[j]! }]));
    }
    // What the classifier learned moves every label's norm (30–100 ms to recompute at 20 000): in steps too;
    // requests meanwhile use the norms from before the change.
    await inSteps(this.index.classifier.normSteps());
  }

  /** One piece of work at a time, in order; a failed one does not stop the next. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queued++;
    const run = this.queue.then(work).finally(() => this.queued--);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

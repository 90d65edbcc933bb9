import type { MetaRepository } from '../ports';

/** One import's writes: which suppliers changed (the suppliers themselves are read from the catalog). */
export interface CatalogChange {
  seq: number;
  creditCodes: string[];
  at: string;
}

const HEAD = 'catalog-head';
const changeId = (seq: number) => `catalog-change-${seq}`;

/**
 * The catalog's change log, kept in Cosmos (`meta`): change n is the document `catalog-change-n`, created after
 * its suppliers were written. A sequence number is taken by creating its document (a 409 means someone took it:
 * try the next), so concurrent imports never share one and a change exists only once it is complete. Instances
 * follow the log by point-reading the next number until there is none (the embedded server has no change feed;
 * on Azure one point read is 1 RU, a missing one too). `catalog-head` is only a hint where the log ends: it is
 * written after each append and may lag, never lead, so readers and writers probe forward from it.
 */
export class CatalogChangeLog {
  constructor(private readonly meta: MetaRepository, private readonly now: () => Date = () => new Date()) {}

  async append(creditCodes: string[]): Promise<number> {
    let seq = (await this.head()) + 1;
    while (!(await this.meta.create<Omit<CatalogChange, 'seq'>>(changeId(seq), { creditCodes, at: this.now().toISOString() }))) seq++;
    await this.meta.put(HEAD, { seq });
    return seq;
  }

  async get(seq: number): Promise<CatalogChange | null> {
    const doc = await this.meta.get<Omit<CatalogChange, 'seq'>>(changeId(seq));
    return doc ? { seq, ...doc.value } : null;
  }

  /** A sequence number at or below the last change (0 for an empty log). */
  async head(): Promise<number> {
    return (await this.meta.get<{ seq: number }>(HEAD))?.value.seq ?? 0;
  }
}

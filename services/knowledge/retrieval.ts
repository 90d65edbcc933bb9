import { tokenize } from '../matching/tokens';
import { normalize } from '../understanding/normalize';
import type { Clause } from './document';

/** BM25's usual constants. */
const K1 = 1.2;
const B = 0.75;
const CJK_RUN = /[\u4e00-\u9fff]+/g;
/** A term that only the document's wording for a colloquial word brought in counts half. */
const SYNONYM_WEIGHT = 0.5;

/**
 * Terms of a text: Intl.Segmenter's words (the matching tokenizer, over the same normalized text as
 * understanding) plus the Chinese character bigrams, which catch what the segmenter splits differently in
 * a colloquial question and in the document's formal wording (评价申请 / 评价 申请).
 */
export function terms(text: string): string[] {
  const out = tokenize(text);
  for (const run of normalize(text).match(CJK_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

export interface ClauseHit {
  clause: Clause;
  score: number;
  /** Share of the question's distinct terms the clause contains (0..1): how much of the question it speaks to. */
  coverage: number;
}

/** BM25 over the document's clauses (Chinese text and our English of it), for questions no curated answer covers. */
export class ClauseRetrieval {
  private readonly docs: { clause: Clause; tf: Map<string, number>; length: number }[];
  private readonly df = new Map<string, number>();
  private readonly averageLength: number;

  private readonly synonyms: [string, string][];

  /**
   * synonyms: a colloquial word → the document's own wording, added to a question that uses it. context: words
   * every clause of a part shares though few repeat them (an annex's title: 附件2's items are all about the
   * annual evaluation), by the part of the id before its first dot.
   */
  constructor(clauses: readonly Clause[], synonyms: Record<string, string> = {}, context: Record<string, string> = {}) {
    this.synonyms = Object.entries(synonyms).map(([word, wording]) => [normalize(word), wording]);
    this.docs = clauses.map((clause) => {
      const tf = new Map<string, number>();
      const all = [...terms(clause.text), ...terms(clause.en), ...terms(context[clause.id.split('.')[0]!] ?? '')];
      for (const term of all) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const term of tf.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
      return { clause, tf, length: all.length };
    });
    this.averageLength = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(this.docs.length, 1);
  }

  search(question: string, limit = 3): ClauseHit[] {
    const normalized = normalize(question);
    const own = new Set(terms(question));
    const wording = this.synonyms.filter(([word]) => normalized.includes(word)).map(([, w]) => w);
    // The document's wording for a colloquial word helps find the clause, at half weight, and never counts as coverage.
    const weight = new Map<string, number>([...terms(wording.join(' '))].map((t) => [t, SYNONYM_WEIGHT]));
    for (const t of own) weight.set(t, 1);
    const query = [...weight.keys()].filter((t) => this.df.has(t));
    if (!query.length) return [];
    const n = this.docs.length;
    return this.docs
      .map(({ clause, tf, length }) => {
        let score = 0;
        let found = 0;
        for (const term of query) {
          const f = tf.get(term);
          if (!f) continue;
          if (own.has(term)) found++;
          const df = this.df.get(term)!;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          score += (weight.get(term)! * idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * length) / this.averageLength));
        }
        return { clause, score, coverage: found / Math.max(own.size, 1) };
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}

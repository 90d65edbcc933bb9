import { tokenize } from '../matching/tokens';
import { normalize } from '../understanding/normalize';
import type { Clause } from './document';

/** BM25's usual constants. */
const K1 = 1.2;
const B = 0.75;
const CJK_RUN = /[\u4e00-\u9fff]+/g;
/** A term that only the document's wording for a colloquial word brought in counts half. */
const SYNONYM_WEIGHT = 0.5;
/** A question word no clause uses weighs this share of the rarest clause word's IDF in coverage. */
const UNKNOWN_WEIGHT = 0.5;

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

/** A passage retrieval searches: a clause of the document, or a curated answer with the words of its cues. */
export interface Passage {
  id: string;
  text: string;
  en: string;
}

export interface ClauseHit<P extends Passage = Clause> {
  clause: P;
  score: number;
  /** Share of the question's distinct terms the clause contains (0..1): how much of the question it speaks to. */
  coverage: number;
  /** Share of the question's content terms the clause contains, each weighted by its IDF over the clauses (0..1). */
  weighted: number;
}

/**
 * The asker's and the question's own words (什么、怎么、我们、吗、what、how、we): they say who asks and that it is a
 * question, not what it is about, so no candidate covers them (a Chinese bigram with one of these characters neither).
 */
const ASKER_CHARS = /[么吗呢啥哪我你咱吧呀啊嘛您]/u;
const ASKER_WORDS: ReadonlySet<string> = new Set(
  'what how who whom where when which why can could do does did is are was were be we our us you your i my me the a an to of in on for and or if it this that there any should must may will would get doe thi has have these those they their them its'.split(' '),
);

/** Filler that says nothing of the subject (是不是、时候、具体): not asked about. */
const FILLER: ReadonlySet<string> = new Set('是不是 时候 没有 有没有 里面 一共 共有 几个 方面 具体 到底 就是 一下 现在 今年 just still also please'.split(' '));

function content(term: string): boolean {
  return !ASKER_WORDS.has(term) && !FILLER.has(term) && !ASKER_CHARS.test(term);
}

/** BM25 over the document's clauses (Chinese text and our English of it), for questions no curated answer covers. */
export class ClauseRetrieval<P extends Passage = Clause> {
  private readonly docs: { clause: P; tf: Map<string, number>; length: number }[];
  private readonly df = new Map<string, number>();
  private readonly averageLength: number;

  private readonly synonyms: [string, string][];

  /**
   * synonyms: a colloquial word → the document's own wording, added to a question that uses it. context: words
   * every clause of a part shares though few repeat them (an annex's title: 附件2's items are all about the
   * annual evaluation), by the part of the id before its first dot.
   */
  constructor(clauses: readonly P[], synonyms: Record<string, string> = {}, context: Record<string, string> = {}) {
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

  /**
   * The question's content terms the clauses know, each weighed by its IDF over the clauses: the one scale on
   * which a curated answer and a clause are compared (coverage).
   */
  contentWeights(question: string, unknown = true): Map<string, number> {
    const n = this.docs.length;
    const out = new Map<string, number>();
    for (const term of new Set(terms(question))) {
      const df = this.df.get(term);
      if (!df || !content(term)) continue;
      out.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    }
    // A word the document never uses (whenever、到底) is still asked: no clause covers it, a curated answer's cues may.
    // Left out (unknown false) when a clause and a curated answer are compared on what the document could say.
    if (!unknown) return out;
    const weight = UNKNOWN_WEIGHT * Math.log(1 + (n + 0.5) / 0.5);
    for (const word of tokenize(question)) if (!this.df.has(word) && content(word) && word.length > 1) out.set(word, weight);
    return out;
  }

  /**
   * The share (0..1) of the question's weighted content terms a text contains: a curated answer's text and cues,
   * whose English cues are stems (polic, issu): a question word that starts with one is covered by it.
   */
  coverage(weights: Map<string, number>, text: string): number {
    const own = new Set(terms(text));
    const stems = [...own].filter((t) => t.length >= 4 && /^[a-z]/.test(t));
    return share(weights, { has: (term) => own.has(term) || stems.some((stem) => term.startsWith(stem)) });
  }

  /** The share of the weighted terms a passage of the index contains, its context included (0 for an unknown id). */
  passageCoverage(id: string, weights: Map<string, number>): number {
    const doc = this.docs.find((d) => d.clause.id === id);
    return doc ? share(weights, doc.tf) : 0;
  }

  search(question: string, limit = 3): ClauseHit<P>[] {
    const weights = this.contentWeights(question);
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
        return { clause, score, coverage: found / Math.max(own.size, 1), weighted: share(weights, tf) };
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}

function share(weights: Map<string, number>, has: { has(term: string): boolean }): number {
  let total = 0;
  let covered = 0;
  for (const [term, w] of weights) {
    total += w;
    if (has.has(term)) covered += w;
  }
  return total > 0 ? covered / total : 0;
}

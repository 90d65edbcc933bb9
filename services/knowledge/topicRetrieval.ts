import { ClauseRetrieval, type Passage } from './retrieval';

/** A curated answer as far as retrieving it goes: its texts, key phrases and weighted cues. */
export interface RetrievableTopic {
  id: string;
  'zh-CN': string;
  'en-US': string;
  keyPhrases: { 'zh-CN': string[]; 'en-US': string[] };
  cues: [string, number][];
  internal?: boolean;
}

/** Regular-expression syntax between a cue's words: classes, repetitions, escapes, group openers. */
const CUE_SYNTAX = /\\[a-z]\*?|\.\{\d*,?\d*\}|\[\^?[^\]]*\]|\(\?[:=!<]*/g;
const CUE_SEPARATORS = /[|()?*+.{}\\^$]/;

/**
 * The literal words of a cue (评审流程|怎么评审 → 评审流程 怎么评审): the colloquial wording a topic was written to
 * catch, for its retrieval text. Hand-written because no library reads the words out of a regular expression, and
 * only the alternatives' literals are wanted (a stray fragment costs little: BM25 weighs it by its rarity).
 */
export function cueWords(cue: string): string {
  return cue
    .replace(/^re:/, '')
    .replace(CUE_SYNTAX, ' ')
    .split(CUE_SEPARATORS)
    .filter((word) => word.trim().length >= 2)
    .join(' ');
}

/** A curated answer's retrieval text: what it says (both languages), its key phrases and its positive cues' words. */
export function topicPassage(topic: RetrievableTopic): Passage {
  const cued = topic.cues.filter(([, weight]) => weight > 0).map(([cue]) => cueWords(cue));
  return { id: topic.id, text: [topic['zh-CN'], ...topic.keyPhrases['zh-CN'], ...cued].join(' '), en: [topic['en-US'], ...topic.keyPhrases['en-US']].join(' ') };
}

/**
 * BM25 over the curated answers themselves, for a procedure question no cue fires on (认定的时候专家主要看哪些指标:
 * expert_review's cues say 评审指标, the question 专家…指标). The hit is weighed by the caller on the clauses' scale.
 */
export class TopicRetrieval {
  private readonly index: ClauseRetrieval<Passage>;
  private readonly passages: Map<string, Passage>;

  constructor(topics: readonly RetrievableTopic[], synonyms: Record<string, string> = {}) {
    const passages = topics.filter((t) => !t.internal).map(topicPassage);
    this.passages = new Map(passages.map((p) => [p.id, p]));
    this.index = new ClauseRetrieval(passages, synonyms);
  }

  /** A curated answer's retrieval text: its words in both languages, key phrases and cue words ('' for an unknown id). */
  textOf(id: string): string {
    const passage = this.passages.get(id);
    return passage ? `${passage.text} ${passage.en}` : '';
  }

  /** The curated answer that best matches the question (of those not skipped), with its retrieval text; null when none shares a word. */
  best(question: string, skip: ReadonlySet<string> = new Set()): Passage | null {
    const hit = this.index.search(question, this.passages.size).find((h) => !skip.has(h.clause.id));
    return hit ? this.passages.get(hit.clause.id)! : null;
  }
}

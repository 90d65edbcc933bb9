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

/** A lookaround group with what it holds (one level of nesting): its words say what the cue must NOT be near. */
const LOOKAROUND = /\(\?<?[=!](?:[^()]|\([^()]*\))*\)/g;
/** Regular-expression syntax between a cue's words: escapes, classes, repetitions, group openers. */
const CUE_SYNTAX = /\\[pP]\{[^}]*\}|\\[a-zA-Z]|\[\^?(?:\\.|[^\]])*\]|\{\d*,?\d*\}|\(\?(?:<[a-zA-Z]+>|[a-z]*:)?/g;
const CUE_SEPARATORS = /[|()?*+.{}\\^$[\],]/;
/** A word at all: a letter or a Chinese character (not a stray digit or quantifier). */
const WORDLIKE = /[a-z\u4e00-\u9fff]/iu;

/**
 * The literal words of a cue (评审流程|怎么评审 → 评审流程 怎么评审): the colloquial wording a topic was written to
 * catch, for its retrieval text. A regular-expression parser (eslint's regexpp) would be a new direct dependency for
 * what is only this: the alternatives' literals, without lookarounds, classes and repetitions (a stray fragment costs
 * little: BM25 weighs it by its rarity).
 */
export function cueWords(cue: string): string {
  return cue
    .replace(/^re:/, '')
    .replace(LOOKAROUND, ' ')
    .replace(CUE_SYNTAX, ' ')
    .split(CUE_SEPARATORS)
    .map((word) => word.trim())
    .filter((word) => word.length >= 2 && WORDLIKE.test(word))
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
  private readonly byId: Map<string, Passage>;
  /** Each chosen (not internal) curated answer's retrieval text, in the knowledge file's order. */
  readonly passages: readonly Passage[];

  constructor(topics: readonly RetrievableTopic[], synonyms: Record<string, string> = {}) {
    this.passages = topics.filter((t) => !t.internal).map(topicPassage);
    this.byId = new Map(this.passages.map((p) => [p.id, p]));
    this.index = new ClauseRetrieval(this.passages, synonyms);
  }

  /** A curated answer's retrieval text: its words in both languages, key phrases and cue words ('' for an unknown id). */
  textOf(id: string): string {
    const passage = this.byId.get(id);
    return passage ? `${passage.text} ${passage.en}` : '';
  }

  /** The curated answer that best matches the question (of those not skipped), with its retrieval text; null when none shares a word. */
  best(question: string, skip: ReadonlySet<string> = new Set()): Passage | null {
    const hit = this.index.search(question, this.byId.size).find((h) => !skip.has(h.clause.id));
    return hit ? this.byId.get(hit.clause.id)! : null;
  }
}

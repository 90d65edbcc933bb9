import type { Locale } from '../i18n';
import { CITIES_WITHOUT_COUNTIES, type City } from '../model/taxonomy';
import { compileCue, compileCues, type CueTest, type WeightedCue } from '../understanding/cues';
import { normalize } from '../understanding/normalize';
import type { ProvinceDocument } from '../knowledge/document';
import { ClauseRetrieval } from '../knowledge/retrieval';

/** The step offered under an answer: a form to prepare, or the matchmaking flow. */
export type NextStep = 'objection' | 'recusal' | 'change_report' | 'find_supplier';
/** Live data shown with an answer: the current publicity notice, upcoming events, open calls, the directory. */
export type LiveData = 'publicity' | 'events' | 'calls' | 'directory';
export type ChangeKind = 'name' | 'ownership' | 'business';

/** One curated answer of data/knowledge/guidance.json, with the clauses it comes from. */
export interface TopicEntry {
  id: string;
  clauses: string[];
  keyPhrases: Record<Locale, string[]>;
  cues: [string, number][];
  'zh-CN': string;
  'en-US': string;
  next?: NextStep;
  show?: LiveData;
  variants?: Record<string, Record<Locale, string>>;
  kindCues?: Record<ChangeKind, string>;
  /** Used by flows (what a status question can be told before binding), never chosen by cues. */
  internal?: boolean;
}

export interface GuidanceKnowledge {
  /** The 21 cities' English names, for answers in English. */
  cityNames: Record<string, string>;
  /** Slips people type for the domain's words (评介 → 评价, 公式期 → 公示期), undone before choosing a topic. */
  typos: Record<string, string>;
  questionWords: string;
  firstPerson: string;
  /** The procedure's own words (资源池、认定、评价、pool …): a question in them is for the document, not a flow. */
  procedureWords: string;
  /** Colloquial words → the document's wording (经信局 → 经济和信息化主管部门), so retrieval finds the clause. */
  synonyms: Record<string, string>;
  /** Words all clauses of a part share (an annex's title), for retrieval: by the part of the clause id before its dot. */
  clauseContext: Record<string, string>;
  topics: TopicEntry[];
}

/** What the bot says for a question about the procedure, with where in the document it comes from. */
export interface Answer {
  topic: string;
  text: string;
  clauses: string[];
  next?: NextStep;
  show?: LiveData;
  /** Answers already given in the question (the kind of change), for the form the next step opens. */
  prefill?: Record<string, string>;
}

/** A question's topic: below this cue score, it is not about that topic. */
export const TOPIC_MIN = 3;
/** A cue score that outweighs a flow's own intent (find_supplier, a form) when the message is a question. */
export const TOPIC_STRONG = 5;
/** A cue score that decides a topic even over a need the matchmaking heard (客户反馈 is no service to buy). */
export const TOPIC_DECISIVE = 7;
/** A clause found by retrieval is an answer only when it shares this much of the question and scores this high. */
const RETRIEVAL_MIN_SCORE = 6;
const RETRIEVAL_MIN_COVERAGE = 0.3;
/** Below the answer's bar but above this, a procedure question is told the document does not say, and shown the nearest clause. */
const NEAREST_MIN_SCORE = 2.5;

interface CompiledTopic {
  entry: TopicEntry;
  cues: WeightedCue[];
}

/**
 * The bot's knowledge of the procedure: curated answers for the common questions (chosen by weighted cues
 * over the normalized message), and for the rest the document's own clauses, found by BM25. Every answer
 * carries the clauses it comes from, for the citation and the "see the clause" button.
 */
export class Guidance {
  private readonly topics: CompiledTopic[];
  private readonly byId: Map<string, TopicEntry>;
  private readonly questionWords: CueTest;
  private readonly firstPerson: CueTest;
  private readonly procedureWords: CueTest;
  private readonly retrieval: ClauseRetrieval;

  constructor(private readonly knowledge: GuidanceKnowledge, readonly document: ProvinceDocument) {
    this.topics = knowledge.topics.filter((t) => !t.internal).map((entry) => ({ entry, cues: compileCues(entry.cues) }));
    this.byId = new Map(knowledge.topics.map((t) => [t.id, t]));
    this.questionWords = compileCue(knowledge.questionWords);
    this.firstPerson = compileCue(knowledge.firstPerson);
    this.procedureWords = compileCue(knowledge.procedureWords);
    this.retrieval = new ClauseRetrieval(document.clauses, knowledge.synonyms, knowledge.clauseContext);
  }

  /** The message normalized as understanding does it, with the domain's common slips undone. */
  private normalized(text: string): string {
    let out = normalize(text);
    for (const [slip, word] of Object.entries(this.knowledge.typos)) out = out.split(slip).join(word);
    return out;
  }

  /** Whether a message asks something (rather than asking the bot to do something). */
  isQuestion(text: string): boolean {
    return this.questionWords(this.normalized(text));
  }

  /** Whether the message is about the writer's own enterprise (我们、our …). */
  isAboutOwnEnterprise(text: string): boolean {
    return this.firstPerson(this.normalized(text));
  }

  /** Whether the message speaks the procedure's words (资源池、评价、推荐意见、pool、evaluation …). */
  isAboutProcedure(text: string): boolean {
    return this.procedureWords(this.normalized(text));
  }

  /** The curated topic a message is most about, with its cue score; null below TOPIC_MIN. */
  topicFor(text: string): { topic: string; score: number } | null {
    const normalized = this.normalized(text);
    let best: { topic: string; score: number } | null = null;
    for (const { entry, cues } of this.topics) {
      const score = cues.reduce((sum, cue) => (cue.test(normalized) ? sum + cue.weight : sum), 0);
      if (score >= TOPIC_MIN && (!best || score > best.score)) best = { topic: entry.id, score };
    }
    return best;
  }

  /** A curated answer, tailored to what the question says (the city, the kind of change). */
  answer(topic: string, locale: Locale, question = '', city?: string): Answer {
    const entry = this.byId.get(topic);
    if (!entry) throw new Error(`no guidance topic "${topic}"`);
    let text = entry[locale];
    let prefill: Record<string, string> | undefined;
    if (entry.id === 'where_to_submit_recognition' && city && entry.variants) {
      const direct = CITIES_WITHOUT_COUNTIES.includes(city as City);
      const name = locale === 'en-US' ? this.knowledge.cityNames[city] ?? city : city;
      text = entry.variants[direct ? 'direct' : 'county']![locale].replaceAll('{city}', name);
    }
    if (entry.kindCues && entry.variants) {
      const kind = this.changeKind(question);
      text = text.replaceAll('{kind}', entry.variants[kind ?? 'any']![locale]);
      if (kind) prefill = { kind };
    }
    return { topic: entry.id, text, clauses: entry.clauses, next: entry.next, show: entry.show, prefill };
  }

  /** Which change a message speaks of (改名 → name), from the change-report topic's cues; null if it does not say. */
  changeKind(text: string): ChangeKind | null {
    const cues = this.byId.get('change_report')?.kindCues;
    if (!cues) return null;
    const normalized = normalize(text);
    const kinds = (Object.entries(cues) as [ChangeKind, string][]).filter(([, cue]) => compileCue(cue)(normalized));
    return kinds.length === 1 ? kinds[0]![0] : null;
  }

  /** The clause that best answers a question no curated topic covers; null when none speaks to it enough. */
  retrieve(question: string): Answer | null {
    const [hit] = this.retrieval.search(this.normalized(question), 1);
    if (!hit || hit.score < RETRIEVAL_MIN_SCORE || hit.coverage < RETRIEVAL_MIN_COVERAGE) return null;
    return { topic: `clause:${hit.clause.id}`, text: '', clauses: [hit.clause.id] };
  }

  /**
   * For a procedure question neither a topic nor a confident clause answers: the nearest clause, to be shown as
   * "the document does not say this directly; the nearest is …" (never as the answer); null when nothing is near.
   */
  nearest(question: string): Answer | null {
    if (!this.isAboutProcedure(question)) return null;
    const [hit] = this.retrieval.search(this.normalized(question), 1);
    if (!hit || hit.score < NEAREST_MIN_SCORE) return null;
    return { topic: `nearest:${hit.clause.id}`, text: '', clauses: [hit.clause.id] };
  }

  /** The overview for "how do I apply" when the question names nothing narrower. */
  howToApply(locale: Locale, city?: string): Answer {
    const parts = [this.answer('recognition_steps', locale), this.answer('where_to_submit_recognition', locale, '', city), this.answer('materials', locale)];
    return { topic: 'how_to_apply', text: parts.map((p) => p.text).join('\n\n'), clauses: [...new Set(parts.flatMap((p) => p.clauses))] };
  }
}

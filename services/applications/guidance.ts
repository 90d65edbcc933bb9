import type { Locale } from '../i18n';
import { CITIES_WITHOUT_COUNTIES, type City } from '../model/taxonomy';
import { compileCue, cuePattern, type CueTest } from '../understanding/cues';
import { normalize } from '../understanding/normalize';
import { clauseProcedure, type Procedure, type ProvinceDocument } from '../knowledge/document';
import { ClauseRetrieval } from '../knowledge/retrieval';
import { clauseFor, clauseOverAnswer } from '../knowledge/coverage';
import { Composition, saysSilence, silenceText, subQuestions, type CompositionKnowledge, type QuestionPart } from '../knowledge/composition';
import { partCounts, TopicCues, type AskerFavour } from '../knowledge/topicCues';
import type { Inferred } from '../understanding/centroids';
import { TopicClassifier, type TopicExample } from '../knowledge/topicClassifier';
import { TopicRetrieval } from '../knowledge/topicRetrieval';

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
  /** The same question's topic in the other procedure (after_review ↔ evaluation_steps), for a part that names neither. */
  counterpart?: string;
  /** Used by flows (what a status question can be told before binding), never chosen by cues. */
  internal?: boolean;
  /**
   * The narrower topics this one answers all of (benefits: the directory, vouchers, talent and finance,
   * publicity): a question that asks two or more of them gets this whole answer instead of a piece of each.
   */
  gathers?: string[];
}

export interface GuidanceKnowledge extends CompositionKnowledge {
  /** The 21 cities' English names, for answers in English. */
  cityNames: Record<string, string>;
  /** Slips people type for the domain's words (评介 → 评价, 公式期 → 公示期), undone before choosing a topic. */
  typos: Record<string, string>;
  questionWords: string;
  firstPerson: string;
  /** Words asking where something stands (结果出来了吗、到哪一步了、status): the enterprise's record answers them. */
  stateWords: string;
  /**
   * Words asking who does something (谁决定、哪个部门、who decides): their record cannot answer it, so with no state
   * word beside it a who-question about "our grade" asks how the procedure works, not where theirs stands.
   */
  agentWords: string;
  /** A condition (如果我们…、if we get in…): the first person and the state words in it are supposed, not theirs. */
  hypothetical: string;
  /** Words that ask for a supplier (找、推荐…服务商、looking for): a need heard with them is matchmaking, not a procedure question. */
  seekWords: string;
  /** The procedure's own words (资源池、认定、评价、pool …): a question in them is for the document, not a flow. */
  procedureWords: string;
  /**
   * The two procedures named (认定/申报/入池 for recognition, 评价/年审 for the annual evaluation): a part of a question
   * that names neither asks about the message's own procedure, never about the other one's step.
   */
  procedureNames: Record<Procedure, string>;
  /**
   * An office speaking of itself (我们市局、我们区里、our city department): a first person that is no enterprise, so
   * an official's question never ends in the enterprise's binding prompt.
   */
  officeSelf: string;
  /** Colloquial words → the document's wording (经信局 → 经济和信息化主管部门), so retrieval finds the clause. */
  synonyms: Record<string, string>;
  /** Words all clauses of a part share (an annex's title), for retrieval: by the part of the clause id before its dot. */
  clauseContext: Record<string, string>;
  topics: TopicEntry[];
  /** Questions people asked, each labelled with the topic that answers it: what the topic classifier learns from. */
  examples?: readonly TopicExample[];
}

export type { Procedure } from '../knowledge/document';

/** What the bot says for a question about the procedure, with where in the document it comes from. */
export interface Answer {
  topic: string;
  text: string;
  clauses: string[];
  next?: NextStep;
  show?: LiveData;
  /** Answers already given in the question (the kind of change), for the form the next step opens. */
  prefill?: Record<string, string>;
  /** The answer says the document is silent on something: the desk adds where to find out (the call, the commission). */
  silent?: boolean;
}

/** A question's topic: below this cue score, it is not about that topic. */
export const TOPIC_MIN = 3;
/** A cue score that outweighs a flow's own intent (find_supplier, a form) when the message is a question. */
export const TOPIC_STRONG = 5;
/** A cue score that decides a topic even over a need the matchmaking heard (客户反馈 is no service to buy). */
export const TOPIC_DECISIVE = 7;
/** How far down retrieval's list the named procedure's own nearest clause is looked for, and how near it must score. */
const NEAREST_OF_NAMED = 8;
const NEAREST_OF_NAMED_SHARE = 0.6;
/** At most this many topics answer one message (its own and its sub-questions'), so one answer stays readable. */
const MAX_TOPICS = 4;
/**
 * Where an applicant submits: an office that says who it is and asks where the files go (I work in the city bureau:
 * after we check them, we send them where?) asks its own step. What to prepare stays the applicant's answer (企业问
 * 认定要准备哪些材料，我们要怎么回答), which an office passes on.
 */
const APPLICANT_STEPS: ReadonlySet<string> = new Set(['where_to_submit_recognition', 'where_to_submit_evaluation']);
/**
 * A curated answer found by retrieval (no cue fired) answers a procedure question when its text and cues contain this
 * share of the question's IDF-weighted content words (with or without the words no clause uses), and more of the
 * document's words than the best clause does (on a tie the clause is the narrower answer: 年度评价期间地市经信局干嘛 is
 * 附件2 第三条, not the city's whole role). Set on sets A–J: of the 20 questions with no cue topic, the 8 it takes were
 * the right topic; those below it were not, or only half.
 */
const RETRIEVED_TOPIC_COVER = 0.6;
/** A question retrieval chooses a curated answer for has at least this many content terms the document knows. */
const RETRIEVED_TOPIC_TERMS = 6;
/**
 * The classifier is sure of a topic when its cosine is at least CLASSIFIED_MIN and CLASSIFIED_LEAD times the next
 * topic's. Leaving one question set out at a time (sets A–P, 663 labelled questions), 321 were so sure, and 96 % of
 * those were right; the thresholds were chosen on those same figures. `npm run bench:topics` prints what it does to
 * the topics chosen.
 */
const CLASSIFIED_MIN = 0.2;
const CLASSIFIED_LEAD = 2;
/** Against a topic the cues found, the classifier's sure topic needs this cosine too (279 of 663 so sure, 96 % right). */
const RECLASSIFY_MIN = 0.25;
/** Words that compare two things, each of which is asked about. */
const COMPARES = /\bversus\b|\bvs\b|compared (to|with)|difference between|区别|不同(?!意)|分别|各自|各管/u;
/**
 * A comparison's other side (跟认定时一样、像申报那样、like we did when we applied, when we first applied, the same as
 * recognition); 和 is left out, for it joins words too (经济和信息化委).
 */
const COMPARED_WITH = /(跟|同|与|像)[^，,。？?！!]{0,14}(一样|那样|似的|相同)|\blike (we did|it was|during|when|in|for|at)\b[^,.?!]*|\bthe same as\b[^,.?!]*|\bwhen we (first )?(appl\w*|join\w*|got in\w*)\b[^,.?!]*|当初(申报|认定|入池)[^，,。？?！!]{0,10}/gu;
/** The words both procedures use for applying (申请, apply): "how do we apply" names no procedure by them alone. */
const APPLY_WORDS = /申请|\bappl(y|ies|ied|ying|ication|icant)s?\b/gu;
/** A part's own topic is added beside answers citing its clauses only when it covers the part's words by this much more. */
const PART_MARGIN = 0.2;
/** Topics whose text names a city that submits without a county (东莞、中山) in a variant of its own. */
const CITY_VARIANT_TOPICS: ReadonlySet<string> = new Set(['where_to_submit_recognition', 'county_role']);

/**
 * The procedure a topic belongs to, from the clauses it cites: recognition when all are annex 1's or the plan's
 * 二（一）, the evaluation when all are annex 2's or 二（二）; null for a topic that spans both or neither.
 */
function procedureOf(entry: TopicEntry): Procedure | null {
  const kinds = new Set(entry.clauses.map(clauseProcedure));
  return kinds.size === 1 ? [...kinds][0]! : null;
}

/**
 * The bot's knowledge of the procedure: curated answers for the common questions (chosen by weighted cues
 * over the normalized message), and for the rest the document's own clauses, found by BM25. Every answer
 * carries the clauses it comes from, for the citation and the "see the clause" button.
 */
export class Guidance {
  private readonly cues: TopicCues;
  private readonly byId: Map<string, TopicEntry>;
  private readonly questionWords: CueTest;
  private readonly firstPerson: CueTest;
  private readonly stateWords: CueTest;
  private readonly agentWords: CueTest;
  private readonly seekWords: CueTest;
  private readonly procedureWords: CueTest;
  private readonly procedureNames: Record<Procedure, CueTest>;
  /** An office speaking of itself (speaksAsOffice): its 我们 / we is the office's, no enterprise's. */
  private readonly officeSelf: CueTest;
  private readonly hypothetical: RegExp;
  private readonly retrieval: ClauseRetrieval;
  private readonly topicRetrieval: TopicRetrieval;
  private readonly classifier: TopicClassifier;
  /** Each topic's procedure (procedureOf), worked out once. */
  private readonly procedures: ReadonlyMap<string, Procedure | null>;
  private readonly composition: Composition;

  constructor(private readonly knowledge: GuidanceKnowledge, readonly document: ProvinceDocument) {
    this.cues = new TopicCues(knowledge.topics);
    this.byId = new Map(knowledge.topics.map((t) => [t.id, t]));
    this.questionWords = compileCue(knowledge.questionWords);
    this.firstPerson = compileCue(knowledge.firstPerson);
    this.stateWords = compileCue(knowledge.stateWords);
    this.agentWords = compileCue(knowledge.agentWords);
    this.seekWords = compileCue(knowledge.seekWords);
    this.procedureWords = compileCue(knowledge.procedureWords);
    this.procedureNames = { recognition: compileCue(knowledge.procedureNames.recognition), evaluation: compileCue(knowledge.procedureNames.evaluation) };
    this.officeSelf = compileCue(knowledge.officeSelf);
    this.hypothetical = cuePattern(knowledge.hypothetical);
    this.retrieval = new ClauseRetrieval(document.clauses, knowledge.synonyms, knowledge.clauseContext);
    this.topicRetrieval = new TopicRetrieval(knowledge.topics, knowledge.synonyms);
    // The same chosen topics' texts retrieval indexes; examples labelled with a topic that is not chosen teach nothing.
    const answers = this.topicRetrieval.passages.map((p) => ({ id: p.id, texts: [p.text, p.en ?? ''] }));
    const known = new Set(answers.map((a) => a.id));
    const examples = (knowledge.examples ?? []).filter((e) => e.topics.every((id) => known.has(id)));
    this.classifier = new TopicClassifier(examples, answers, (text) => this.normalized(text));
    this.procedures = new Map(knowledge.topics.map((t) => [t.id, procedureOf(t)]));
    this.composition = new Composition(knowledge);
  }

  /** Every silence statement the answers may open with, for the test that each names clauses that exist. */
  get silences() {
    return this.composition.allSilences;
  }

  /** Every correction of a premise the answers may open with, for the same test. */
  get corrections() {
    return this.composition.allCorrections;
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

  /**
   * Whether the message is about the writer's own enterprise (我们、our …). When only some of its parts ask, only
   * those count: "We got into the pool last year. Is there evaluation every year?" tells who is asking, and asks
   * how evaluation works, not where theirs stands; "我们公司在市里，评价结果出来没有" asks where something stands, which
   * can only be theirs.
   */
  isAboutOwnEnterprise(text: string): boolean {
    // An office's 我们 / we is the office (I work at a city bureau … what are we to do): no enterprise's record.
    const plain = this.normalized(text);
    if (this.officeSelf(plain)) return false;
    const normalized = plain.replace(this.hypothetical, ' ');
    const parts = subQuestions(normalized);
    const asked = parts.filter((p) => this.asks(p));
    const asking = asked.length ? asked : parts;
    if (asking.some((p) => this.stateWords(p.text))) return this.firstPerson(normalized);
    // 谁决定我们的评价等级 / who rates us: the procedure answers who, never their record.
    if (asking.length && asking.every((p) => this.agentWords(p.text))) return false;
    if (asked.length && asked.length < parts.length) return asked.some((p) => this.firstPerson(p.text));
    return this.firstPerson(normalized);
  }

  /** Whether the message asks where an application or evaluation stands (结果出来了吗、到哪一步了), with or without 我们. */
  asksState(text: string): boolean {
    return this.stateWords(this.unsupposed(text));
  }

  /** The message without its conditions: "if we get in and rated 优秀, is national-level status guaranteed?" asks of no record. */
  private unsupposed(text: string): string {
    return this.normalized(text).replace(this.hypothetical, ' ');
  }

  /** Whether the message asks what the document never sets on a subject (被淘汰了还能再申请吗、改名报备的时限). */
  asksSubjectSilence(text: string): boolean {
    return this.composition.subjectSilences(this.normalized(text)).length > 0;
  }

  /** Whether the message makes a premise the document contradicts (没进池能直接参加评价吗): the document answers it, no record. */
  correctsPremise(text: string): boolean {
    return this.composition.premisesCorrected(this.normalized(text)).length > 0;
  }

  /** Whether the writer speaks as an office (我们市局、our county bureau), not as an enterprise. */
  speaksAsOffice(text: string): boolean {
    return this.officeSelf(this.normalized(text));
  }

  /** Whether the message asks for a supplier (找、推荐…服务商、looking for a provider). */
  seeksSupplier(text: string): boolean {
    return this.seekWords(this.normalized(text));
  }

  /** Whether the message speaks the procedure's words (资源池、评价、推荐意见、pool、evaluation …). */
  isAboutProcedure(text: string): boolean {
    return this.procedureWords(this.normalized(text));
  }

  /**
   * The curated topic a message is most about, with its cue score; null below TOPIC_MIN. An official asking
   * about their own step (我是区经信局的，我们要干啥) gets their role's topic over the broad one it shares words with.
   */
  topicFor(text: string): { topic: string; score: number; retrieved?: boolean } | null {
    const normalized = this.normalized(text);
    const asker = this.composition.askerBoost(normalized);
    const plain = this.bestTopic(normalized);
    if (!asker) return plain ? this.reclassified(normalized, plain) : this.classifiedTopic(normalized) ?? this.retrievedTopic(normalized);
    // A topic decisive on its own words (市级资源池 from a city official) is the specific point: the asker's role does not
    // override it. Another office's role is no such point for an office that says who it is: the city bureau asking what
    // it does with what the counties send asks its own.
    const plainTopic = plain?.topic ?? '';
    const ownOffice = (this.composition.isRoleTopic(plainTopic) || APPLICANT_STEPS.has(plainTopic)) && this.officeSelf(normalized);
    if (plain && plain.score >= TOPIC_DECISIVE && plain.topic !== asker.topic && !asker.role && !ownOffice) return plain;
    // The office's role asked outright (我们区要不要审核): its topic, whatever else the question's words share.
    return !asker.role ? this.bestTopic(normalized, asker) : { topic: asker.topic, score: Math.max(TOPIC_STRONG, this.cues.score(asker.topic, normalized) + asker.boost) };
  }

  /**
   * For a procedure question no cue fires on: the curated answer retrieval finds, when it speaks to the question (on
   * the clauses' scale) better than the best clause does; marked retrieved and as weak as cues can give (TOPIC_MIN):
   * `decide` lets it answer only where the document would be searched anyway. A request for suppliers is matchmaking's.
   */
  private retrievedTopic(normalized: string): { topic: string; score: number; retrieved: true } | null {
    if (!this.asksTheDocument(normalized)) return null;
    // Against the clause, only the words the document uses count: a cue's 干嘛 is no more of an answer than the clause.
    const known = this.retrieval.contentWeights(normalized, false);
    // A short question (认定需要提交什么) is covered by any answer sharing its two words: too little to choose on.
    if (known.size < RETRIEVED_TOPIC_TERMS) return null;
    const passage = this.topicRetrieval.best(normalized, this.otherProcedureTopics(normalized));
    if (!passage) return null;
    const text = this.topicRetrieval.textOf(passage.id);
    const own = this.retrieval.coverage(this.retrieval.contentWeights(normalized), text);
    const [clause] = this.retrieval.search(normalized, 1);
    const clauseCover = clause ? this.retrieval.passageCoverage(clause.clause.id, known) : 0;
    // Either share will do: with the words the document never uses (a cue's 干嘛 is there), or without them (hand it in).
    const knownCover = this.retrieval.coverage(known, text);
    if (Math.max(own, knownCover) < RETRIEVED_TOPIC_COVER || knownCover <= clauseCover) return null;
    if (this.namedProcedureClause(normalized, passage.id, clause, known)) return null;
    return { topic: passage.id, score: TOPIC_MIN, retrieved: true };
  }

  /** A question in the procedure's words, seeking no supplier: what a topic found without cues may answer. */
  private asksTheDocument(normalized: string): boolean {
    return this.procedureWords(normalized) && !this.seekWords(normalized) && this.questionWords(normalized);
  }

  /**
   * 年度评价期间地市经信局干嘛: the evaluation's own clause answers it, not a topic that also tells the recognition's step.
   * True when the message names one procedure, the topic is not of it alone, and that procedure's best clause covers the
   * question's known words well.
   */
  private namedProcedureClause(normalized: string, topic: string, clause = this.retrieval.search(normalized, 1)[0], known?: Map<string, number>): boolean {
    const named = this.namedProcedure(normalized);
    if (!named || this.procedures.get(topic) === named) return false;
    if (!clause || clauseProcedure(clause.clause.id) !== named) return false;
    return this.retrieval.passageCoverage(clause.clause.id, known ?? this.retrieval.contentWeights(normalized, false)) >= RETRIEVED_TOPIC_COVER;
  }

  /**
   * For a procedure question no cue fires on: the topic whose asked questions (and answer) it is nearest, when the
   * classifier is sure, with retrieval's limits (asksTheDocument; not the other procedure's, nor a broad topic where the
   * named procedure's clause answers). As sure as it must be to overrule cues, it is a topic as a cue's is (For the
   * annual evaluation, do we submit through the district bureau again: where, not the how-to-apply flow's eight steps);
   * less sure, it is marked retrieved, and answers only where the document would be searched anyway.
   */
  private classifiedTopic(normalized: string): { topic: string; score: number; retrieved?: true } | null {
    if (!this.asksTheDocument(normalized)) return null;
    const top = this.sureTopic(this.classifier.classify(normalized), normalized);
    if (!top || this.namedProcedureClause(normalized, top.name)) return null;
    return top.score >= RECLASSIFY_MIN ? { topic: top.name, score: TOPIC_MIN } : { topic: top.name, score: TOPIC_MIN, retrieved: true };
  }

  /** The classifier's topic when it is sure of it (see CLASSIFIED_MIN), of the procedure the message names if it names one. */
  private sureTopic(hits: readonly Inferred[], normalized: string): Inferred | null {
    const other = this.otherProcedureTopics(normalized);
    const [top, next] = hits.filter((hit) => !other.has(hit.name));
    return top && top.score >= CLASSIFIED_MIN && top.score >= CLASSIFIED_LEAD * (next?.score ?? 0) ? top : null;
  }

  /**
   * The cues' topic, unless the classifier is sure of another one that the cues' topic is far from (公示完以后正式结果谁来
   * 公布？在公示之前省经信委还要做什么: the cues hear 公布, the questions asked like it were about what follows the review).
   * The cues' score stays: it says how strongly the message is about the procedure, which decide() weighs.
   */
  private reclassified(normalized: string, plain: { topic: string; score: number }): { topic: string; score: number } {
    // Sure, it leads every other topic of the procedure asked twice over; and over cues at all, surer still. A topic
    // decisive on its own cues (≥ TOPIC_DECISIVE) is not overruled.
    const top = this.sureTopic(this.classifier.classify(normalized), normalized);
    if (!top || top.name === plain.topic || top.score < RECLASSIFY_MIN || plain.score >= TOPIC_DECISIVE) return plain;
    // A message of several questions whose one part the cues' topic answers (一年能报几回？申报通知谁发的) keeps it: the
    // classifier reads the message whole, and would leave that part unanswered.
    const asked = subQuestions(normalized).filter((p) => this.asks(p));
    if (asked.length > 1 && asked.some((p) => this.cues.score(plain.topic, p.text) >= TOPIC_MIN)) return plain;
    return { topic: top.name, score: plain.score };
  }

  /** The topics of the procedure a message does not name, when it names the other one alone (empty otherwise). */
  private otherProcedureTopics(normalized: string): ReadonlySet<string> {
    const named = this.namedProcedure(normalized);
    if (!named) return new Set();
    return new Set([...this.procedures].filter(([, procedure]) => procedure && procedure !== named).map(([id]) => id));
  }

  /**
   * The one procedure a message names (年度评价 → the evaluation), or null for none or both. The procedure it compares
   * with (跟认定时一样、like we did when we applied) is not the one asked about.
   */
  private namedProcedure(normalized: string): Procedure | null {
    const asked = normalized.replace(COMPARED_WITH, ' ');
    const named = (['recognition', 'evaluation'] as const).filter((p) => this.procedureNames[p](asked));
    return named.length === 1 ? named[0]! : null;
  }

  /** A role topic (the city's duties) needs a duty question or cues beyond the office's name ("copied to, besides the city bureaus"). */
  private bestTopic(normalized: string, asker: AskerFavour | null = null): { topic: string; score: number } | null {
    // A message naming one procedure (For the annual evaluation, do we submit…) is not answered with the other's topic.
    // Decisive on its own words, the other's topic stands.
    const otherProcedure = this.otherProcedureTopics(normalized);
    // A tie of cue scores goes to the topic a question part asks about (评了不合格，不服，可以提异议吗: the objection, not the
    // rating told), then to the answer that covers more of the question (one scale with the clauses).
    // Worked out on the first tie only.
    let tie: { weights: Map<string, number>; asked: string[] } | null = null;
    const tieScore = (id: string) => {
      tie ??= { weights: this.retrieval.contentWeights(normalized), asked: this.askingParts(normalized) };
      return (tie.asked.some((part) => this.cues.score(id, part) >= TOPIC_MIN) ? 1 : 0) + this.retrieval.coverage(tie.weights, this.topicRetrieval.textOf(id));
    };
    const unfiltered = this.cues.best(normalized, TOPIC_MIN, asker, new Set(), tieScore);
    const weakOther = unfiltered && otherProcedure.has(unfiltered.topic) && unfiltered.score < TOPIC_DECISIVE;
    const best = weakOther ? this.cues.best(normalized, TOPIC_MIN, asker, otherProcedure, tieScore) : unfiltered;
    if (!best || asker?.topic === best.topic || !this.composition.isRoleTopic(best.topic)) return best;
    const own = best.score - Math.max(0, this.cues.score(best.topic, this.composition.officeNames(normalized)));
    // The role's alternative is of the named procedure (or of none), whatever its score.
    const other = this.cues.best(normalized, TOPIC_MIN, asker, new Set([best.topic, ...otherProcedure]), tieScore);
    return own >= TOPIC_MIN && own >= (other?.score ?? 0) ? best : other;
  }

  /**
   * A procedure question asked beside a request for suppliers (帮我推荐几家…另外，有没有官方的对接会？): the topic of
   * the first sub-question that seeks no supplier and asks in the procedure's words (its own or the message's),
   * when it is strong; null otherwise, and the request keeps its flow.
   */
  procedureAside(text: string): { topic: string; score: number } | null {
    const normalized = this.normalized(text);
    const procedure = this.procedureWords(normalized);
    for (const part of subQuestions(normalized)) {
      if (this.seekWords(part.text) || !this.asks(part)) continue;
      if (!procedure && !this.procedureWords(part.text)) continue;
      const hit = this.bestTopic(part.text);
      if (hit && hit.score >= TOPIC_STRONG) return hit;
    }
    return null;
  }

  /**
   * The topics of a question's other sub-questions (年度评价是谁评？结果谁发布？), after its main one. A part counts
   * when it is a question of its own (partCounts: its topic strong alone, or nearly so with the whole message behind
   * it) and does not ask what the document never sets (the silence answers that); a part's topic that only repeats clauses
   * already chosen adds nothing, and one that covers the main topic's is added only when it is decisive (有什么好处
   * beside 国家级平台有没有优先: the whole list of support after the platform one; who organises the review beside recusal).
   * Two or more pieces of one gathering topic (名录、服务券) are answered by it whole. A part whose topic is of the
   * other procedure, and that names neither, brings that topic's counterpart in the message's procedure when it is
   * strong (交区里还是市里？后面流程是怎样的 in an evaluation question: the evaluation's steps), before the checks above.
   */
  private topicsOf(main: string, question: string): TopicEntry[] {
    const normalized = this.normalized(question);
    let chosen = [this.byId.get(main)!];
    // A comparison (the commission versus the alliance, 认定和评价分别…) asks both sides: a topic tied with the main one is asked too.
    if (COMPARES.test(normalized)) {
      const mainScore = this.cues.score(main, normalized);
      const tied = this.cues.best(normalized, Math.max(TOPIC_MIN, mainScore), null, new Set([main]));
      if (tied && tied.score === mainScore) chosen.push(this.byId.get(tied.topic)!);
    }
    const mainProcedure = this.procedures.get(main) ?? null;
    const covers = (a: TopicEntry, b: TopicEntry) => b.clauses.every((c) => a.clauses.includes(c));
    for (const part of subQuestions(normalized)) {
      if (this.composition.asksSilence(part.text)) continue;
      const asker = this.composition.askerBoost(part.text);
      const hit = this.bestTopic(part.text, asker);
      if (!hit || chosen.some((e) => e.id === hit.topic)) continue;
      const entry = this.byId.get(hit.topic)!;
      // 年度评价…先交到区里？ : the part's 交到区里 asks about the evaluation, not recognition's county step; a strong part
      // gets its own procedure's counterpart instead (交区里还是市里？后面流程是怎样的: the evaluation's steps).
      const other = this.procedures.get(entry.id) ?? null;
      if (mainProcedure && other && other !== mainProcedure && !this.procedureNames[other](part.text)) {
        const counterpart = entry.counterpart ? this.byId.get(entry.counterpart) : undefined;
        if (counterpart && hit.score >= TOPIC_STRONG && this.procedures.get(counterpart.id) === mainProcedure && !chosen.includes(counterpart)) chosen.push(counterpart);
        continue;
      }
      const whole = this.cues.score(hit.topic, normalized) + (asker?.topic === hit.topic ? asker.boost : 0);
      if (!partCounts(hit.score, whole, TOPIC_MIN, TOPIC_STRONG)) continue;
      // A part already answered by what was chosen adds nothing; citing the same clause is not answering the part (专家委员会
      // and 回避 are both 附件1 第五条, and the committee's answer says nothing of recusal): weighed on the part's own words.
      if (chosen.some((e) => covers(e, entry)) && !this.answersPartBetter(entry, chosen, part.text)) continue;
      // Decisive on its own words, not by the asker's favour (我们市…要不要再报 is the city pool's, not the city's whole role).
      if (covers(entry, chosen[0]!) && this.cues.score(hit.topic, part.text) < TOPIC_DECISIVE) continue;
      chosen.push(entry);
    }
    for (const entry of this.knowledge.topics) {
      if (!entry.gathers || chosen.includes(entry)) continue;
      const asked = entry.gathers.filter((id) => chosen.some((e) => e.id === id) || this.cues.score(id, normalized) >= TOPIC_MIN);
      // Two that say the same clause (the directory and the events, both 二（五）一是) are one piece, not two.
      if (new Set(asked.map((id) => this.byId.get(id)!.clauses.join())).size < 2) continue;
      const at = Math.max(0, chosen.findIndex((e) => asked.includes(e.id)));
      chosen = chosen.filter((e) => !asked.includes(e.id));
      chosen.splice(Math.min(at, chosen.length), 0, entry);
    }
    return chosen.slice(0, MAX_TOPICS);
  }

  /**
   * Whether an entry answers a part of the question better than the answers already chosen do, on the one scale of
   * the retrieval (the share of the part's IDF-weighted content words each text contains), by PART_MARGIN.
   */
  private answersPartBetter(entry: TopicEntry, chosen: TopicEntry[], part: string): boolean {
    const weights = this.retrieval.contentWeights(part);
    return this.retrieval.coverage(weights, this.topicText(entry.id)) >= this.retrieval.coverage(weights, chosen.map((e) => this.topicText(e.id)).join(' ')) + PART_MARGIN;
  }

  /** A topic's answer in both languages, as weighed on the clauses' scale. */
  private topicText(id: string): string {
    const entry = this.byId.get(id)!;
    return `${entry['zh-CN']} ${entry['en-US']}`;
  }

  /**
   * A curated answer, tailored to what the question says (the city, the kind of change), with the answers to its
   * other sub-questions, opening with what the document does not set when that is what was asked (多少天、网址).
   */
  answer(topic: string, locale: Locale, question = '', city?: string): Answer {
    if (!this.byId.has(topic)) throw new Error(`no guidance topic "${topic}"`);
    return this.compose(question.trim() ? this.topicsOf(topic, question) : [this.byId.get(topic)!], locale, question, city, true);
  }

  /**
   * The answers of the entries, the first being the main one, with the silences asked; weighed against the clauses
   * (weigh) when the question was given: a clause that covers the question better is the answer instead — in its
   * curated words when a topic answers from that clause first (优秀供应商名单在哪看 → the directory, 二（五）一是),
   * kept beside the main topic when the question's own words decide that topic.
   */
  private compose(entries: TopicEntry[], locale: Locale, question: string, city: string | undefined, weigh: boolean): Answer {
    const normalized = this.normalized(question);
    const parts = entries.map((entry) => this.entryAnswer(entry, locale, question, city));
    let text = parts.map((p) => p.text).join('\n\n');
    const clauses = [...new Set(parts.flatMap((p) => p.clauses))];
    const silent = question.trim() ? this.composition.silencesFor(normalized, text) : [];
    // A silence asked that the answer already says (the ratings answer ends on re-applying): that sentence leads.
    if (question.trim()) {
      const asked = this.askingParts(normalized);
      text = this.composition.saidFirst(normalized, asked.length ? asked : [normalized], text);
    }
    if (silent.length) {
      text = `${silenceText(silent, locale)}\n\n${text}`;
      for (const s of silent) for (const c of s.clauses) if (!clauses.includes(c)) clauses.push(c);
    }
    // The office's role asked outright keeps its answer; a silence asked comes first and keeps it too.
    if (weigh && question.trim() && !silent.length && !this.composition.askerBoost(normalized)?.role && !this.askedOf(entries[0]!.id, normalized)) {
      const better = clauseOverAnswer(this.retrieval, normalized, `${text} ${entries.flatMap((e) => e.cues.map(([cue]) => cue)).join(' ')}`);
      if (better) {
        // Only a topic whose first clause it is (city pools also cite the mutual recognition they mention), and that says what the clause says of the question (二（二） is also the validity's clause, which speaks of no data).
        const weights = this.retrieval.contentWeights(normalized);
        const own = this.knowledge.topics.filter((t) => !t.internal && t.clauses[0] === better.clause.id && this.retrieval.coverage(weights, this.topicText(t.id)) >= better.weighted);
        const curated = own.sort((a, b) => this.cues.score(b.id, normalized) - this.cues.score(a.id, normalized))[0];
        if (!curated) return { topic: `clause:${better.clause.id}`, text: '', clauses: [better.clause.id] };
        // An office's role scores on the office's name (我们市): it decides nothing the clause does not.
        const main = entries[0]!.id;
        const decided = !this.composition.isRoleTopic(main) && this.cues.score(main, normalized) >= TOPIC_DECISIVE;
        // A topic the question's words decide is not displaced by one none of them asks for, whose clause only shares a
        // word with it (认定一年搞几回？谁牵头: 牵头 is in the vouchers' clause, the question is the frequency's).
        if (!decided || this.cues.score(curated.id, normalized) > 0) {
          return this.compose(decided ? [curated, ...entries.filter((e) => e !== curated)].slice(0, MAX_TOPICS) : [curated], locale, question, city, false);
        }
      }
    }
    const main = parts[0]!;
    const withNext = parts.find((p) => p.next);
    const show = main.show ?? parts.find((p) => p.show)?.show;
    return { topic: main.topic, text, clauses, next: main.next ?? withNext?.next, show, prefill: main.prefill ?? withNext?.prefill, silent: saysSilence(text) };
  }

  /** Whether a part of a message asks something: a question mark after it, or a question word in it. */
  private asks(part: QuestionPart): boolean {
    return part.marked || this.questionWords(part.text);
  }

  /** The texts of the message's parts that ask. */
  private askingParts(normalized: string): string[] {
    return subQuestions(normalized).filter((p) => this.asks(p)).map((p) => p.text);
  }

  /**
   * Whether the topic's cues are strong on a part of the message that asks (去哪里申诉 after 公示的拟认定名单里没有我们，感觉
   * 不公平): the words of the asking decide it, however many of the background's a clause shares.
   */
  private askedOf(topic: string, normalized: string): boolean {
    const parts = subQuestions(normalized);
    return parts.length > 1 && parts.some((p) => this.asks(p) && this.cues.score(topic, p.text) >= TOPIC_STRONG);
  }

  private entryAnswer(entry: TopicEntry, locale: Locale, question: string, city?: string): Answer {
    let text = entry[locale];
    let prefill: Record<string, string> | undefined;
    if (CITY_VARIANT_TOPICS.has(entry.id) && city && entry.variants) {
      const direct = CITIES_WITHOUT_COUNTIES.includes(city as City);
      const name = locale === 'en-US' ? this.knowledge.cityNames[city] ?? city : city;
      const variant = entry.variants[direct ? 'direct' : 'county'];
      if (variant) text = variant[locale].replaceAll('{city}', name);
    }
    // An office's role asked of one procedure (市经信局在年度评价里要干嘛): that procedure's part of it, and its clauses.
    // It takes precedence over the city variant above: in the evaluation no county step differs by city.
    const named = question.trim() ? this.namedProcedure(this.normalized(question)) : null;
    const procedureVariant = named ? entry.variants?.[named] : undefined;
    if (named && procedureVariant) {
      return { topic: entry.id, text: procedureVariant[locale], clauses: entry.clauses.filter((c) => clauseProcedure(c) === named), next: entry.next, show: entry.show };
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

  /**
   * For a question no curated topic answers: what the document does not set on the subject asked about
   * (改名报备有没有时限 → no number of days; only "after the formalities, promptly"), with the clauses it cites.
   */
  silenceAnswer(question: string, locale: Locale): Answer | null {
    const normalized = this.normalized(question);
    // A premise the document contradicts is set right first (联盟出了名单就算入池了吧), then what it does not set.
    const corrected = this.composition.premisesCorrected(normalized);
    const silent = this.composition.subjectSilences(normalized);
    const rules = [...corrected, ...silent];
    if (!rules.length) return null;
    const topic = corrected.length ? `correction:${corrected[0]!.id}` : `silence:${silent[0]!.id}`;
    return { topic, text: silenceText(rules, locale), clauses: [...new Set(rules.flatMap((s) => s.clauses))], silent: silent.length > 0 };
  }

  /** The clause that best answers a question no curated topic covers; null when none speaks to it enough. */
  retrieve(question: string): Answer | null {
    const normalized = this.normalized(question);
    const hit = clauseFor(this.retrieval, normalized, false);
    return hit ? { topic: `clause:${hit.id}`, text: '', clauses: this.withCounterpart(hit, normalized) } : null;
  }

  /** The clause, and its other annex's counterpart when the question names neither procedure (报省里要抄送联盟吗). */
  private withCounterpart(hit: { id: string; pair?: string }, normalized: string): string[] {
    return hit.pair && !this.namedProcedure(normalized) ? [hit.id, hit.pair] : [hit.id];
  }

  /** For a procedure question neither a topic nor a confident clause answers: the nearest clause (clauseFor); null when none is near. */
  nearest(question: string): Answer | null {
    if (!this.isAboutProcedure(question)) return null;
    const normalized = this.normalized(question);
    const hit = clauseFor(this.retrieval, normalized, true);
    if (!hit) return null;
    // A question naming one procedure (市经信局在评价这块要干嘛) is not shown the other's clause as the nearest: its own nearest is.
    const named = this.namedProcedure(normalized);
    const other = clauseProcedure(hit.id);
    if (!hit.answers && named && other && other !== named) {
      const hits = this.retrieval.search(normalized, NEAREST_OF_NAMED);
      const floor = NEAREST_OF_NAMED_SHARE * (hits[0]?.score ?? 0);
      const own = hits.find((h) => clauseProcedure(h.clause.id) === named && h.score >= floor);
      if (own) return { topic: `nearest:${own.clause.id}`, text: '', clauses: [own.clause.id] };
    }
    // "The nearest clause, for reference" is one clause; a counterpart goes with a clause that answers.
    return { topic: `${hit.answers ? 'clause' : 'nearest'}:${hit.id}`, text: '', clauses: hit.answers ? this.withCounterpart(hit, normalized) : [hit.id] };
  }

  /**
   * The overview for "how do I apply" when the question names nothing narrower; for a question naming the annual
   * evaluation alone (年度评价主要考核哪些方面 heard as how to apply), the evaluation's steps, not recognition's ten.
   */
  howToApply(locale: Locale, city?: string, question = ''): Answer {
    if (this.namedProcedure(this.normalized(question).replace(APPLY_WORDS, ' ')) === 'evaluation') return this.answer('evaluation_steps', locale, question, city);
    const parts = [this.answer('recognition_steps', locale), this.answer('where_to_submit_recognition', locale, '', city), this.answer('materials', locale)];
    return { topic: 'how_to_apply', text: parts.map((p) => p.text).join('\n\n'), clauses: [...new Set(parts.flatMap((p) => p.clauses))] };
  }
}

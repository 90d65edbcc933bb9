import type { ActRules } from './acts';
import { compileCue, escapeRegExp, type CueTest } from './cues';
import type { Intent } from './intents';
import { SpanMatcher, type Span } from './spans';

/**
 * Intents that share their words and differ by structure (data/understanding/families.json). Adding words
 * cannot tell "我想收到通知" from "我不想再收到通知": both say 收到 and 通知. What tells them apart is the scope
 * of the negation (does 不想 govern 收到?), which clause comes last (之前退订了，现在想重新接收: the current
 * wish is the last one), and what a how-to question is about (提异议要准备什么: an objection, not an application).
 */
export interface FamilyRules {
  subscription: {
    receive: string[];
    stop: string[];
    /** Bare 发/推: about notices only when negated (不用再发了) or next to a notice word. */
    bareSend: string[];
    negators: string[];
    resume: string[];
    objects: string[];
    clauseBreaks: string[];
    /** A clause that says one of these tells what was done before (之前点了退订): not the current wish. */
    narratedPast?: string[];
    /** Not sending a kind of supplier (别推不合格的) filters a recommendation: it does not stop notices. */
    supplierKinds?: string[];
  };
  /** What the user does with the words (services/understanding/acts.ts). */
  acts?: ActRules;
  howTo: {
    applicationTopic: string[];
    procedureIntents: string[];
  };
  /** A question about the pool's procedure (入库, 评价指标, 好处) that seeks nobody: service words are the asker's own. */
  supplierSide?: { procedureTopic: string[]; question: string[]; seeking: string[] };
  /** Replacing or avoiding (换人, 回避) a person who reviews (专家, 考察): a recusal, whatever else it says. */
  recusal?: { replace: string[]; reviewer: string[] };
  /** Reporting (举报, 不实) about another party (那家, 公示里): an objection, not a change report of one's own. */
  objection?: { report: string[]; otherParty: string[] };
  /** Words of the pool and its procedures: a message with none of them is not about a procedure. */
  poolTopic?: string[];
  /** What a need seeks or is about (服务商, 系统, 车间 …): seeking without any of it is not a need. */
  needObjects?: string[];
}

type Word = 'receive' | 'stop' | 'bareSend' | 'negator' | 'resume' | 'object';

/** A negator governs a verb this many characters after it ("no longer want to receive", "不想再收到"). */
const NEGATION_REACH = 12;
/** … or right after it, in Chinese word order ("推送不用了", "通知别发了"). */
const NEGATION_AFTER = 4;
/** A word of receiving this close before a stop verb is its object (订阅取消掉). */
const OBJECT_REACH = 3;
/** Cue points of a procedure that make a how-to question about that procedure. */
const PROCEDURE_CUE = 4;
/** What a structural reading (a recusal, an objection) is worth: as much as one strong cue of it. */
const STRUCTURE_POINTS = 5;

export class IntentFamilies {
  private readonly words: SpanMatcher<Word>;
  private readonly breaks: RegExp;
  private readonly narratedPast: CueTest[];
  private readonly supplierKinds: CueTest[];
  private readonly applicationTopic: CueTest[];
  private readonly procedures: Set<string>;
  private readonly tests: Partial<Record<'procedureTopic' | 'question' | 'seeking' | 'replace' | 'reviewer' | 'report' | 'otherParty' | 'poolTopic' | 'needObjects', CueTest[]>>;

  constructor(rules: FamilyRules) {
    const s = rules.subscription;
    const entries: [Word, string[]][] = [['receive', s.receive], ['stop', s.stop], ['bareSend', s.bareSend], ['negator', s.negators], ['resume', s.resume], ['object', s.objects]];
    this.words = new SpanMatcher(entries.flatMap(([meaning, phrases]) => phrases.map((phrase) => ({ phrase, meaning }))));
    this.breaks = new RegExp(s.clauseBreaks.map(escapeRegExp).join('|'), 'g');
    this.narratedPast = (s.narratedPast ?? []).map(compileCue);
    this.supplierKinds = (s.supplierKinds ?? []).map(compileCue);
    this.applicationTopic = rules.howTo.applicationTopic.map(compileCue);
    this.procedures = new Set(rules.howTo.procedureIntents);
    const lists = { ...rules.supplierSide, ...rules.recusal, ...rules.objection, poolTopic: rules.poolTopic ?? [], needObjects: rules.needObjects ?? [] };
    this.tests = Object.fromEntries(Object.entries(lists).map(([kind, cues]) => [kind, cues.map(compileCue)]));
  }

  /** Whether the message says any word of the pool, its procedures or its reviewers (申报, 公示, 订阅, 专家 …). */
  mentionsPool(normalized: string): boolean {
    return this.says('poolTopic', normalized) || this.says('procedureTopic', normalized) || this.says('reviewer', normalized);
  }

  /** Whether the message names anything a need is about (a supplier, a system, the shop floor). */
  namesNeedObject(normalized: string): boolean {
    return this.says('needObjects', normalized);
  }

  private says(kind: keyof IntentFamilies['tests'], normalized: string): boolean {
    return (this.tests[kind] ?? []).some((t) => t(normalized));
  }

  /**
   * Whether the message wants notices or wants them to stop, from its last clause that says either; null when
   * it says neither.
   */
  subscription(normalized: string): 'subscribe' | 'unsubscribe' | null {
    // What the message is about carries across its clauses ("这些消息用不上，帮我关掉"); the wish is per clause.
    const aboutNotices = this.words.find(normalized).some((s) => s.meanings.includes('object'));
    let last: 'subscribe' | 'unsubscribe' | null = null;
    for (const clause of normalized.split(this.breaks)) {
      if (this.narratedPast.some((t) => t(clause))) continue;
      const polarity = this.clausePolarity(clause, aboutNotices);
      if (polarity) last = polarity;
    }
    return last;
  }

  /**
   * Applies both rules to the cue scores: the subscription family's points go to the side the structure says;
   * a how-to question that names another procedure and not the application gives its how-to points to it.
   */
  apply(normalized: string, scores: Map<Intent, number>): void {
    const polarity = this.subscription(normalized);
    if (!polarity && this.filtersSuppliers(normalized)) {
      scores.set('subscribe', 0);
      scores.set('unsubscribe', 0);
    }
    if (polarity) {
      const other = polarity === 'subscribe' ? 'unsubscribe' : 'subscribe';
      scores.set(polarity, scores.get(polarity)! + scores.get(other)! + 3);
      scores.set(other, 0);
    }
    // 听说张教授要来考察…怎么申请换人: asking how to replace a reviewer is a recusal, not a how-to of applying.
    if (this.says('replace', normalized) && this.says('reviewer', normalized)) {
      scores.set('recusal', scores.get('recusal')! + STRUCTURE_POINTS + scores.get('how_to_apply')!);
      scores.set('how_to_apply', 0);
    }
    // 举报…公示里那家企业股权早就变了: another party's change, reported, is an objection to the publicity.
    if (this.says('report', normalized) && this.says('otherParty', normalized)) {
      scores.set('objection', scores.get('objection')! + STRUCTURE_POINTS + scores.get('change_report')!);
      scores.set('change_report', 0);
    }
    // 做MES的服务商怎么申请入库: a question about the pool's procedure that seeks nobody is that procedure's
    // question; the service it names is the asker's own business, not a need.
    if (this.says('procedureTopic', normalized) && this.says('question', normalized) && !this.says('seeking', normalized)) {
      const needPoints = scores.get('find_supplier')!;
      scores.set('find_supplier', 0);
      const [procedure, points] = [...scores.entries()].filter(([intent]) => intent !== 'none' && intent !== 'help').sort((a, b) => b[1] - a[1])[0]!;
      if (points <= 0) scores.set('how_to_apply', Math.min(needPoints, PROCEDURE_CUE));
      else scores.set(procedure, points + 1);
    }
    const howTo = scores.get('how_to_apply')!;
    if (howTo > 0 && !this.applicationTopic.some((t) => t(normalized))) {
      const [procedure, points] = [...scores.entries()].filter(([intent]) => this.procedures.has(intent)).sort((a, b) => b[1] - a[1])[0] ?? [];
      if (procedure && points! >= PROCEDURE_CUE) {
        scores.set(procedure, points! + howTo);
        scores.set('how_to_apply', 0);
      }
    }
  }

  /** 别给我推不合格的那些: a negated send whose object, in its clause, is a kind of supplier. */
  private filtersSuppliers(normalized: string): boolean {
    return normalized.split(this.breaks).some((clause) => {
      const spans = this.words.find(clause);
      return spans.some((n, i) => n.meanings.includes('negator') && spans.slice(i + 1).some((v) => v.meanings.includes('bareSend') && this.supplierKinds.some((t) => t(clause.slice(v.end)))));
    });
  }

  private clausePolarity(clause: string, aboutNotices: boolean): 'subscribe' | 'unsubscribe' | null {
    const spans = this.words.find(clause);
    const has = (kind: Word) => spans.some((s) => s.meanings.includes(kind));
    const negators = spans.filter((s) => s.meanings.includes('negator'));
    const verbs = spans.filter((s) => s.meanings.some((m) => m === 'receive' || m === 'stop' || m === 'bareSend'));
    // A negator governs the first verb after it, not every later one (请不要取消我的订阅: 不要 → 取消, not 订阅).
    const negated = (verb: Span<Word>) =>
      negators.some(
        (n) =>
          (n.end <= verb.start && verb.start - n.end <= NEGATION_REACH && !verbs.some((v) => v !== verb && v.start >= n.end && v.end <= verb.start)) ||
          (n.start >= verb.end && n.start - verb.end <= NEGATION_AFTER),
      );
    let vote = 0;
    let strong = false;
    for (const verb of verbs) {
      const kind = verb.meanings.find((m) => m === 'receive' || m === 'stop' || m === 'bareSend')!;
      const no = negated(verb);
      // 订阅取消掉, 推送都关了: next to a stop, a word of receiving is what is stopped, not a wish of its own.
      if (kind !== 'stop' && verbs.some((v) => v.meanings.includes('stop') && !negated(v) && (v.start - verb.end <= OBJECT_REACH && v.start >= verb.end))) continue;
      if (kind === 'bareSend' && !no && !aboutNotices) continue;
      if (kind === 'bareSend' && no && this.supplierKinds.some((t) => t(clause.slice(verb.end)))) continue;
      const wants = kind === 'stop' ? no : !no;
      vote += wants ? 1 : -1;
      strong ||= no || /订阅|退订|subscri/.test(verb.phrase);
    }
    if (!vote || (!aboutNotices && !strong)) return null;
    if (has('resume') && vote > 0) return 'subscribe';
    return vote > 0 ? 'subscribe' : 'unsubscribe';
  }
}

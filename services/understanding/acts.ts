import { escapeRegExp } from './cues';
import type { Intent } from './intents';
import { SpanMatcher, type Span } from './spans';

/**
 * What the user does with the words they say (data/understanding/families.json, "acts"). A message names
 * topics (公示, 人工, 供应商) and acts (提异议, 转人工, 找); what it asks for is the act it performs, so:
 * - a negated act is no request: 不用转人工 / 我不是要提异议 / 还没有申报 — the act is removed and the rest decides;
 * - an act outranks the topic it is about: 我要对公示名单提出异议 files an objection, it does not ask what is in
 *   the publicity;
 * - an act told as a supposition and asked about (如果有异议，一般要怎么反映) is a question of how the procedure
 *   works, not the act itself.
 */
export interface ActRules {
  /** Words that deny the act right after them (不用, 不是要, 还没有, not). */
  negators: string[];
  /**
   * Light verbs and modals that may stand between a Chinese negator and its act (不是来找, 不是要提, 不用给我转):
   * anything else there is what is negated (不是软件企业可以申报吗 negates 软件企业, not 申报).
   */
  negationBridge: string[];
  /** Words of wanting or intending (要, 想, want to): before an act, the user performs it. */
  volition: string[];
  /** Acts of objecting (提出异议, 反映, challenge): with a volition, they outrank the publicity they are about. */
  objectionActs: string[];
  /** Words of supposing (如果, 万一, if): the act after them is not performed. */
  conditional: string[];
  /** Words asking how (怎么, 需要准备, how). */
  howQuestion: string[];
  clauseBreaks: string[];
}

/** In English, a negator governs an act this many characters on: "don't need to talk to a person". */
const NEGATION_GAP_LATIN = 24;
/** Intents whose own words are negations (不要再推送 is unsubscribing): the subscription family reads those. */
const SELF_NEGATING: readonly Intent[] = ['subscribe', 'unsubscribe'];

/**
 * An intent's cue, a word of having applied (还没有申报 denies it) or a word of the evaluation (不是年度评价，是认定那个
 * 申请: the evaluation is denied, the application is what is asked about).
 */
export type ActMeaning = Intent | 'status' | 'evaluation';

export class SpeechActs {
  private readonly negators: SpanMatcher<true>;
  private readonly acts: SpanMatcher<ActMeaning>;
  private readonly volition: SpanMatcher<true>;
  private readonly objecting: SpanMatcher<true>;
  private readonly conditional: SpanMatcher<true>;
  private readonly howQuestion: SpanMatcher<true>;
  private readonly breaks: RegExp;
  private readonly bridge: RegExp;

  /** `acts` are the phrases that say an act: every intent's phrase cues, and the words of an application. */
  constructor(rules: ActRules, acts: { phrase: string; meaning: ActMeaning }[]) {
    const words = (phrases: string[]) => new SpanMatcher(phrases.map((phrase) => ({ phrase, meaning: true as const })));
    this.negators = words(rules.negators);
    this.acts = new SpanMatcher(acts);
    this.volition = words(rules.volition);
    this.objecting = words(rules.objectionActs);
    this.conditional = words(rules.conditional);
    this.howQuestion = words(rules.howQuestion);
    this.bridge = new RegExp(`^(?:${rules.negationBridge.map(escapeRegExp).join('|')})*$`);
    this.breaks = new RegExp(rules.clauseBreaks.map(escapeRegExp).join('|'));
  }

  /**
   * The message with each negated act blanked out (negator to act, same length, so positions hold): what is
   * left is what the user asks. The A-not-A question (有没有, 是不是, 要不要) asks, it does not deny.
   */
  withoutDenied(normalized: string): { text: string; denied: Set<ActMeaning> } {
    const acts = this.acts.find(normalized);
    const denied = new Set<ActMeaning>();
    let text = normalized;
    for (const n of this.negators.find(normalized)) {
      if (n.start > 0 && normalized[n.start - 1] === n.phrase[n.phrase.length - 1]) continue;
      // The negator is part of an act's own words (不要推送, 不服): that act says it, nothing is denied.
      if (acts.some((a) => a.start <= n.start && a.end > n.start)) continue;
      const act = acts.find((a) => a.start >= n.end);
      if (!act || act.meanings.some((m) => SELF_NEGATING.includes(m as Intent))) continue;
      const gap = normalized.slice(n.end, act.start);
      const governs = /^[\x20-\x7e]*$/.test(gap) ? gap.length <= NEGATION_GAP_LATIN && !this.breaks.test(gap) : this.bridge.test(gap);
      if (!governs) continue;
      text = text.slice(0, n.start) + ' '.repeat(act.end - n.start) + text.slice(act.end);
      for (const meaning of act.meanings) denied.add(meaning);
    }
    return { text, denied };
  }

  /** Moves scores to the act performed (see the class comment); `normalized` is already without denied acts. */
  apply(normalized: string, scores: Map<Intent, number>): void {
    const clauses = normalized.split(this.breaks);
    const asksHow = this.howQuestion.find(normalized).length > 0;
    // 如果对公示结果有异议，一般要怎么反映: a supposed objection, asked about, is a question of the procedure.
    const supposed = clauses.some((clause) => firstBefore(this.conditional.find(clause), this.objecting.find(clause)));
    if (supposed && asksHow && scores.get('objection')! > 0) {
      scores.set('how_to_apply', scores.get('how_to_apply')! + scores.get('objection')!);
      scores.set('objection', 0);
      return;
    }
    // 我要对公示的名单提出异议, we want to challenge it: the act of objecting, not the publicity it is about.
    const performs = clauses.some((clause) => {
      const objecting = this.objecting.find(clause);
      const how = this.howQuestion.find(clause);
      return this.volition.find(clause).some((v) => objecting.some((o) => o.start >= v.end && !how.some((h) => h.start >= v.end && h.end <= o.start)));
    });
    if (performs && scores.get('objection')! > 0) {
      scores.set('objection', scores.get('objection')! + scores.get('publicity')!);
      scores.set('publicity', 0);
    }
  }
}

/** Whether some span of `first` comes before some span of `then`. */
function firstBefore(first: Span<true>[], then: Span<true>[]): boolean {
  return first.some((f) => then.some((t) => t.start >= f.end));
}

import type { Locale } from '../i18n';
import { compileCue, type CueTest } from '../understanding/cues';

/**
 * Who is asking about their own step (a county bureau: 我们要干啥; a city department: 报上来的材料我们怎么办):
 * the role's topic outweighs the broad one whose words the question shares (the applicant's materials).
 */
export interface AskerRule {
  /** The asker's office named as the subject (区经信局、镇经济发展局、市里、city department). */
  who: string;
  /** Words that take the rule back (the applicant asking where to submit: 交到县里吗). */
  unless?: string;
  topic: string;
  boost: number;
}

/**
 * What the document never sets (a number of days, a website, a checklist, an amount): asked for and not already
 * said by the answer, the answer opens by saying the document sets none; the matched answer is then the nearest.
 */
export interface SilenceRule {
  id: string;
  /** The question asks for it (多少天、网址、清单、补贴多少). */
  ask: string;
  /** The answer already says the document is silent on it. */
  said: string;
  /** The clauses the silence is about (the statement is checked against them like any entry). */
  clauses: string[];
  'zh-CN': string;
  'en-US': string;
}

export interface CompositionKnowledge {
  askers: AskerRule[];
  /** Words that ask about one's own duty (我们要、要不要、should we): with an asker, the role's step. */
  duty: string;
  silences: SilenceRule[];
}

/** One question's sub-questions: split at question marks, full stops and 另外、还有、以及 (and, also …). */
const PART_BREAK = /[?？。；;!！]|另外|还有|以及|此外|同时|(?:,|，)\s*(?:and|also)\b|\.\s+/u;
/** A part shorter than this (嗯? / ok.) is no question of its own. */
const PART_MIN_LENGTH = 4;

export function questionParts(normalized: string): string[] {
  return normalized
    .split(PART_BREAK)
    .map((p) => p.trim())
    .filter((p) => p.length >= PART_MIN_LENGTH);
}

interface CompiledAsker {
  rule: AskerRule;
  who: CueTest;
  unless: CueTest | null;
}

interface CompiledSilence {
  rule: SilenceRule;
  ask: CueTest;
  said: CueTest;
}

/** The asker's role and the document's silences, compiled once over the knowledge file's cues. */
export class Composition {
  private readonly askers: CompiledAsker[];
  private readonly duty: CueTest;
  private readonly silences: CompiledSilence[];

  constructor(knowledge: CompositionKnowledge) {
    this.askers = knowledge.askers.map((rule) => ({ rule, who: compileCue(rule.who), unless: rule.unless ? compileCue(rule.unless) : null }));
    this.duty = compileCue(knowledge.duty);
    this.silences = knowledge.silences.map((rule) => ({ rule, ask: compileCue(rule.ask), said: compileCue(rule.said) }));
  }

  /** The role topic to favour for an official asking about their own step (the first rule that fits), else null. */
  askerBoost(normalized: string): { topic: string; boost: number } | null {
    if (!this.duty(normalized)) return null;
    const hit = this.askers.find((a) => a.who(normalized) && !a.unless?.(normalized));
    return hit ? { topic: hit.rule.topic, boost: hit.rule.boost } : null;
  }

  /** The document's silences the question asks about and the answer's text does not already state. */
  silencesFor(normalizedQuestion: string, answerText: string): SilenceRule[] {
    const text = answerText.toLowerCase();
    return this.silences.filter((s) => s.ask(normalizedQuestion) && !s.said(text)).map((s) => s.rule);
  }

  /** Whether a (part of a) question asks for something the document never sets (多少天、网址、清单). */
  asksSilence(normalized: string): boolean {
    return this.silences.some((s) => s.ask(normalized));
  }

  /** Every silence statement, with its clauses, for the test that each names a clause that exists. */
  get allSilences(): SilenceRule[] {
    return this.silences.map((s) => s.rule);
  }
}

export function silenceText(rules: SilenceRule[], locale: Locale): string {
  return rules.map((r) => r[locale]).join(locale === 'en-US' ? ' ' : '');
}

import type { Locale } from '../i18n';
import { compileCue, cuePattern, type CueTest } from '../understanding/cues';

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
  /**
   * What it is asked about (改名、异议、服务券): a rule with a subject says the silence with the nearest thing the
   * document does say on that subject, and stands in for the general rules it names in `replaces`.
   */
  about?: string;
  replaces?: string[];
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
  /** Words that ask about the office's role outright (职责、这一级、our role): the role's topic wins even over a decisive one. */
  roleWords: string;
  silences: SilenceRule[];
  /**
   * What a question takes for granted that the document says otherwise (联盟出了名单就算入池了吧、200家平台商、an MIIT
   * scheme): asked and not already said, the answer opens by setting it right — composed as a silence is (`about` and
   * `replaces` are not read), and with no topic sure, the answer of its own before the silences asked; never marked silent.
   */
  corrections?: SilenceRule[];
}

/**
 * One question's sub-questions: split at question marks, full stops, commas and the words that join questions
 * (另外、还有、以及、and、also、— …). A comma splits too: each part is weighed on its own words, and a part counts
 * only when it is a question or speaks strongly of a topic (the caller decides).
 */
const PART_BREAK = /([?？。；;!！，,、—–:：]|另外|还有|以及|此外|同时|而且|并且|\balso\b|\band\b(?= (?:what|how|who|where|when|which|can|do|does|is|are|will|should|must|may|if)\b)|\.\s+)/u;
/** A part shorter than this (嗯? / ok.) is no question of its own. */
const PART_MIN_LENGTH = 4;

export interface QuestionPart {
  text: string;
  /** The part ended with a question mark (还能提异议不？): a question even without a question word. */
  marked: boolean;
}

export function subQuestions(normalized: string): QuestionPart[] {
  const pieces = normalized.split(PART_BREAK);
  const parts: QuestionPart[] = [];
  // split() with a capturing group alternates text and separator.
  for (let i = 0; i < pieces.length; i += 2) {
    const text = (pieces[i] ?? '').trim();
    const separator = pieces[i + 1] ?? '';
    if (text.length >= PART_MIN_LENGTH) parts.push({ text, marked: /[?？]/.test(separator) });
  }
  return parts;
}

export function questionParts(normalized: string): string[] {
  return subQuestions(normalized).map((p) => p.text);
}

interface CompiledAsker {
  rule: AskerRule;
  who: CueTest;
  unless: CueTest | null;
}

interface CompiledSilence {
  rule: SilenceRule;
  ask: CueTest;
  about: CueTest | null;
  said: CueTest;
}

/** The asker's role and the document's silences, compiled once over the knowledge file's cues. */
export class Composition {
  private readonly askers: CompiledAsker[];
  private readonly duty: CueTest;
  private readonly roleWords: CueTest;
  private readonly silences: CompiledSilence[];
  private readonly corrections: CompiledSilence[];
  private readonly offices: RegExp[];
  private readonly roleTopics: ReadonlySet<string>;

  constructor(knowledge: CompositionKnowledge) {
    this.offices = knowledge.askers.map((a) => cuePattern(a.who));
    this.roleTopics = new Set(knowledge.askers.map((a) => a.topic));
    this.askers = knowledge.askers.map((rule) => ({ rule, who: compileCue(rule.who), unless: rule.unless ? compileCue(rule.unless) : null }));
    this.duty = compileCue(knowledge.duty);
    this.roleWords = compileCue(knowledge.roleWords);
    const compiled = (rule: SilenceRule) => ({ rule, ask: compileCue(rule.ask), about: rule.about ? compileCue(rule.about) : null, said: compileCue(rule.said) });
    this.silences = knowledge.silences.map(compiled);
    this.corrections = (knowledge.corrections ?? []).map(compiled);
  }

  /**
   * The role topic to favour for an official asking about their own step (the first rule that fits), else null;
   * role: the message asks about the office's role outright (我们区这一级的职责), which no other topic outweighs.
   */
  askerBoost(normalized: string): { topic: string; boost: number; role: boolean } | null {
    if (!this.duty(normalized)) return null;
    const hit = this.askers.find((a) => a.who(normalized) && !a.unless?.(normalized));
    return hit ? { topic: hit.rule.topic, boost: hit.rule.boost, role: this.roleWords(normalized) } : null;
  }

  /** Whether a topic is an office's role (the city's, the county's step): chosen only for what the office does. */
  isRoleTopic(topic: string): boolean {
    return this.roleTopics.has(topic);
  }

  /**
   * The offices the question names (市经信局、city bureau), for weighing a role topic without them: one that scores only
   * on the office's name (这份通知抄送了谁，我们市经信局算不算) is not asked about; the question's own topic, or its clause, is.
   */
  officeNames(normalized: string): string {
    return this.offices.flatMap((office) => normalized.match(office) ?? []).join('，');
  }

  /**
   * The document's silences the question asks about (a subject's own before the general ones it replaces) and
   * the answer's text does not already state.
   */
  silencesFor(normalizedQuestion: string, answerText: string): SilenceRule[] {
    const text = answerText.toLowerCase();
    const corrected = this.correctionsFor(normalizedQuestion).filter((c) => !c.said(text));
    return [...corrected, ...this.asked(normalizedQuestion).filter((s) => !s.said(text))].map((s) => s.rule);
  }

  /**
   * The answer with the sentence that says a silence asked moved to the front (被淘汰了多久以后能重新申请: the ratings
   * answer says so last), so what was asked is answered first. Only a silence on a subject (with its about), asked in
   * every part that asks: beside another question (评了不合格会怎样？还能再申请吗) the answer's own order stands, and
   * a bare "how long"-like word does not move a sentence. Unchanged when no such sentence is found.
   */
  saidFirst(normalizedQuestion: string, askedParts: string[], answerText: string): string {
    const lower = answerText.toLowerCase();
    // The subject may be told before the asking ("We were rated unqualified. How long before we can apply again?"); a
    // silence without a subject counts when every part asks it (a deadline for the city's compliance check).
    const said = this.asked(normalizedQuestion).filter((s) => s.said(lower) && askedParts.every((part) => s.ask(part)));
    if (!said.length) return answerText;
    const sentences = answerText.match(/[^。\n]+。|[^\n.]+(?:\.(?=\s|$))|[^\n]+/gu) ?? [];
    const lead = sentences.find((sentence) => said.some((s) => s.said(sentence.toLowerCase())));
    if (!lead || answerText.startsWith(lead.trim())) return answerText;
    const rest = answerText.replace(lead, '').replace(/^\s+/, '').replace(/\n{3,}/g, '\n\n');
    return `${lead.trim()}\n\n${rest}`;
  }

  /** The corrections of a premise the question makes (联盟出了名单就算入池了吧). */
  private correctionsFor(normalizedQuestion: string): CompiledSilence[] {
    return this.corrections.filter((c) => c.ask(normalizedQuestion));
  }

  /** The corrections asked, for an answer of their own when no topic is sure (composed first, like a subject's silence). */
  premisesCorrected(normalizedQuestion: string): SilenceRule[] {
    return this.correctionsFor(normalizedQuestion).map((c) => c.rule);
  }

  /** The silences on a subject the question asks about (改名报备有没有时限): an answer of their own when no topic is sure. */
  subjectSilences(normalizedQuestion: string): SilenceRule[] {
    return this.asked(normalizedQuestion).filter((s) => s.about).map((s) => s.rule);
  }

  private asked(normalized: string): CompiledSilence[] {
    const hits = this.silences.filter((s) => s.ask(normalized) && (!s.about || s.about(normalized)));
    const replaced = new Set(hits.flatMap((s) => s.rule.replaces ?? []));
    return hits.filter((s) => !replaced.has(s.rule.id));
  }

  /** Whether a (part of a) question asks for something the document never sets (多少天、网址、清单). */
  asksSilence(normalized: string): boolean {
    return this.asked(normalized).length > 0;
  }

  /** Every silence statement, with its clauses, for the test that each names a clause that exists. */
  get allSilences(): SilenceRule[] {
    return this.silences.map((s) => s.rule);
  }

  /** Every correction, with its clauses, for the same test. */
  get allCorrections(): SilenceRule[] {
    return this.corrections.map((c) => c.rule);
  }
}

/** An answer that says the document is silent on something (文件没有规定…、sets no …): it must say where to find out. */
const SAYS_SILENCE = /文件(也)?(没有|未|并未|并没有)(规定|给出|写明|设定|明确|提到|载明|列出|说明|另外的规定)|没有另外的规定|\b(sets|gives|names|mentions|lists) no\b|does not (set|say|give|name)|\bnor does it\b/u;

export function saysSilence(text: string): boolean {
  return SAYS_SILENCE.test(text);
}

export function silenceText(rules: SilenceRule[], locale: Locale): string {
  return rules.map((r) => r[locale]).join(locale === 'en-US' ? ' ' : '');
}

import type { Locale } from '../i18n';
import { subQuestions, type QuestionPart } from './composition';
import type { ProvinceDocument } from './document';
import type { ClauseHit, ClauseRetrieval } from './retrieval';

/**
 * One scale for a curated answer and a clause: the share of the question's IDF-weighted content terms each
 * contains (ClauseRetrieval.contentWeights / coverage). A topic's cues fire on a few words; the question may be
 * about more than they say (a city official asking what a city pool holds gets the city's whole role), and a
 * clause may say it all. Margins were set on sets C–F: there, the widest lead of a clause over a right curated answer
 * is 0.11 (an objection asked with a complaint about the rating), so 0.2 leaves room; G was only checked.
 */
/** The best clause replaces the whole curated answer when it covers the question by this much more. */
const WHOLE_MARGIN = 0.2;
/** A clause is added for a sub-question the answer covers this much less, when it covers at least PART_COVER of it. */
const PART_MARGIN = 0.3;
const PART_COVER = 0.6;
/** A sub-question whose content terms weigh less than this (IDF summed) leans on the rest of the question (主要包括哪些单位). */
const PART_MIN_WEIGHT = 10;
/** A clause found by retrieval is an answer only when it shares this much of the question and scores this high. */
const MIN_SCORE = 6;
const MIN_COVERAGE = 0.3;
/** Below the answer's bar but above this, a procedure question is told the document does not say, and shown the nearest clause. */
const NEAREST_MIN_SCORE = 2.5;
/** A nearest clause that covers this much of the question answers it: no "the document does not say directly". */
const NEAREST_COVER = 0.75;

export interface CoverageVerdict {
  /** The clause that answers the whole question better than the curated answer. */
  replace: ClauseHit | null;
  /** Clauses that answer a sub-question the curated answer leaves out. */
  add: ClauseHit[];
}

/**
 * Weighs a curated answer (its text and its topics' cues) against the document's clauses, on the whole question and
 * on each sub-question that asks something (asks) and is not a silence's (the silence answers that part).
 */
export function weighAgainstClauses(
  retrieval: ClauseRetrieval,
  normalized: string,
  answerText: string,
  cited: readonly string[],
  asks: (part: QuestionPart) => boolean,
): CoverageVerdict {
  const [best] = retrieval.search(normalized, 1);
  const own = retrieval.coverage(retrieval.contentWeights(normalized), answerText);
  if (best && best.score >= MIN_SCORE && best.weighted >= own + WHOLE_MARGIN) return { replace: best, add: [] };
  const add: ClauseHit[] = [];
  for (const part of subQuestions(normalized)) {
    if (!asks(part)) continue;
    const weights = retrieval.contentWeights(part.text);
    if ([...weights.values()].reduce((sum, w) => sum + w, 0) < PART_MIN_WEIGHT) continue;
    const [hit] = retrieval.search(part.text, 1);
    if (!hit || hit.score < MIN_SCORE || hit.weighted < PART_COVER) continue;
    if (hit.weighted < retrieval.coverage(weights, answerText) + PART_MARGIN) continue;
    if (!cited.includes(hit.clause.id) && !add.some((h) => h.clause.id === hit.clause.id)) add.push(hit);
  }
  return { replace: null, add };
}

const CLAUSE_LEAD: Record<Locale, string> = { 'zh-CN': '文件中与此最相关的是这一条：', 'en-US': 'The clause of the document closest to this:' };

/** The clauses added for sub-questions, quoted after the curated answer (each is cited with it). */
export function addedClausesText(hits: readonly ClauseHit[], document: ProvinceDocument, locale: Locale): string {
  return hits.map((hit) => `\n\n${CLAUSE_LEAD[locale]}“${document.textOf(hit.clause, locale)}”`).join('');
}

/**
 * The clause that answers a question no curated topic covers (answers), or with nearest, the nearest one to show as
 * "the document does not say this directly" — unless it covers the question well, when it answers it after all
 * (a short question BM25 scores low: 年度评价时市经信局要干嘛 and 附件2 第三步); null when none is near enough.
 */
export function clauseFor(retrieval: ClauseRetrieval, normalized: string, nearest: boolean): { id: string; answers: boolean } | null {
  const [hit] = retrieval.search(normalized, 1);
  if (!hit) return null;
  if (hit.score >= MIN_SCORE && hit.coverage >= MIN_COVERAGE) return { id: hit.clause.id, answers: true };
  if (!nearest || hit.score < NEAREST_MIN_SCORE) return null;
  return { id: hit.clause.id, answers: hit.weighted >= NEAREST_COVER };
}

import { clauseProcedure } from './document';
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
/*
 * No clause is added per sub-question: quoting the best clause for a part the curated answer covered less fired on
 * no question of sets C–F, and where it fired it quoted a clause that shares a word, not an answer (合规吗 →
 * the city's 合规性审查; 主要包括哪些单位 → the review stages). A part's own topic is composition's (subQuestions).
 */
/** A clause found by retrieval is an answer only when it shares this much of the question and scores this high. */
const MIN_SCORE = 6;
const MIN_COVERAGE = 0.3;
/** Below the answer's bar but above this, a procedure question is told the document does not say, and shown the nearest clause. */
const NEAREST_MIN_SCORE = 2.5;
/** A nearest clause that covers this much of the question answers it: no "the document does not say directly". */
const NEAREST_COVER = 0.75;

/**
 * Weighs a curated answer (its text and its topics' cues) against the document's clauses on the whole question:
 * the clause that answers it better than the curated answer, or null when the curated answer stands.
 */
export function clauseOverAnswer(retrieval: ClauseRetrieval, normalized: string, answerText: string): ClauseHit | null {
  const [best] = retrieval.search(normalized, 1);
  const own = retrieval.coverage(retrieval.contentWeights(normalized), answerText);
  return best && best.score >= MIN_SCORE && best.weighted >= own + WHOLE_MARGIN ? best : null;
}

/**
 * The clause that answers a question no curated topic covers (answers), or with nearest, the nearest one to show as
 * "the document does not say this directly" — unless it covers the question well, when it answers it after all
 * (a short question BM25 scores low: 年度评价时市经信局要干嘛 and 附件2 第三步); null when none is near enough.
 */
export function clauseFor(retrieval: ClauseRetrieval, normalized: string, nearest: boolean): { id: string; answers: boolean; pair?: string } | null {
  const hits = retrieval.search(normalized, 3);
  const hit = hits[0];
  if (!hit) return null;
  const pair = counterpart(hits);
  if (hit.score >= MIN_SCORE && hit.coverage >= MIN_COVERAGE) return { id: hit.clause.id, answers: true, pair };
  if (!nearest || hit.score < NEAREST_MIN_SCORE) return null;
  return { id: hit.clause.id, answers: hit.weighted >= NEAREST_COVER, pair };
}

/** A counterpart clause scores at least this share of the best one's score, and covers as much of the question. */
const COUNTERPART_SCORE = 0.9;

/**
 * The other procedure's clause that says the same step (报省里要抄送联盟吗: recognition's 附件1 第四条 and the evaluation's
 * 附件2 第三条 both say it), when it speaks to the question as well as the best clause: a question naming neither
 * procedure is answered for both. The caller decides whether the question names one.
 */
function counterpart(hits: ClauseHit[]): string | undefined {
  const [best, ...rest] = hits;
  const own = best && clauseProcedure(best.clause.id);
  if (!own) return undefined;
  const other = rest.find((h) => (clauseProcedure(h.clause.id) ?? own) !== own);
  return other && other.score >= COUNTERPART_SCORE * best.score && other.weighted >= best.weighted ? other.clause.id : undefined;
}

import type { Inferred } from './needClassifier';

/**
 * How the lexicon's evidence and the catalog-trained model's are combined into the categories of a need.
 * The lexicon speaks in points (a named service 3, a symptom 2, an object 1, a near-miss two thirds of it);
 * the model in cosine similarities, which are small and only mean something relative to the best one, so
 * it contributes its score relative to its own best. A named service is always kept; another category when
 * the combined evidence reaches what one named service gives alone and it is close enough to the strongest:
 * several pains, several categories; one pain with a stray word, one.
 */
export const FUSION = {
  /** Lexicon points that make a category on their own (a named service). */
  named: 3,
  /** Lexicon points are capped: repeating a word does not drown the rest. */
  lexiconCap: 6,
  /** What the model's best category adds, in units of a named service. */
  model: 1.2,
  /** A kept category has at least this share of the strongest one's evidence. */
  relative: 0.55,
  /** The least ranking weight of a service the user named (one named beside a stronger one: 等保 after 上云). */
  namedWeight: 0.7,
  /** At most this many categories per need. */
  max: 3,
  /** An industry needs this much (one lexicon word = 1; the model's best alone is worth `industryModel`). */
  industryModel: 0.8,
  industryMin: 0.6,
  /** Without an industry word, the model's best trade must lead the next by this factor. */
  industryLead: 1.5,
  /**
   * Below this cosine the model's best guess is a guess: with no word of the lexicon either, the need is too
   * vague, and the bot asks (the likeliest categories as buttons) rather than search on it.
   */
  vague: 0.03,
  /** … or when its best category shares fewer n-grams than this with the need (a word or two in common). */
  evidence: 4,
  /**
   * The model's cosines are relative: its best category always looks like the best even when it shares only a
   * stray word or two with every label. Below this cosine its weight shrinks in proportion, so a weak guess
   * can add to the lexicon's words but not outvote them (0: the model's best always counts fully).
   */
  confident: 0.06,
  /** How many likeliest categories a clarifying question offers. */
  candidates: 3,
};

export interface ChosenCategories {
  categories: string[];
  /** The categories the lexicon alone would not have found: the model inferred them (and the reasons say so). */
  inferred: string[];
  /**
   * Per kept category, how strongly the need points at it relative to the strongest (FUSION.relative..1; a
   * service the user named: at least FUSION.namedWeight). A category kept on weaker evidence counts for less in
   * ranking, so a stray second reading does not rank a supplier of only that category level with one of the
   * main pain.
   */
  weights: Record<string, number>;
  /** When nothing was kept because the need is too vague: the likeliest categories, to ask about. */
  candidates: string[];
}

export function chooseCategories(lexicon: Map<string, number>, inferred: Inferred[] = []): ChosenCategories {
  const thin = !inferred.length || inferred[0]!.score < FUSION.vague || inferred[0]!.evidence < FUSION.evidence;
  if (!lexicon.size && thin) return { categories: [], inferred: [], weights: {}, candidates: inferred.slice(0, FUSION.candidates).map((m) => m.name) };
  // Thin evidence adds nothing to what the lexicon found.
  const model = thin ? [] : inferred;
  const top = model[0]?.score ?? 0;
  const trust = FUSION.confident ? Math.min(1, top / FUSION.confident) : 1;
  const fused = new Map<string, { score: number; lexicon: number }>();
  for (const [name, points] of lexicon) fused.set(name, { score: Math.min(points, FUSION.lexiconCap) / FUSION.named, lexicon: points });
  for (const { name, score } of model) {
    const entry = fused.get(name) ?? { score: 0, lexicon: 0 };
    entry.score += (trust * FUSION.model * score) / top;
    fused.set(name, entry);
  }
  const ranked = [...fused.entries()].sort((a, b) => b[1].score - a[1].score);
  const best = ranked[0]?.[1].score ?? 0;
  const lexiconBest = Math.max(0, ...lexicon.values());
  // What the lexicon alone accepts: a named service, or a symptom among the strongest.
  const byLexicon = (points: number) => points >= FUSION.named || (points >= 2 && points >= lexiconBest / 2);
  // A named service always counts (the user said it); anything else must be close to the strongest.
  const kept = ranked.filter(([, e]) => e.lexicon >= FUSION.named || ((e.score >= 1 || byLexicon(e.lexicon)) && e.score >= FUSION.relative * best)).slice(0, FUSION.max);
  // Some evidence, none of it enough (a slip of one symptom word, a weak reading): ask about the likeliest rather
  // than search on a guess.
  if (!kept.length) return { categories: [], inferred: [], weights: {}, candidates: ranked.slice(0, FUSION.candidates).map(([name]) => name) };
  return {
    categories: kept.map(([name]) => name),
    inferred: kept.filter(([, e]) => !byLexicon(e.lexicon)).map(([name]) => name),
    weights: Object.fromEntries(kept.map(([name, e]) => [name, Math.round(100 * Math.max(e.lexicon >= FUSION.named ? FUSION.namedWeight : FUSION.relative, Math.min(1, e.score / best))) / 100])),
    candidates: [],
  };
}

export function chooseIndustry(lexicon: Map<string, number>, model: Inferred[] = []): string | undefined {
  const top = model[0]?.score ?? 0;
  // With no industry word at all, the model must be clear about it: one trade ahead of the next.
  if (!lexicon.size && (top < FUSION.industryLead * (model[1]?.score ?? 0) || (model[0]?.evidence ?? 0) < FUSION.evidence)) return undefined;
  const fused = new Map(lexicon);
  for (const { name, score } of model) fused.set(name, (fused.get(name) ?? 0) + (FUSION.industryModel * score) / top);
  const [best] = [...fused.entries()].sort((a, b) => b[1] - a[1]);
  return best && best[1] >= FUSION.industryMin ? best[0] : undefined;
}

import { shanghaiYear } from '../calendar';
import { CreditCode, type CreditCodeProblem } from '../identity/creditCode';
import { FuzzyMatcher } from './fuzzy';
import type { DomainLexicon } from './lexicon';
import type { NeedClassifier } from './needClassifier';
import { chooseCategories, chooseIndustry } from './needFusion';
import { SpanMatcher, type Span } from './spans';

export interface NearCreditCode {
  text: string;
  problem: CreditCodeProblem;
  /** The valid code the user most likely meant (O→0, I→1 …), when there is exactly one. */
  suggestion?: string;
}

export interface ExtractedEntities {
  creditCode?: string;
  nearCreditCode?: NearCreditCode;
  city?: string;
  industry?: string;
  serviceCategories?: string[];
  /** Those of serviceCategories inferred by the catalog-trained model, not named by the lexicon. */
  inferredCategories?: string[];
  /** How strongly each of serviceCategories is meant, 0..1 (see needFusion.ts); absent: all fully. */
  categoryWeights?: Record<string, number>;
  /** A need too vague to search on: the likeliest categories, to ask which one is meant. */
  candidateCategories?: string[];
  year?: number;
}

/** The lexicon's reading of a message (EntityExtractor.read), to be decided on (EntityExtractor.decide). */
export interface Evidence {
  normalized: string;
  /** Codes, city, year: what needs no deciding. */
  found: ExtractedEntities;
  categoryScores: Map<string, number>;
  industryScores: Map<string, number>;
}

type DomainMeaning = { kind: 'category'; name: string; weight: number } | { kind: 'industry'; name: string } | { kind: 'city'; name: string };

/** Phrases that contain domain words but mean none of them. */
const NEUTRAL = ['上云上平台', '工业互联网产业', '资源池', '服务商', '供应商', '平台商', '优秀服务商', '信用代码', '查询码'];
const LOOKALIKES: Record<string, string> = { O: '0', I: '1', Z: '2', S: '5', V: 'U' };
/** A phrase typed with one slip counts for two thirds of the phrase: evidence, not proof. */
const NEAR_MISS = 2 / 3;

export class EntityExtractor {
  /** One matcher per kind: an equipment name (注塑机) must not hide the industry inside it (注塑). */
  private readonly matchers: SpanMatcher<DomainMeaning>[];
  /** Near-misses of category and industry phrases (not cities: a district one character off is another place). */
  private readonly nearMisses: FuzzyMatcher<DomainMeaning>;

  constructor(domain: DomainLexicon, private readonly now: () => Date = () => new Date()) {
    const categories: { phrase: string; meaning: DomainMeaning }[] = [];
    for (const [name, lex] of Object.entries(domain.serviceCategories)) {
      categories.push({ phrase: name, meaning: { kind: 'category', name, weight: 3 } });
      for (const phrase of lex.terms) categories.push({ phrase, meaning: { kind: 'category', name, weight: 3 } });
      for (const phrase of lex.symptoms) categories.push({ phrase, meaning: { kind: 'category', name, weight: 2 } });
      for (const phrase of lex.objects) categories.push({ phrase, meaning: { kind: 'category', name, weight: 1 } });
    }
    const industries = Object.entries(domain.industries).flatMap(([name, words]) =>
      [name, ...words].map((phrase) => ({ phrase, meaning: { kind: 'industry', name } as DomainMeaning })),
    );
    const cities = Object.entries(domain.cities).flatMap(([name, words]) =>
      [name, ...words].map((phrase) => ({ phrase, meaning: { kind: 'city', name } as DomainMeaning })),
    );
    this.matchers = [categories, industries, cities].map((aliases) => new SpanMatcher(aliases, NEUTRAL));
    this.nearMisses = new FuzzyMatcher([...categories, ...industries], domain.homophones);
  }

  /**
   * `model` (the catalog-trained classifier) is given when the text is known to describe a need (matching,
   * the find-supplier flow): it then adds the categories and industry the pain implies without naming them.
   */
  extract(raw: string, normalized: string, model?: NeedClassifier): ExtractedEntities {
    return this.decide(this.read(raw, normalized), model);
  }

  /** What the words say, before deciding on categories and industry (so a caller can decide twice cheaply). */
  read(raw: string, normalized: string): Evidence {
    const found: ExtractedEntities = { ...creditCodes(raw) };
    const spans = this.matchers.flatMap((m) => m.find(normalized)).sort((a, b) => a.start - b.start);
    const near = this.nearMisses.find(normalized, spans);

    const categoryScores = new Map<string, number>();
    const industryScores = new Map<string, number>();
    const count = (hits: Span<DomainMeaning>[], factor: number) => {
      for (const span of hits) {
        // One phrase may be listed twice for a category (as a term and an object): it counts once, at its best.
        const best = new Map<string, DomainMeaning>();
        for (const m of span.meanings) if (!best.has(`${m.kind}|${m.name}`) || (m.kind === 'category' && m.weight > (best.get(`${m.kind}|${m.name}`) as { weight: number }).weight)) best.set(`${m.kind}|${m.name}`, m);
        for (const meaning of best.values()) {
          if (meaning.kind === 'category') categoryScores.set(meaning.name, (categoryScores.get(meaning.name) ?? 0) + factor * meaning.weight);
          if (meaning.kind === 'industry') industryScores.set(meaning.name, (industryScores.get(meaning.name) ?? 0) + factor);
          if (meaning.kind === 'city' && !found.city) found.city = meaning.name;
        }
      }
    };
    count(spans, 1);
    count(near, NEAR_MISS);
    const year = this.year(normalized);
    if (year) found.year = year;
    return { normalized, found, categoryScores, industryScores };
  }

  /** Categories and industry from the lexicon's evidence, and the model's when given. */
  decide(evidence: Evidence, model?: NeedClassifier): ExtractedEntities {
    const { year, ...entities } = evidence.found;
    const inferred = model?.size ? model.classifyNormalized(evidence.normalized) : undefined;
    const chosen = chooseCategories(evidence.categoryScores, inferred?.categories);
    if (chosen.categories.length) entities.serviceCategories = chosen.categories;
    if (chosen.categories.length > 1) entities.categoryWeights = chosen.weights;
    if (chosen.inferred.length) entities.inferredCategories = chosen.inferred;
    if (inferred && chosen.candidates.length) entities.candidateCategories = chosen.candidates;
    const industry = chooseIndustry(evidence.industryScores, inferred?.industries);
    if (industry) entities.industry = industry;
    return year ? { ...entities, year } : entities;
  }

  private year(normalized: string): number | undefined {
    const explicit = /(?<!\d)(20\d{2})(?!\d)/.exec(normalized);
    if (explicit) return Number(explicit[1]);
    const current = shanghaiYear(this.now());
    if (/今年|本年度|this year/.test(normalized)) return current;
    if (/前年/.test(normalized)) return current - 2;
    if (/去年|上一年|last year/.test(normalized)) return current - 1;
    if (/明年|next year/.test(normalized)) return current + 1;
    return undefined;
  }
}

/**
 * Runs of 15–20 letters and digits with at least 8 digits look like credit codes. A valid one is the entity;
 * the first invalid one is reported as a near code, with the valid code it most likely meant.
 */
function creditCodes(raw: string): Pick<ExtractedEntities, 'creditCode' | 'nearCreditCode'> {
  const candidates = raw.normalize('NFKC').toUpperCase().match(/[0-9A-Z]{15,20}/g) ?? [];
  let near: NearCreditCode | undefined;
  for (const candidate of candidates) {
    if ((candidate.match(/\d/g) ?? []).length < 8) continue;
    const checked = CreditCode.check(candidate);
    if (checked.ok) return { creditCode: checked.code.value };
    if (!near) near = { text: candidate, problem: checked.problem, suggestion: lookalikeFix(candidate) };
  }
  return near ? { nearCreditCode: near } : {};
}

function lookalikeFix(candidate: string): string | undefined {
  if (candidate.length !== 18) return undefined;
  const fixed = candidate.replace(/[OIZSV]/g, (ch) => LOOKALIKES[ch]!);
  if (fixed === candidate) return undefined;
  const checked = CreditCode.check(fixed);
  return checked.ok ? checked.code.value : undefined;
}

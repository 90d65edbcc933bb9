import { fill, pick, type Locale } from '../i18n';
import { MATCH_REASONS, type MatchReason } from '../i18n/matchReasons';
import { latestRating, type Supplier } from '../model/supplier';
import { NeedClassifier } from '../understanding/needClassifier';
import type { Need } from './need';
import { tokenize } from './tokens';

type Product = Supplier['products'][number];

export interface RankedSupplier {
  supplier: Supplier;
  /** The score bucket the supplier was ranked in (results are ordered by it, best first). */
  score: number;
  reasons: string[];
  /** Products that serve the needed categories, cheapest first. */
  matchedProducts: Product[];
}

interface Indexed {
  supplier: Supplier;
  latest: { year: number; rating: string } | null;
  excellentStreak: number;
  excellentShare: number;
  categories: Set<string>;
  industries: Set<string>;
  caseIndustries: Set<string>;
  termFrequencies: Map<string, number>;
  length: number;
  cheapest?: Product;
  byDeployDays: Product[];
}

/** English labels of categories and industries, for reasons in English. */
export interface EnglishNames {
  [name: string]: string;
}

/** Score weights. Coverage of the need dominates; rating and industry experience next; the rest refine. */
const W = { coverage: 3, product: 0.2, excellent: 1, steady: 0.2, industry: 0.7, cases: 0.5, text: 0.5, constraint: 0.2 };
/** Suppliers within one bucket are "near-equal": rotated, and only there can a stated city break the tie. */
const BUCKET = 0.25;

/** A supplier's words for text relevance: the costly part of indexing (word breaking), done apart from the rest. */
export interface SupplierTerms {
  creditCode: string;
  terms: [string, number][];
  length: number;
}

/** The text of a supplier that relevance scores: name, description, products and cases. */
export function supplierText(supplier: Supplier): string {
  return [supplier.name, supplier.description, ...supplier.products.flatMap((p) => [p.name, p.description]), ...supplier.cases.map((c) => c.summary)].join(' ');
}

/** Word counts of a supplier's text (pure; runs in a worker thread for large catalogs, see bot/termsWorker.ts). */
export function termsOf(creditCode: string, text: string): SupplierTerms {
  const words = tokenize(text);
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return { creditCode, terms: [...counts], length: words.length };
}

/**
 * The in-memory matching index, so a request never touches the database. Holds an inverted index by category
 * and the document frequencies for BM25 text relevance. It follows the catalog by changes: `apply` puts new
 * versions of suppliers in place one by one (a supplier now rated 不合格 leaves), so requests keep being
 * answered from it while a catalog arrives; nothing is rebuilt from scratch.
 */
export class MatchIndex {
  private readonly byCategory = new Map<string, Set<Indexed>>();
  private readonly byCode = new Map<string, Indexed>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly years = new Map<number, number>();
  private totalLength = 0;
  /** What the catalog teaches about how needs sound (every supplier, 不合格 too: its texts still say what a category is). */
  readonly classifier = new NeedClassifier();
  /** The version of each supplier the classifier learned from, so a newer version replaces it. */
  private readonly taught = new Map<string, Supplier>();

  constructor(catalog: Supplier[] = [], private readonly english: EnglishNames = {}) {
    this.apply(catalog.map((supplier) => ({ supplier, terms: termsOf(supplier.creditCode, supplierText(supplier)) })));
  }

  /** Puts each supplier's current version in place (with its precomputed terms); cheap per supplier. */
  apply(changes: { supplier: Supplier; terms: SupplierTerms }[]): void {
    for (const { supplier, terms } of changes) {
      this.remove(supplier.creditCode);
      const before = this.taught.get(supplier.creditCode);
      if (before) this.classifier.remove(before);
      this.classifier.add(supplier);
      this.taught.set(supplier.creditCode, supplier);
      const latest = latestRating(supplier);
      if (latest?.rating === '不合格') continue; // left the pool: never recommended, never even indexed
      this.add(supplier, latest, terms);
    }
  }

  private add(supplier: Supplier, latest: Indexed['latest'], terms: SupplierTerms): void {
    const sorted = [...supplier.ratings].sort((a, b) => b.year - a.year);
    let streak = 0;
    while (streak < sorted.length && sorted[streak]!.rating === '优秀') streak++;
    const categories = new Set([...supplier.serviceCategories, ...supplier.products.flatMap((p) => p.serviceCategories)]);
    const termFrequencies = new Map(terms.terms);
    for (const w of termFrequencies.keys()) this.documentFrequency.set(w, (this.documentFrequency.get(w) ?? 0) + 1);
    const entry: Indexed = {
      supplier,
      latest,
      excellentStreak: streak,
      excellentShare: sorted.length ? sorted.filter((r) => r.rating === '优秀').length / sorted.length : 0,
      categories,
      industries: new Set(supplier.industries),
      caseIndustries: new Set(supplier.cases.map((c) => c.industry)),
      termFrequencies,
      length: terms.length,
      cheapest: [...supplier.products].sort((a, b) => a.priceFrom - b.priceFrom)[0],
      byDeployDays: [...supplier.products].sort((a, b) => a.deployDays - b.deployDays),
    };
    this.byCode.set(supplier.creditCode, entry);
    this.totalLength += entry.length;
    if (latest) this.years.set(latest.year, (this.years.get(latest.year) ?? 0) + 1);
    for (const c of categories) {
      const set = this.byCategory.get(c);
      if (set) set.add(entry);
      else this.byCategory.set(c, new Set([entry]));
    }
  }

  private remove(creditCode: string): void {
    const entry = this.byCode.get(creditCode);
    if (!entry) return;
    this.byCode.delete(creditCode);
    this.totalLength -= entry.length;
    for (const w of entry.termFrequencies.keys()) {
      const df = (this.documentFrequency.get(w) ?? 1) - 1;
      if (df > 0) this.documentFrequency.set(w, df);
      else this.documentFrequency.delete(w);
    }
    if (entry.latest) {
      const n = (this.years.get(entry.latest.year) ?? 1) - 1;
      if (n > 0) this.years.set(entry.latest.year, n);
      else this.years.delete(entry.latest.year);
    }
    for (const c of entry.categories) this.byCategory.get(c)?.delete(entry);
  }

  private get averageLength(): number {
    return this.totalLength / Math.max(1, this.byCode.size);
  }

  /** The latest year any indexed supplier was rated in (the default year of the directory). */
  get latestYear(): number {
    return Math.max(0, ...this.years.keys());
  }

  /** A recommendable supplier by credit code (undefined for unknown or 不合格 ones). */
  find(creditCode: string): Supplier | undefined {
    return this.byCode.get(creditCode)?.supplier;
  }

  get size(): number {
    return this.byCode.size;
  }

  /** Ranked suppliers for a need, best first; `offset` pages through them ("more"). */
  match(need: Need, options: { limit: number; offset?: number }): RankedSupplier[] {
    const candidates = need.serviceCategories.length
      ? [...new Set(need.serviceCategories.flatMap((c) => [...(this.byCategory.get(c) ?? [])]))]
      : [...this.byCode.values()];
    const queryWords = [...new Set(tokenize(need.text))];
    // First pass: numbers only, for every candidate. Reasons are written for the page returned (second pass).
    const texts = candidates.map((entry) => this.bm25(entry, queryWords));
    const maxText = texts.reduce((m, t) => Math.max(m, t), 1e-9); // not Math.max(...texts): 100 000 arguments overflow the stack
    const seed = `${need.text}|${need.city ?? ''}`;
    const offset = options.offset ?? 0;
    return candidates
      .map((entry, i) => {
        const total = this.score(entry, need) + (W.text * texts[i]!) / maxText;
        return {
          entry,
          bucket: Math.floor(total / BUCKET) * BUCKET,
          sameCity: need.city !== null && entry.supplier.city === need.city,
          rotation: hash(`${seed}|${entry.supplier.creditCode}`),
        };
      })
      .filter((s) => s.bucket > 0)
      .sort((a, b) => b.bucket - a.bucket || Number(b.sameCity) - Number(a.sameCity) || a.rotation - b.rotation)
      .slice(offset, offset + options.limit)
      .map((s) => {
        const { reasons, products } = this.explain(s.entry, need);
        if (s.sameCity) reasons.push(this.say(need.locale, 'city', { city: this.name(need.locale, need.city!) }));
        return { supplier: s.entry.supplier, score: Math.round(s.bucket * 100) / 100, matchedProducts: products, reasons };
      });
  }

  /** Excellent suppliers of a year (default: the latest rated year), optionally of one category. */
  directory(year?: number, category?: string): Supplier[] {
    const y = year ?? this.latestYear;
    return [...this.byCode.values()]
      .filter((s) => s.supplier.ratings.some((r) => r.year === y && r.rating === '优秀'))
      .filter((s) => !category || s.categories.has(category))
      .map((s) => s.supplier)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }

  /** The score without text relevance: coverage, products, industry, rating, constraints. */
  private score(entry: Indexed, need: Need): number {
    let base = 0;
    const { supplier } = entry;
    const needed = need.serviceCategories;
    if (needed.length) {
      let covered = 0;
      let byProduct = 0;
      for (const c of needed) {
        if (entry.categories.has(c)) covered++;
        if (supplier.products.some((p) => p.serviceCategories.includes(c))) byProduct++;
      }
      base += (W.coverage * covered + W.product * byProduct) / needed.length;
    }
    if (need.industry) base += Math.min(1, (entry.industries.has(need.industry) ? W.industry : 0) + (entry.caseIndustries.has(need.industry) ? W.cases : 0));
    if (entry.latest?.rating === '优秀') base += W.excellent;
    base += W.steady * entry.excellentShare;
    const offer = this.offer(entry, need);
    if (offer && need.budgetWan !== null) base += offer.priceFrom <= need.budgetWan ? W.constraint : -W.constraint;
    if (offer && need.withinDays !== null) base += this.fastest(entry, need.withinDays) ? W.constraint : -W.constraint;
    return base;
  }

  /** The reasons, in the user's language, for one supplier's place: the same rules as score(), in words. */
  private explain(entry: Indexed, need: Need): { reasons: string[]; products: Product[] } {
    const reasons: string[] = [];
    const l = need.locale;
    const products = this.matchingProducts(entry, need);
    if (need.serviceCategories.length) {
      if (need.inferredCategories?.length) reasons.push(this.say(l, 'inferred', { list: this.list(l, need.inferredCategories) }));
      const covered = need.serviceCategories.filter((c) => entry.categories.has(c));
      const missing = need.serviceCategories.filter((c) => !entry.categories.has(c));
      if (covered.length) reasons.push(this.say(l, 'covers', { list: this.list(l, covered) }) + (missing.length ? this.say(l, 'notCovered', { list: this.list(l, missing) }) : ''));
      if (products[0]) reasons.push(this.say(l, 'product', { name: products[0].name, price: products[0].priceFrom, days: products[0].deployDays }));
    }
    if (need.industry) {
      if (entry.caseIndustries.has(need.industry)) reasons.push(this.say(l, 'cases', { industry: this.name(l, need.industry) }));
      else if (entry.industries.has(need.industry)) reasons.push(this.say(l, 'serves', { industry: this.name(l, need.industry) }));
    }
    if (entry.latest?.rating === '优秀') {
      reasons.push(entry.excellentStreak >= 2 ? this.say(l, 'streak', { year: entry.latest.year, n: entry.excellentStreak }) : this.say(l, 'excellent', { year: entry.latest.year }));
    } else if (entry.latest) {
      reasons.push(this.say(l, 'qualified', { year: entry.latest.year }));
    }
    const offer = this.offer(entry, need);
    if (offer && need.budgetWan !== null && offer.priceFrom <= need.budgetWan) reasons.push(this.say(l, 'budget', { price: offer.priceFrom }));
    const fast = need.withinDays !== null ? this.fastest(entry, need.withinDays) : undefined;
    if (fast) reasons.push(this.say(l, 'fast', { days: fast.deployDays }));
    return { reasons, products };
  }

  /** Products that serve the needed categories, cheapest first. */
  private matchingProducts(entry: Indexed, need: Need): Product[] {
    return entry.supplier.products.filter((p) => p.serviceCategories.some((c) => need.serviceCategories.includes(c))).sort((a, b) => a.priceFrom - b.priceFrom);
  }

  /** The cheapest relevant product (or any product), which the budget is compared with. */
  private offer(entry: Indexed, need: Need): Product | undefined {
    return this.matchingProducts(entry, need)[0] ?? entry.cheapest;
  }

  private fastest(entry: Indexed, withinDays: number): Product | undefined {
    return entry.byDeployDays.find((p) => p.deployDays <= withinDays);
  }

  private bm25(entry: Indexed, words: string[]): number {
    const k1 = 1.2;
    const b = 0.75;
    const n = this.byCode.size;
    let score = 0;
    for (const w of words) {
      const tf = entry.termFrequencies.get(w);
      if (!tf) continue;
      const df = this.documentFrequency.get(w) ?? 0;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      score += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * entry.length) / this.averageLength));
    }
    return score;
  }

  private name(locale: Locale, name: string): string {
    return locale === 'en-US' ? (this.english[name] ?? name) : name;
  }

  private list(locale: Locale, names: string[]): string {
    return names.map((n) => this.name(locale, n)).join(locale === 'en-US' ? ', ' : '、');
  }

  private say(locale: Locale, key: MatchReason, params: Record<string, string | number>): string {
    // Prices are in 万元 (10k CNY); English shows thousands.
    const withK = typeof params.price === 'number' ? { ...params, priceK: Math.round(params.price * 100) / 10 } : params;
    return fill(pick(MATCH_REASONS[key], locale), withK);
  }
}

/** FNV-1a: a stable, fast hash for deterministic rotation. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

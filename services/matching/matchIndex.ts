import type { Locale } from '../i18n';
import { latestRating, type Supplier } from '../model/supplier';
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
}

/** English labels of categories and industries, for reasons in English. */
export interface EnglishNames {
  [name: string]: string;
}

/** Score weights. Coverage of the need dominates; rating and industry experience next; the rest refine. */
const W = { coverage: 3, product: 0.2, excellent: 1, steady: 0.2, industry: 0.7, cases: 0.5, text: 0.5, constraint: 0.2 };
/** Suppliers within one bucket are "near-equal": rotated, and only there can a stated city break the tie. */
const BUCKET = 0.25;

/**
 * The in-memory matching index: built from the catalog once (and again when it changes), so a request never
 * touches the database. Holds an inverted index by category and by word for BM25 text relevance.
 */
export class MatchIndex {
  private readonly suppliers: Indexed[] = [];
  private readonly byCategory = new Map<string, Indexed[]>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;
  readonly latestYear: number;

  constructor(catalog: Supplier[], private readonly english: EnglishNames = {}) {
    for (const supplier of catalog) {
      const latest = latestRating(supplier);
      if (latest?.rating === '不合格') continue; // left the pool: never recommended, never even indexed
      const sorted = [...supplier.ratings].sort((a, b) => b.year - a.year);
      let streak = 0;
      while (streak < sorted.length && sorted[streak]!.rating === '优秀') streak++;
      const categories = new Set([...supplier.serviceCategories, ...supplier.products.flatMap((p) => p.serviceCategories)]);
      const words = tokenize([supplier.name, supplier.description, ...supplier.products.flatMap((p) => [p.name, p.description]), ...supplier.cases.map((c) => c.summary)].join(' '));
      const termFrequencies = new Map<string, number>();
      for (const w of words) termFrequencies.set(w, (termFrequencies.get(w) ?? 0) + 1);
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
        length: words.length,
      };
      this.suppliers.push(entry);
      for (const c of categories) this.byCategory.set(c, [...(this.byCategory.get(c) ?? []), entry]);
    }
    this.averageLength = this.suppliers.reduce((s, x) => s + x.length, 0) / Math.max(1, this.suppliers.length);
    this.latestYear = Math.max(0, ...this.suppliers.map((s) => s.latest?.year ?? 0));
  }

  get size(): number {
    return this.suppliers.length;
  }

  /** Ranked suppliers for a need, best first; `offset` pages through them ("more"). */
  match(need: Need, options: { limit: number; offset?: number }): RankedSupplier[] {
    const candidates = need.serviceCategories.length
      ? [...new Set(need.serviceCategories.flatMap((c) => this.byCategory.get(c) ?? []))]
      : this.suppliers;
    const queryWords = [...new Set(tokenize(need.text))];
    const scored = candidates.map((entry) => ({ entry, ...this.score(entry, need, queryWords) }));
    const maxText = Math.max(1e-9, ...scored.map((s) => s.text));
    const seed = `${need.text}|${need.city ?? ''}`;
    return scored
      .map((s) => {
        const total = s.base + (W.text * s.text) / maxText;
        const bucket = Math.floor(total / BUCKET) * BUCKET;
        const sameCity = need.city !== null && s.entry.supplier.city === need.city;
        return { ...s, bucket, sameCity, rotation: hash(`${seed}|${s.entry.supplier.creditCode}`) };
      })
      .filter((s) => s.bucket > 0)
      .sort((a, b) => b.bucket - a.bucket || Number(b.sameCity) - Number(a.sameCity) || a.rotation - b.rotation)
      .slice(options.offset ?? 0, (options.offset ?? 0) + options.limit)
      .map((s) => ({
        supplier: s.entry.supplier,
        score: Math.round(s.bucket * 100) / 100,
        matchedProducts: s.products,
        reasons: [...s.reasons, ...(s.sameCity ? [this.say(need.locale, 'city', { city: this.name(need.locale, need.city!) })] : [])],
      }));
  }

  /** Excellent suppliers of a year (default: the latest rated year), optionally of one category. */
  directory(year?: number, category?: string): Supplier[] {
    const y = year ?? this.latestYear;
    return this.suppliers
      .filter((s) => s.supplier.ratings.some((r) => r.year === y && r.rating === '优秀'))
      .filter((s) => !category || s.categories.has(category))
      .map((s) => s.supplier)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }

  private score(entry: Indexed, need: Need, queryWords: string[]): { base: number; text: number; reasons: string[]; products: Product[] } {
    const { supplier } = entry;
    const reasons: string[] = [];
    const l = need.locale;
    let base = 0;

    const covered = need.serviceCategories.filter((c) => entry.categories.has(c));
    const products = supplier.products
      .filter((p) => p.serviceCategories.some((c) => need.serviceCategories.includes(c)))
      .sort((a, b) => a.priceFrom - b.priceFrom);
    if (need.serviceCategories.length) {
      base += (W.coverage * covered.length) / need.serviceCategories.length;
      const byProduct = need.serviceCategories.filter((c) => products.some((p) => p.serviceCategories.includes(c)));
      base += (W.product * byProduct.length) / need.serviceCategories.length;
      const missing = need.serviceCategories.filter((c) => !entry.categories.has(c));
      if (covered.length) reasons.push(this.say(l, 'covers', { list: this.list(l, covered) }) + (missing.length ? this.say(l, 'notCovered', { list: this.list(l, missing) }) : ''));
      if (products[0]) reasons.push(this.say(l, 'product', { name: products[0].name, price: products[0].priceFrom, days: products[0].deployDays }));
    }

    if (need.industry) {
      const declared = entry.industries.has(need.industry);
      const cases = entry.caseIndustries.has(need.industry);
      base += Math.min(1, (declared ? W.industry : 0) + (cases ? W.cases : 0));
      if (cases) reasons.push(this.say(l, 'cases', { industry: this.name(l, need.industry) }));
      else if (declared) reasons.push(this.say(l, 'serves', { industry: this.name(l, need.industry) }));
    }

    if (entry.latest?.rating === '优秀') {
      base += W.excellent;
      reasons.push(entry.excellentStreak >= 2 ? this.say(l, 'streak', { year: entry.latest.year, n: entry.excellentStreak }) : this.say(l, 'excellent', { year: entry.latest.year }));
    } else if (entry.latest) {
      reasons.push(this.say(l, 'qualified', { year: entry.latest.year }));
    }
    base += W.steady * entry.excellentShare;

    const offer = products[0] ?? [...supplier.products].sort((a, b) => a.priceFrom - b.priceFrom)[0];
    if (offer && need.budgetWan !== null) {
      const fits = offer.priceFrom <= need.budgetWan;
      base += fits ? W.constraint : -W.constraint;
      if (fits) reasons.push(this.say(l, 'budget', { price: offer.priceFrom }));
    }
    if (offer && need.withinDays !== null) {
      const fast = supplier.products.filter((p) => p.deployDays <= need.withinDays!).sort((a, b) => a.deployDays - b.deployDays)[0];
      base += fast ? W.constraint : -W.constraint;
      if (fast) reasons.push(this.say(l, 'fast', { days: fast.deployDays }));
    }

    return { base, text: this.bm25(entry, queryWords), reasons, products };
  }

  private bm25(entry: Indexed, words: string[]): number {
    const k1 = 1.2;
    const b = 0.75;
    const n = this.suppliers.length;
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

  private say(locale: Locale, key: keyof typeof REASONS['zh-CN'], params: Record<string, string | number>): string {
    // Prices are in 万元 (10k CNY); English shows thousands.
    const withK = typeof params.price === 'number' ? { ...params, priceK: Math.round(params.price * 100) / 10 } : params;
    return REASONS[locale][key].replace(/\{(\w+)\}/g, (_m, k: string) => String(withK[k] ?? ''));
  }
}

/**
 * Reasons are data-bound sentences of the matching domain; they live here with the scorer that decides them
 * (one table per language, like the localization modules).
 */
const REASONS = {
  'zh-CN': {
    covers: '覆盖：{list}',
    notCovered: '（未覆盖：{list}）',
    product: '产品：{name}（{price}万元/年起，约{days}天部署）',
    cases: '有{industry}行业案例',
    serves: '服务{industry}行业',
    excellent: '{year}年度评价优秀',
    streak: '连续{n}年评价优秀（最近：{year}年度）',
    qualified: '{year}年度评价合格',
    budget: '报价在预算内（{price}万元/年起）',
    fast: '最快约{days}天可部署',
    city: '同在{city}（仅在得分相近时优先）',
  },
  'en-US': {
    covers: 'Covers: {list}',
    notCovered: ' (not: {list})',
    product: 'Product: {name} (from {priceK}k CNY/year, about {days} days to deploy)',
    cases: 'Has {industry} cases',
    serves: 'Serves {industry}',
    excellent: 'Rated excellent in {year}',
    streak: 'Rated excellent {n} years running (latest {year})',
    qualified: 'Rated qualified in {year}',
    budget: 'Within budget (from {priceK}k CNY/year)',
    fast: 'Can deploy in about {days} days',
    city: 'Also in {city} (a stated preference, used only between near-equal matches)',
  },
} as const;

/** FNV-1a: a stable, fast hash for deterministic rotation. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

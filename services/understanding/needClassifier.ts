import type { Supplier } from '../model/supplier';
import { ngrams, type NgramOptions } from './ngrams';
import { normalize } from './normalize';

/**
 * The catalog as training data. Every supplier's products, description and cases are text labelled with its
 * service categories and industries, so the pool already says how a pain sounds for each category
 * ("月底对账对到半夜" → ERP与经营管理上云, "吹塑制品厂" → 塑料与模具), in the vendors' own words, and it says more
 * with every import. This is a TF-IDF centroid (Rocchio) classifier over character n-grams: trained at index
 * build in one pass, updated per supplier (add/remove), explainable (a category is inferred because the need
 * shares words with the texts of suppliers who offer it), and with cosine scores that mean the same thing for
 * a short need and a long one, so one threshold tells "about this" from "about nothing here".
 * Written by hand rather than with a library: the npm classifiers (natural, bayes) tokenize by spaces, which
 * Chinese has none of, and this is a hundred lines.
 */
const FEATURES: NgramOptions = { minHan: 2, maxHan: 3, englishTrigrams: true, dropEnglishStopWords: true };

/** How much each kind of text teaches: a product names its own categories; a description mixes several. */
const WEIGHT = { product: 1, description: 1, caseForCategory: 0.5, caseForIndustry: 1, descriptionForIndustry: 0.5 };

/**
 * The words of asking, not of the pain: every need has them ("帮我推荐几家靠谱的服务商"), so they would make a
 * request with no pain in it look like whichever category's texts use them most. Blanked before n-grams.
 */
const REQUEST_WORDS = /推荐|工厂|厂里|服务商|供应商|平台商|厂家|公司|几家|一家|有没有|靠谱|优秀|专业|帮我|帮忙|我们|我想|想找|找个|找一|需要|系统|方案|解决|问题|做这个|做这块|\b(?:supplier|vendor|provider|company|recommend|help|solution|system|look|find|someone|good|best)\b/g;

export interface Inferred {
  name: string;
  /** Cosine similarity of the need with the label's centroid, 0..1. */
  score: number;
  /** How many of the need's n-grams the label's texts share: one shared word is a hint, not a reading. */
  evidence: number;
}

export interface NeedClassification {
  categories: Inferred[];
  industries: Inferred[];
}

/** Sums of unit-length term-frequency vectors per label; IDF is applied at query time, so adding is cheap. */
class Centroids {
  private readonly sums = new Map<string, Map<string, number>>();
  private readonly documentFrequency = new Map<string, number>();
  private documents = 0;
  /** Per label, the norm of its IDF-weighted centroid, as of change `normsVersion` (every change moves every IDF). */
  private norms: Map<string, number> | null = null;
  private version = 0;
  private normsVersion = -1;

  add(features: string[], labels: readonly string[], weight: number, sign: 1 | -1): void {
    if (!features.length || !labels.length) return;
    const tf = new Map<string, number>();
    for (const f of features) tf.set(f, (tf.get(f) ?? 0) + 1);
    let norm = 0;
    for (const [f, n] of tf) {
      const w = 1 + Math.log(n);
      tf.set(f, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    const share = (sign * weight) / labels.length;
    for (const label of labels) {
      const sum = this.sums.get(label) ?? new Map<string, number>();
      for (const [f, w] of tf) {
        const next = (sum.get(f) ?? 0) + (share * w) / norm;
        if (Math.abs(next) < 1e-9) sum.delete(f);
        else sum.set(f, next);
      }
      this.sums.set(label, sum);
    }
    for (const f of tf.keys()) {
      const df = (this.documentFrequency.get(f) ?? 0) + sign;
      if (df > 0) this.documentFrequency.set(f, df);
      else this.documentFrequency.delete(f);
    }
    this.documents += sign;
    this.version++;
  }

  private idf(feature: string): number {
    const df = this.documentFrequency.get(feature) ?? 0;
    return df ? Math.log((this.documents + 1) / df) : 0;
  }

  /** `staleNormsOk`: use the last norms computed, even if a change came since (null when there are none yet). */
  score(features: string[], staleNormsOk: boolean): Inferred[] {
    if (!this.documents) return [];
    const norms = staleNormsOk ? this.norms : this.normsVersion === this.version ? this.norms! : finish(this.normSteps());
    if (!norms) return [];
    const query = new Map<string, number>();
    for (const f of features) if (this.documentFrequency.has(f)) query.set(f, (query.get(f) ?? 0) + 1);
    let queryNorm = 0;
    for (const [f, n] of query) {
      const w = (1 + Math.log(n)) * this.idf(f);
      query.set(f, w);
      queryNorm += w * w;
    }
    queryNorm = Math.sqrt(queryNorm);
    if (!queryNorm) return [];
    const out: Inferred[] = [];
    for (const [label, sum] of this.sums) {
      const norm = norms.get(label) ?? 0;
      if (!norm) continue;
      let dot = 0;
      let evidence = 0;
      for (const [f, w] of query) {
        const c = sum.get(f);
        if (c && c > 0) {
          dot += w * c * this.idf(f);
          evidence++;
        }
      }
      if (dot > 0) out.push({ name: label, score: dot / (queryNorm * norm), evidence });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /**
   * Computes the norms in steps of a few thousand features (30–100 ms in all at 20 000 suppliers on a loaded
   * machine), then installs them; a change made between steps starts the computation again.
   */
  *normSteps(): Generator<void, Map<string, number>> {
    for (;;) {
      if (this.norms && this.normsVersion === this.version) return this.norms;
      const version = this.version;
      const norms = new Map<string, number>();
      let done = 0;
      for (const [label, sum] of this.sums) {
        let n = 0;
        for (const [f, c] of sum) {
          if (c > 0) n += (c * this.idf(f)) ** 2;
          if (++done % NORM_STEP === 0) yield;
        }
        norms.set(label, Math.sqrt(n));
        if (this.version !== version) break;
      }
      if (this.version !== version) continue;
      this.norms = norms;
      this.normsVersion = version;
      return norms;
    }
  }
}

/** Features per step of a norm computation: about a millisecond. */
const NORM_STEP = 4096;

function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * A centroid of a few hundred suppliers' texts barely moves with one more: beyond this many per label, a
 * supplier teaches only if one of its categories or industries is still short of examples. Keeps the index
 * build of a 20 000-supplier catalog from being spent on the thousandth copy of the same kind of text.
 */
const ENOUGH_PER_LABEL = 300;

export class NeedClassifier {
  private readonly categories = new Centroids();
  private readonly industries = new Centroids();
  /** Credit codes of the suppliers learned from (so removing one that was not learned changes nothing). */
  private readonly learned = new Set<string>();
  private readonly perLabel = new Map<string, number>();
  private deferred = false;

  static train(suppliers: Iterable<Supplier>): NeedClassifier {
    const model = new NeedClassifier();
    for (const supplier of suppliers) model.add(supplier);
    return model;
  }

  /** How many suppliers it has learned from. */
  get size(): number {
    return this.learned.size;
  }

  add(supplier: Supplier): void {
    if (this.learned.has(supplier.creditCode)) return;
    if (!labelsOf(supplier).some((label) => (this.perLabel.get(label) ?? 0) < ENOUGH_PER_LABEL)) return;
    this.learn(supplier, 1);
  }

  /** Unlearns a supplier (an import replaced it; or leave-one-out in the bench). */
  remove(supplier: Supplier): void {
    if (this.learned.has(supplier.creditCode)) this.learn(supplier, -1);
  }

  classify(text: string): NeedClassification {
    return this.classifyNormalized(normalize(text));
  }

  classifyNormalized(normalized: string): NeedClassification {
    const features = needFeatures(normalized);
    return { categories: this.categories.score(features, this.deferred), industries: this.industries.score(features, this.deferred) };
  }

  /**
   * For an owner that changes the classifier while requests are answered and then runs `normSteps()` between
   * them (CatalogIndex): until those steps finish, a query uses the norms of the last finished ones (before the
   * first, nothing is inferred), so no query recomputes them on the event loop. The answers once the steps are
   * done are those of a classifier that recomputes at once.
   */
  deferNorms(): void {
    this.deferred = true;
  }

  /** Brings the norms up to date, a millisecond a step. */
  *normSteps(): Generator<void, void> {
    yield* this.categories.normSteps();
    yield* this.industries.normSteps();
  }

  private learn(supplier: Supplier, sign: 1 | -1): void {
    const features = (text: string) => needFeatures(normalize(text));
    for (const product of supplier.products) {
      this.categories.add(features(`${product.name} ${product.description}`), product.serviceCategories, WEIGHT.product, sign);
    }
    const description = features(supplier.description);
    this.categories.add(description, supplier.serviceCategories, WEIGHT.description, sign);
    this.industries.add(description, supplier.industries, WEIGHT.descriptionForIndustry, sign);
    for (const c of supplier.cases) {
      const text = features(`${c.customer} ${c.summary}`);
      this.categories.add(text, supplier.serviceCategories, WEIGHT.caseForCategory, sign);
      this.industries.add(text, [c.industry], WEIGHT.caseForIndustry, sign);
    }
    for (const label of labelsOf(supplier)) this.perLabel.set(label, (this.perLabel.get(label) ?? 0) + sign);
    if (sign > 0) this.learned.add(supplier.creditCode);
    else this.learned.delete(supplier.creditCode);
  }
}

const labelsOf = (supplier: Supplier): string[] => [
  ...new Set([...supplier.serviceCategories, ...supplier.products.flatMap((p) => p.serviceCategories), ...supplier.industries.map((i) => `industry:${i}`), ...supplier.cases.map((c) => `industry:${c.industry}`)]),
];

function needFeatures(normalized: string): string[] {
  return ngrams(normalized.replace(REQUEST_WORDS, ' '), FEATURES);
}

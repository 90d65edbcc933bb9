import type { Supplier } from '../model/supplier';
import { ngrams, type NgramOptions } from './ngrams';
import { normalize } from './normalize';
import { Centroids, type Inferred } from './centroids';

export type { Inferred } from './centroids';

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

export interface NeedClassification {
  categories: Inferred[];
  industries: Inferred[];
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

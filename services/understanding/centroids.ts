export interface Inferred {
  name: string;
  /** Cosine similarity of the text (a need, a question) with the label's centroid, 0..1. */
  score: number;
  /** How many of the text's n-grams the label's texts share: one shared word is a hint, not a reading. */
  evidence: number;
}

/**
 * A TF-IDF centroid (Rocchio) classifier: per label, the sum of its texts' unit-length term-frequency vectors;
 * IDF is applied at query time, so adding (or removing) a text is cheap, and cosine scores mean the same thing for
 * a short text and a long one. Shared by the catalog-trained need classifier and the procedure topics' classifier.
 */
export class Centroids {
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

import { ngrams } from './ngrams';

/**
 * Multinomial naive Bayes over character uni- and bigrams (Chinese) and words, word pairs and character
 * trigrams (English; see ngrams.ts): the backoff that scores phrasings the cue lexicon does not list, and
 * reads a typo ("subscirbe", "notifcations") by the trigrams it still shares. Small and dependency-free; it
 * trains in milliseconds on the team's examples at start.
 */
export const features = (normalized: string): string[] => ngrams(normalized);

export class NaiveBayes<L extends string> {
  private readonly counts = new Map<L, Map<string, number>>();
  private readonly totals = new Map<L, number>();
  private readonly vocabulary = new Set<string>();

  constructor(private readonly alpha = 0.5) {}

  train(label: L, normalized: string): void {
    const table = this.counts.get(label) ?? new Map<string, number>();
    for (const f of features(normalized)) {
      table.set(f, (table.get(f) ?? 0) + 1);
      this.totals.set(label, (this.totals.get(label) ?? 0) + 1);
      this.vocabulary.add(f);
    }
    this.counts.set(label, table);
  }

  /**
   * Posterior probabilities (uniform prior). Log-likelihoods are divided by √(number of features) so long
   * messages do not make the model absurdly sure of itself.
   */
  posterior(normalized: string): Map<L, number> {
    const fs = features(normalized).filter((f) => this.vocabulary.has(f));
    const result = new Map<L, number>();
    if (!fs.length) return result;
    const v = this.vocabulary.size;
    const logs = [...this.counts.entries()].map(([label, table]) => {
      const total = this.totals.get(label) ?? 0;
      const log = fs.reduce((sum, f) => sum + Math.log(((table.get(f) ?? 0) + this.alpha) / (total + this.alpha * v)), 0);
      return [label, log / Math.sqrt(fs.length)] as const;
    });
    const max = Math.max(...logs.map(([, l]) => l));
    const exps = logs.map(([label, l]) => [label, Math.exp(l - max)] as const);
    const sum = exps.reduce((s, [, e]) => s + e, 0);
    for (const [label, e] of exps) result.set(label, e / sum);
    return result;
  }
}

/**
 * Features of a normalized text for the learned models (the intents' naive-Bayes backoff, the catalog-trained
 * need classifier): character n-grams over Chinese runs and stemmed English words with their character
 * trigrams. Character n-grams are what makes both typo-tolerant: one wrong character in 能耗管理 spoils two of
 * its bigrams and trigrams, not the whole word; a misspelled English word keeps most of its trigrams.
 */
export interface NgramOptions {
  /** Shortest and longest Chinese n-gram (1–3 for the intents, 2–3 for needs, where single characters say little). */
  minHan: number;
  maxHan: number;
  /** Character trigrams inside English words of 5+ letters ("maintenance" ~ "maintanence"). */
  englishTrigrams: boolean;
  /** Drop English function words (needs: yes; intents: no, "no longer" and "how do I" are what tells them apart). */
  dropEnglishStopWords: boolean;
}

const INTENT_FEATURES: NgramOptions = { minHan: 1, maxHan: 2, englishTrigrams: true, dropEnglishStopWords: false };

/** English function words carry no topic (the Chinese ones are left to IDF / the model's counts). */
const ENGLISH_STOP = new Set(['the', 'a', 'an', 'to', 'of', 'and', 'or', 'for', 'we', 'our', 'us', 'in', 'on', 'at', 'is', 'are', 'be', 'it', 'its', 'i', 'my', 'me', 'you', 'your', 'this', 'that', 'these', 'those', 'with', 'from', 'by', 'as', 'so', 'do', 'doe', 'have', 'ha', 'was', 'were', 'can', 'will', 'would', 'there', 'their', 'they', 'them', 'what', 'which', 'who', 'any', 'some', 'about', 'all', 'not', 'no', 'but', 'if', 'then', 'than', 'too', 'very', 'just', 'still', 'also', 'each', 'every', 'one', 'get', 'need', 'want', 'like', 'way', 're']);

export function ngrams(normalized: string, options: NgramOptions = INTENT_FEATURES): string[] {
  const out: string[] = [];
  for (const run of normalized.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i < run.length; i++) {
      for (let n = options.minHan; n <= options.maxHan && i + n <= run.length; n++) out.push(run.slice(i, i + n));
    }
  }
  const words = normalized.match(/[a-z][a-z0-9]*/g) ?? [];
  const content = options.dropEnglishStopWords ? words.filter((w) => !ENGLISH_STOP.has(w)) : words;
  for (let i = 0; i < content.length; i++) {
    const w = content[i]!;
    out.push(`w:${w}`);
    if (i + 1 < content.length) out.push(`w:${w} ${content[i + 1]}`);
    if (options.englishTrigrams && w.length >= 5) for (let k = 0; k + 3 <= w.length; k++) out.push(`t:${w.slice(k, k + 3)}`);
  }
  return out;
}

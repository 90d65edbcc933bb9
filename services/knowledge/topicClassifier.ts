import { Centroids, type Inferred } from '../understanding/centroids';
import { ngrams, type NgramOptions } from '../understanding/ngrams';

/**
 * A question as people asked it, labelled with the curated topic that answers it, or two for a message asking two
 * things (data/knowledge/topicExamples.json); `from`: the question set and item it was taken from.
 */
export interface TopicExample {
  from: string;
  topics: string[];
  text: string;
}

/** Two- and three-character n-grams (single characters say little of a topic), English words and their trigrams. */
const FEATURES: NgramOptions = { minHan: 2, maxHan: 3, englishTrigrams: true, dropEnglishStopWords: true };

/**
 * How much a topic's own retrieval text (its answer in the document's words, key phrases and cue words) teaches
 * beside one asked question: it is long, so it fills in what no example asked without drowning the questions.
 */
const ANSWER_WEIGHT = 0.5;

/**
 * The curated topics learned from questions people asked (the project's question sets, each labelled with
 * the topic that answers it) and from the answers' own text: a TF-IDF centroid per topic over character
 * n-grams, so a phrasing no cue lists (谁拍板、公示完多久出结果) still lands near the questions that meant the
 * same. The cues stay the first reading (explainable, exact); this one speaks where they found nothing, and
 * overrules them only when sure and they are not decisive (Guidance.reclassified).
 */
export class TopicClassifier {
  private readonly centroids = new Centroids();

  /** `normalize`: the guidance's own (understanding's normaliser with the domain's slips undone). */
  constructor(examples: readonly TopicExample[], answers: readonly { id: string; texts: readonly string[] }[], private readonly normalize: (text: string) => string) {
    for (const example of examples) this.centroids.add(this.features(example.text), example.topics, 1, 1);
    for (const answer of answers) for (const text of answer.texts) this.centroids.add(this.features(text), [answer.id], ANSWER_WEIGHT, 1);
  }

  /** The topics nearest the (normalized) message, best first, with cosine scores 0..1. */
  classify(normalized: string): Inferred[] {
    return this.centroids.score(ngrams(normalized, FEATURES), false);
  }

  private features(text: string): string[] {
    return ngrams(this.normalize(text), FEATURES);
  }
}

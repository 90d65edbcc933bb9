import type { FamilyRules } from './families';

/** The shapes of the team's lexicons in data/ (loaded there; the domain only sees these types). */
export interface IntentLexicon {
  statusWords: string[];
  /** Count as a progress question only next to an application or evaluation word. */
  weakStatusWords: string[];
  evaluationWords: string[];
  applicationWords: string[];
  cues: Record<string, [string, number][]>;
  outOfScope: string[];
}

export interface CategoryLexicon {
  terms: string[];
  symptoms: string[];
  objects: string[];
}

export interface DomainLexicon {
  serviceCategories: Record<string, CategoryLexicon>;
  industries: Record<string, string[]>;
  cities: Record<string, string[]>;
  /** Common characters by toneless pinyin (data/lexicon/homophones.json): for words typed with a homophone. */
  homophones?: Record<string, string>;
}

export interface TrainingExamples {
  examples: Record<string, string[]>;
}

export interface UnderstandingData {
  intents: IntentLexicon;
  /** Structural rules for intents that share their words (subscribe/unsubscribe, how-to questions). */
  families?: FamilyRules;
  domain: DomainLexicon;
  training: TrainingExamples;
}

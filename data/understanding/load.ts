import type { CategoryLexicon, DomainLexicon, UnderstandingData } from '../../services/understanding/lexicon';
import { loadGuidance, loadProvinceDocument } from '../knowledge/load';
import domain from '../lexicon/domain.json';
import homophones from '../lexicon/homophones.json';
import shopfloorEnglish from '../lexicon/shopfloor-en.json';
import training from './examples.json';
import families from './families.json';
import intents from './intents.json';

/** The team's lexicons and examples, as the recognizer takes them. */
export function loadUnderstandingData(): UnderstandingData {
  return {
    intents: intents as unknown as UnderstandingData['intents'],
    domain: { ...withEnglish(domain as unknown as DomainLexicon, shopfloorEnglish as unknown as Pick<DomainLexicon, 'serviceCategories' | 'industries'>), homophones: homophones.sounds },
    training: training as UnderstandingData['training'],
    families: families as UnderstandingData['families'],
  };
}

/** domain.json with the English shop-floor words (kept in their own file) added to each entry. */
function withEnglish(base: DomainLexicon, english: Pick<DomainLexicon, 'serviceCategories' | 'industries'>): DomainLexicon {
  const serviceCategories: Record<string, CategoryLexicon> = {};
  for (const [name, lex] of Object.entries(base.serviceCategories)) {
    const more = english.serviceCategories[name];
    serviceCategories[name] = more ? { terms: [...lex.terms, ...more.terms], symptoms: [...lex.symptoms, ...more.symptoms], objects: [...lex.objects, ...more.objects] } : lex;
  }
  const industries: Record<string, string[]> = {};
  for (const [name, words] of Object.entries(base.industries)) industries[name] = [...words, ...(english.industries[name] ?? [])];
  return { ...base, serviceCategories, industries };
}

/**
 * The texts whose words pinyin is read into (PinyinReader): the document, the knowledge files and the lexicon, as
 * JSON (the reader keeps only their Chinese). Not the homophone table: its characters grouped by sound are no words.
 */
export function loadReadingTexts(): string[] {
  const understanding = loadUnderstandingData();
  const domain: Partial<DomainLexicon> = { ...understanding.domain };
  delete domain.homophones;
  return [loadGuidance(), loadProvinceDocument(), { ...understanding, domain }].map((data) => JSON.stringify(data));
}

import type { UnderstandingData } from '../../services/understanding/lexicon';
import domain from '../lexicon/domain.json';
import training from './examples.json';
import intents from './intents.json';

/** The team's lexicons and examples, as the recognizer takes them. */
export function loadUnderstandingData(): UnderstandingData {
  return {
    intents: intents as unknown as UnderstandingData['intents'],
    domain: domain as unknown as UnderstandingData['domain'],
    training: training as UnderstandingData['training'],
  };
}

import { loadUnderstandingData } from '../../data/understanding/load';
import { loadReplies } from '../../data/understanding/replies';
import { IntentRecognizer } from '../../dialogs/intentRecognizer';
import { LexiconRecognizer } from '../../services/understanding/lexiconRecognizer';

/** The product's own recognizer, built once per test file (it trains its backoff at construction). */
export const lexiconRecognizer = new LexiconRecognizer(loadUnderstandingData(), () => new Date('2026-11-25T04:00:00Z'));
export const intentRecognizer = new IntentRecognizer(lexiconRecognizer, loadReplies());

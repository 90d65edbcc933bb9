/** The intent catalogue of shared/contract/intents.md. The names are the contract: tools and tests use them. */
export const INTENTS = [
  'application_status',
  'evaluation_status',
  'bind_enterprise',
  'find_supplier',
  'publicity',
  'objection',
  'recusal',
  'change_report',
  'how_to_apply',
  'benefits',
  'events',
  'subscribe',
  'unsubscribe',
  'contact_staff',
  'help',
  'none',
] as const;

export type Intent = (typeof INTENTS)[number];

export type { ExtractedEntities as Entities } from './entities';
import type { ExtractedEntities as Entities } from './entities';

export interface Understanding {
  intent: Intent;
  /** 0..1; how sure the recognizer is. */
  score: number;
  entities: Entities;
  /** Other intents worth offering when the score is low, best first. */
  alternatives: { intent: Intent; score: number }[];
}

/**
 * What the domain needs from any recognizer: the keyword one here, a trained one later, or a cloud/LLM one.
 * Dialogs see it through botbuilder's Recognizer (dialogs/intentRecognizer.ts).
 */
export interface UnderstandingService {
  /** Async because a cloud or LLM recognizer must be; a local one simply resolves at once. */
  understand(text: string): Promise<Understanding>;
}

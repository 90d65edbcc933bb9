import type { Activity, RecognizerResult } from 'botbuilder';
import { Recognizer, type DialogContext } from 'botbuilder-dialogs';
import type { Intent, UnderstandingService } from '../services/understanding/intents';
import type { Replies } from '../services/understanding/replies';

/** What a flow reads messages with: the SDK's Recognizer for intents, and the short replies (skip, confirm, cancel). */
export type DialogRecognizer = Recognizer & { readonly replies: Replies };

/**
 * botbuilder's Recognizer over the domain's UnderstandingService, so dialogs depend on the SDK's interface
 * and any recognizer (this one, a cloud one, an LLM) can be handed in. It carries the team's short replies
 * (data/understanding/replies.json), so every flow reads 跳过 or 确认 the same way.
 */
export class IntentRecognizer extends Recognizer implements DialogRecognizer {
  constructor(private readonly understanding: UnderstandingService, readonly replies: Replies) {
    super();
  }

  override async recognize(_dc: DialogContext, activity: Partial<Activity>): Promise<RecognizerResult> {
    const text = activity.text ?? '';
    const u = await this.understanding.understand(text);
    const intents: RecognizerResult['intents'] = { [u.intent]: { score: u.score } };
    for (const alt of u.alternatives) intents[alt.intent] = { score: alt.score };
    return { text, intents, entities: u.entities };
  }
}

/** The recognizer's intents, best first. */
export function rankIntents(result: RecognizerResult): { intent: Intent; score: number }[] {
  return Object.entries(result.intents)
    .map(([intent, value]) => ({ intent: intent as Intent, score: value.score ?? 0 }))
    .sort((a, b) => b.score - a.score);
}

export function topIntent(result: RecognizerResult): { intent: Intent; score: number } {
  return rankIntents(result)[0] ?? { intent: 'none', score: 0 };
}

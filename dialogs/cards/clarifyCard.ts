import { ActionTypes, CardFactory, type Attachment } from 'botbuilder';
import type { MessageKey, Translate } from '../../services/i18n';
import type { Intent } from '../../services/understanding/intents';

/** The value a clarification button carries: the intent itself, so the choice is never re-guessed. */
export interface IntentChoice {
  intent: Intent;
}

export function intentFromChoice(value: unknown): Intent | null {
  const intent = (value as Partial<IntentChoice> | null | undefined)?.intent;
  return typeof intent === 'string' ? (intent as Intent) : null;
}

/** "Did you mean …?" with the likeliest intents as buttons, and "none of these". */
export function clarifyCard(say: Translate, intents: Intent[]): Attachment {
  const button = (title: string, intent: Intent) => ({ type: ActionTypes.MessageBack, title, text: title, displayText: title, value: { intent } });
  return CardFactory.heroCard(
    '',
    say('clarify'),
    undefined,
    CardFactory.actions([
      ...intents.map((intent) => button(say(`topic_${intent}` as MessageKey), intent)),
      button(say('clarifyNoneOfThese'), 'none'),
    ]),
  );
}

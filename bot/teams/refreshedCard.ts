import type { Activity } from 'botbuilder';
import type { Translate } from '../../services/i18n';

interface CardJson {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  [field: string]: unknown;
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/**
 * What the bot said in answer to an Action.Execute, as the one Adaptive Card that replaces the pressed one:
 * its last Adaptive Card (the status, the settings toggles …) with the texts said before it on top; only
 * texts → a card of those texts. Hero cards and carousels have no place in a refreshed card; their title or
 * text is kept as words.
 */
export function refreshedCard(said: Partial<Activity>[], t: Translate): CardJson {
  const texts: string[] = [];
  let card: CardJson | undefined;
  for (const activity of said) {
    if (activity.type && activity.type !== 'message') continue;
    if (activity.text) texts.push(activity.text);
    for (const attachment of activity.attachments ?? []) {
      if (attachment.contentType === ADAPTIVE) card = attachment.content as CardJson;
      else {
        const hero = attachment.content as { title?: string; text?: string } | undefined;
        if (hero?.text) texts.push(hero.text);
      }
    }
  }
  const words = (texts.length ? texts : card ? [] : [t('cardUpdated')]).map((text) => ({ type: 'TextBlock', text, wrap: true }));
  if (!card) return { type: 'AdaptiveCard', version: '1.4', body: words };
  return { ...card, body: [...words, ...(card.body ?? [])] };
}

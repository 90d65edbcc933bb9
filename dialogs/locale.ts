import type { TurnContext } from 'botbuilder';
import { chooseLocale, translator, type Locale, type Translate } from '../services/i18n';

const LOCALE_KEY = Symbol('pool.locale');

/** Decides this turn's language once (PoolBot does it with the conversation's previous language). */
export function setTurnLocale(context: TurnContext, previous: Locale | null, answeringPrompt = false): Locale {
  const locale = chooseLocale(context.activity.text, context.activity.locale, previous, answeringPrompt);
  context.turnState.set(LOCALE_KEY, locale);
  return locale;
}

/** This turn's language; computed from the activity when no bot set it (dialog tests). */
export function localeOf(context: TurnContext): Locale {
  return (context.turnState.get(LOCALE_KEY) as Locale | undefined) ?? chooseLocale(context.activity.text, context.activity.locale, null);
}

export function say(context: TurnContext): Translate {
  return translator(localeOf(context));
}

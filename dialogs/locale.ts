import type { TurnContext } from 'botbuilder';
import { chooseLocale, translator, type Locale, type Translate } from '../services/i18n';

const LOCALE_KEY = Symbol('pool.locale');

/**
 * Decides this turn's language once (PoolBot does it with the conversation's previous language), so one
 * turn never mixes languages. `readText` false: the message was not for the bot (a group chat without a
 * mention) and its words must not move the language.
 */
export function setTurnLocale(context: TurnContext, previous: Locale | null, answeringPrompt = false, readText = true): Locale {
  const locale = chooseLocale(readText ? context.activity.text : undefined, context.activity.locale, previous, answeringPrompt);
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

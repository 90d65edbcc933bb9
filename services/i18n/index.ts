import { enUS } from './en-US';
import { zhCN, type MessageKey } from './zh-CN';
import type { Locale } from './language';

export type { MessageKey } from './zh-CN';
export { pick, fill, type LocalizedText, type PartlyLocalized } from './localized';
export { chooseLocale, writtenLocale, localeFromTag, DEFAULT_LOCALE, type Locale } from './language';

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/**
 * The sentence for `key` in `locale`, with {placeholders} filled from `params` or, failing that, from
 * other keys of the same catalog (so "{poolName}" inside the welcome stays one translation).
 */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const catalog = catalogs[locale];
  return (overrides.get(key) ?? catalog[key]).replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name in params) return String(params[name]);
    if (name in catalog) return overrides.get(name as MessageKey) ?? catalog[name as MessageKey];
    return whole;
  });
}

const overrides = new Map<MessageKey, string>();

/**
 * A deployment setting that replaces a sentence in every language (the secretariat's contact, from
 * SECRETARIAT_CONTACT); undefined restores the catalog's own.
 */
export function overrideMessage(key: MessageKey, value: string | undefined): void {
  if (value) overrides.set(key, value);
  else overrides.delete(key);
}

/** A bound translator, so a dialog step can say `say('welcome')`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
export const translator = (locale: Locale): Translate => (key, params) => t(locale, key, params);

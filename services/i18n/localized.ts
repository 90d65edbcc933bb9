import type { Locale } from './language';

/** A text written in both languages the bot answers in (a match reason, a stage name). */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** A text staff wrote, whose English may be missing (a notice's title): the Chinese stands in for it. */
export interface PartlyLocalized {
  zh: string;
  en?: string;
}

/** The text in `locale`: English when asked for and written, Chinese otherwise. The one zh/en choice. */
export function pick(text: PartlyLocalized, locale: Locale): string {
  return locale === 'en-US' && text.en ? text.en : text.zh;
}

/** Fills {placeholders} from `params`; an unknown one reads as empty (data-bound sentences, not the catalogs). */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''));
}

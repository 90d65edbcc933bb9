/** The two languages the bot answers in. zh-CN is the default: users write Chinese first. */
export type Locale = 'zh-CN' | 'en-US';
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const HAN = /\p{Script=Han}/u;
/** An 18-character run is a credit code, not English; drop it before looking for words. */
const CODE_LIKE = /[0-9A-Za-z]{15,20}/g;
/** A Latin word with a lower-case letter is English prose; "MES" or "ERP" alone is not. */
const ENGLISH_WORD = /[A-Za-z]*[a-z][A-Za-z]*/;

/** Maps any BCP-47 tag (en, en-GB, zh-HK, zh-Hans-CN …) to a supported locale, or null when it is neither. */
export function localeFromTag(tag: string | undefined | null): Locale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith('en')) return 'en-US';
  if (lower.startsWith('zh')) return 'zh-CN';
  return null;
}

/**
 * The language a message is written in, or null when its words say nothing (a code, a number, a card's
 * button press, which carries no text). Any Chinese character means Chinese, since mixed messages like
 * "MES服务商" are Chinese sentences with English terms; English words mean English.
 */
export function writtenLocale(text: string | undefined, previous?: Locale | null, answeringPrompt = false): Locale | null {
  const written = (text ?? '').trim();
  if (HAN.test(written)) return mostlyEnglish(written) ? 'en-US' : 'zh-CN';
  // Answering a question, one Latin word (an access code, a name, "ok") says nothing about the language.
  if (answeringPrompt && previous && !/\s/.test(written)) return null;
  const words = written.replace(CODE_LIKE, ' ').match(new RegExp(ENGLISH_WORD.source, 'g')) ?? [];
  return words.some((w) => w.length >= 2) ? 'en-US' : null;
}

/**
 * An English sentence quoting a Chinese term ("What does 省优秀供应商 cover?"): at least four English words,
 * and at least one for every two Chinese characters. "我们要 MES 和 cloud platform 服务" stays Chinese.
 */
function mostlyEnglish(text: string): boolean {
  const words = (text.replace(CODE_LIKE, ' ').match(new RegExp(ENGLISH_WORD.source, 'g')) ?? []).filter((w) => w.length >= 2);
  const han = text.match(new RegExp(HAN.source, 'gu'))?.length ?? 0;
  return words.length >= 4 && words.length * 2 >= han;
}

/**
 * The language to answer a message in: the one it is written in; else the one this conversation was last
 * written in; only before anyone has written, the client's locale (Teams and the playground send the
 * client's UI language, which need not be the user's); else zh-CN. So a button press keeps the language.
 */
export function chooseLocale(text: string | undefined, activityLocale?: string | null, previous?: Locale | null, answeringPrompt = false): Locale {
  return writtenLocale(text, previous, answeringPrompt) ?? previous ?? localeFromTag(activityLocale) ?? DEFAULT_LOCALE;
}

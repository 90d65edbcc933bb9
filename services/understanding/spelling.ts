import { FuzzyMatcher } from './fuzzy';
import { normalize } from './normalize';
import { SpanMatcher } from './spans';

/**
 * Repairs the words of asking typed with a pinyin input method's homophone (申报进肚 → 申报进度, 专家回壁 →
 * 专家回避, 公式名单 → 公示名单) before the intent is read, so every rule that looks for 进度 or 回避 sees it.
 * Only a phrase of the intents' own lexicon is restored, only where exactly one such phrase is one homophone
 * away and the text does not already hold a phrase there; and not where the character typed is part of a real
 * word of its own (计算公式 stays 公式: ICU's dictionary segmenter, which knows Chinese words, says so), since a
 * slip that makes another word cannot be told from that word without more context than a message has. A
 * two-character word is restored only right beside another phrase of the lexicon that anchors it (专家 回壁,
 * 申报 进肚): alone, 招人 is as likely meant as a slip for 找人.
 */
const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });

export class SpellingRepair {
  private readonly exact: SpanMatcher<string>;
  private readonly near: FuzzyMatcher<string>;

  constructor(phrases: string[], sounds: Record<string, string> = {}) {
    // Words of two to four characters: a slip in a longer cue leaves most of it to match, and every phrase length
    // looked for costs a pass over the message.
    const han = [...new Set(phrases.map((p) => normalize(p)).filter((p) => /^\p{Script=Han}{2,4}$/u.test(p)))];
    const aliases = han.map((phrase) => ({ phrase, meaning: phrase }));
    this.exact = new SpanMatcher(aliases);
    this.near = new FuzzyMatcher(aliases, sounds, Infinity);
  }

  repair(normalized: string): string {
    const phrases = this.exact.find(normalized);
    const anchored = (slip: { start: number; end: number }) => slip.end - slip.start > 2 || phrases.some((p) => p.end === slip.start || p.start === slip.end);
    const slips = this.near.find(normalized, phrases).filter((s) => new Set(s.meanings).size === 1 && anchored(s));
    if (!slips.length) return normalized;
    const words = [...WORDS.segment(normalized)];
    const realWord = (slip: (typeof slips)[number]) => {
      const phrase = slip.meanings[0]!;
      const at = slip.start + [...slip.phrase].findIndex((ch, i) => ch !== phrase[i]);
      const word = words.find((w) => w.index <= at && at < w.index + w.segment.length)?.segment ?? '';
      return word.length > 1 && !phrase.includes(word);
    };
    let repaired = normalized;
    for (const slip of slips.filter((slip) => !realWord(slip)).sort((a, b) => b.start - a.start)) repaired = repaired.slice(0, slip.start) + slip.meanings[0]! + repaired.slice(slip.end);
    return repaired;
  }
}

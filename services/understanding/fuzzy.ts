import type { Alias, Span } from './spans';
import { normalize } from './normalize';

/**
 * Lexicon phrases typed with one slip: one wrong Chinese character in a phrase of four or more (能秏管理,
 * 供应连协同: an input method's neighbour or homophone), one character of a shorter phrase replaced by another of
 * the same sound (回壁 for 回避, 进肚 for 进度: what a pinyin input method offers first, given `sounds`, the
 * common characters by toneless pinyin), or two swapped letters in a short Latin acronym written inside Chinese
 * text (上个MSE系统). Edit distance 1, found through masked keys (the phrase with one position blanked; for a
 * short phrase the blank keeps the character's sound), so a message is looked up window by window instead of
 * compared with every phrase. What it finds is evidence, weaker than the exact phrase: the caller weighs it down.
 */
const MIN_HAN = 4;
/** Shorter phrases than MIN_HAN: a slip only by a homophone, and only in phrases of at least this many characters. */
const MIN_HOMOPHONE = 2;
const MASK = '\u0000';
const HAN = /^\p{Script=Han}+$/u;

export class FuzzyMatcher<T> {
  private readonly masked = new Map<string, T[]>();
  private readonly swapped = new Map<string, T[]>();
  private readonly lengths: number[];
  private readonly sound = new Map<string, string>();
  private readonly exact: Set<string>;

  /** `anySlip`: from this length on, any one character may be wrong; below it only a homophone (Infinity: never). */
  constructor(aliases: Alias<T>[], sounds: Record<string, string> = {}, private readonly anySlip = MIN_HAN) {
    for (const [syllable, characters] of Object.entries(sounds)) for (const ch of characters) if (!this.sound.has(ch)) this.sound.set(ch, syllable);
    const exact = new Set(aliases.map((a) => normalize(a.phrase)));
    this.exact = exact;
    const lengths = new Set<number>();
    for (const { phrase, meaning } of aliases) {
      const p = normalize(phrase);
      if (HAN.test(p) && p.length >= anySlip) {
        lengths.add(p.length);
        for (let i = 0; i < p.length; i++) push(this.masked, `${p.slice(0, i)}${MASK}${p.slice(i + 1)}`, meaning);
      } else if (HAN.test(p) && p.length >= MIN_HOMOPHONE && this.sound.size) {
        lengths.add(p.length);
        for (let i = 0; i < p.length; i++) {
          const sound = this.sound.get(p[i]!);
          if (sound) push(this.masked, `${p.slice(0, i)}${MASK}${sound}${p.slice(i + 1)}`, meaning);
        }
      } else if (/^[a-z]{3,4}$/.test(p)) {
        for (let i = 0; i + 1 < p.length; i++) {
          const variant = `${p.slice(0, i)}${p[i + 1]}${p[i]}${p.slice(i + 2)}`;
          if (!exact.has(variant)) push(this.swapped, variant, meaning);
        }
      }
    }
    this.lengths = [...lengths].sort((a, b) => b - a);
  }

  /** Near-misses in the parts of the text no exact phrase has claimed (`taken`). */
  find(normalized: string, taken: Span<unknown>[]): Span<T>[] {
    const free = new Uint8Array(normalized.length).fill(1);
    for (const s of taken) free.fill(0, s.start, s.end);
    const spans: Span<T>[] = [];
    for (const length of this.lengths) {
      for (let start = 0; start + length <= normalized.length; start++) {
        if (!free.subarray(start, start + length).every(Boolean)) continue;
        const window = normalized.slice(start, start + length);
        if (!HAN.test(window)) continue;
        if (length < this.anySlip && this.exact.has(window)) continue; // the phrase itself, claimed or not, is no slip
        const meanings = new Set<T>();
        for (let i = 0; i < length; i++) {
          const blank = length >= this.anySlip ? MASK : `${MASK}${this.sound.get(window[i]!) ?? '?'}`;
          for (const m of this.masked.get(`${window.slice(0, i)}${blank}${window.slice(i + 1)}`) ?? []) meanings.add(m);
        }
        if (!meanings.size) continue;
        free.fill(0, start, start + length);
        spans.push({ start, end: start + length, phrase: window, meanings: [...meanings] });
      }
    }
    // Latin acronyms only between Chinese characters (or the text's ends): there a Latin word is a system's name,
    // while in English text a swapped acronym is as likely a real word ("rep" is not "ERP").
    for (const match of normalized.matchAll(/[a-z]{3,4}/g)) {
      const start = match.index;
      const end = start + match[0].length;
      const before = normalized.slice(0, start).trimEnd().slice(-1);
      const after = normalized.slice(end).trimStart().slice(0, 1);
      if (/[a-z0-9]/.test(before) || /[a-z0-9]/.test(after) || !free[start]) continue;
      const meanings = this.swapped.get(match[0]);
      if (meanings) spans.push({ start, end, phrase: match[0], meanings });
    }
    return spans;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

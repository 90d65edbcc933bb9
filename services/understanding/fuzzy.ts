import type { Alias, Span } from './spans';
import { normalize } from './normalize';

/**
 * Lexicon phrases typed with one slip: one wrong Chinese character in a phrase of four or more (能秏管理,
 * 供应连协同: an input method's neighbour or homophone), or two swapped letters in a short Latin acronym written
 * inside Chinese text (上个MSE系统). Edit distance 1, found through masked keys (the phrase with one position
 * blanked), so a message is looked up window by window instead of compared with every phrase.
 * What it finds is evidence, weaker than the exact phrase: the caller weighs it down.
 */
const MIN_HAN = 4;
const MASK = '\u0000';
const HAN = /^\p{Script=Han}+$/u;

export class FuzzyMatcher<T> {
  private readonly masked = new Map<string, T[]>();
  private readonly swapped = new Map<string, T[]>();
  private readonly lengths: number[];

  constructor(aliases: Alias<T>[]) {
    const exact = new Set(aliases.map((a) => normalize(a.phrase)));
    const lengths = new Set<number>();
    for (const { phrase, meaning } of aliases) {
      const p = normalize(phrase);
      if (HAN.test(p) && p.length >= MIN_HAN) {
        lengths.add(p.length);
        for (let i = 0; i < p.length; i++) push(this.masked, `${p.slice(0, i)}${MASK}${p.slice(i + 1)}`, meaning);
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
        const meanings = new Set<T>();
        for (let i = 0; i < length; i++) for (const m of this.masked.get(`${window.slice(0, i)}${MASK}${window.slice(i + 1)}`) ?? []) meanings.add(m);
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

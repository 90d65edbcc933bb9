import { escapeRegExp } from './cues';
import { normalize } from './normalize';

/** One way of saying something, and what it means. */
export interface Alias<T> {
  phrase: string;
  meaning: T;
}

export interface Span<T> {
  start: number;
  end: number;
  phrase: string;
  /** Everything this phrase means (one phrase may belong to several entries, e.g. 空压机). */
  meanings: T[];
}

/**
 * Finds every alias in the text and keeps the longest non-overlapping ones, so "设备上云" is read as one
 * phrase (equipment connectivity) and not also as "上云" (cloud migration). `neutral` phrases are consumed
 * without meaning anything (e.g. the programme name "上云上平台" is not a request for a platform).
 */
export class SpanMatcher<T> {
  private readonly entries: { phrase: string; meanings: T[]; pattern: RegExp | null }[];

  /** `priority` orders overlapping phrases before length does (cues: the stronger cue wins). */
  constructor(aliases: Alias<T>[], neutral: string[] = [], priority: (meanings: T[]) => number = () => 0) {
    const neutralPhrases = new Set(neutral.map((p) => normalize(p)));
    const byPhrase = new Map<string, T[]>([...neutralPhrases].map((p) => [p, []]));
    for (const { phrase, meaning } of aliases) {
      const lower = normalize(phrase);
      if (neutralPhrases.has(lower)) continue; // a neutral phrase means nothing, whatever else lists it
      byPhrase.set(lower, [...(byPhrase.get(lower) ?? []), meaning]);
    }
    this.entries = [...byPhrase.entries()]
      .map(([phrase, meanings]) => {
        const ascii = /^[\x20-\x7e]+$/.test(phrase);
        // English aliases start at a word start ("car" must not match inside "scar").
        return { phrase, meanings, pattern: ascii ? new RegExp(`(?<![a-z])${escapeRegExp(phrase)}`, 'g') : null };
      })
      .sort((a, b) => priority(b.meanings) - priority(a.meanings) || b.phrase.length - a.phrase.length);
  }

  find(normalized: string): Span<T>[] {
    const taken = new Uint8Array(normalized.length);
    const spans: Span<T>[] = [];
    for (const entry of this.entries) {
      for (const start of occurrences(normalized, entry)) {
        const end = start + entry.phrase.length;
        if (taken.subarray(start, end).some((x) => x === 1)) continue;
        taken.fill(1, start, end);
        if (entry.meanings.length) spans.push({ start, end, phrase: entry.phrase, meanings: entry.meanings });
      }
    }
    return spans.sort((a, b) => a.start - b.start);
  }
}

function* occurrences(text: string, entry: { phrase: string; pattern: RegExp | null }): Generator<number> {
  if (entry.pattern) {
    entry.pattern.lastIndex = 0;
    for (let m = entry.pattern.exec(text); m; m = entry.pattern.exec(text)) yield m.index;
    return;
  }
  for (let i = text.indexOf(entry.phrase); i >= 0; i = text.indexOf(entry.phrase, i + 1)) yield i;
}

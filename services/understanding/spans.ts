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
  /** In the order they claim text: priority first, then the longer phrase. */
  private readonly entries: { phrase: string; meanings: T[]; wordStart: boolean }[];
  /**
   * Entry indexes by the phrase's first character, so a message is scanned once, position by position,
   * instead of once per alias (thousands of them): the cost follows the message's length, not the lexicon's.
   */
  private readonly byFirstChar = new Map<string, number[]>();

  /** `priority` orders overlapping phrases before length does (cues: the stronger cue wins). */
  constructor(aliases: Alias<T>[], neutral: string[] = [], priority: (meanings: T[]) => number = () => 0) {
    const neutralPhrases = new Set(neutral.map((p) => normalize(p)));
    const byPhrase = new Map<string, T[]>([...neutralPhrases].map((p) => [p, []]));
    for (const { phrase, meaning } of aliases) {
      const lower = normalize(phrase);
      if (!lower) continue;
      if (neutralPhrases.has(lower)) continue; // a neutral phrase means nothing, whatever else lists it
      byPhrase.set(lower, [...(byPhrase.get(lower) ?? []), meaning]);
    }
    this.entries = [...byPhrase.entries()]
      // English aliases start at a word start ("car" must not match inside "scar").
      .map(([phrase, meanings]) => ({ phrase, meanings, wordStart: /^[\x20-\x7e]+$/.test(phrase) }))
      .sort((a, b) => priority(b.meanings) - priority(a.meanings) || b.phrase.length - a.phrase.length);
    this.entries.forEach((entry, rank) => {
      const first = entry.phrase[0]!;
      const list = this.byFirstChar.get(first);
      if (list) list.push(rank);
      else this.byFirstChar.set(first, [rank]);
    });
  }

  find(normalized: string): Span<T>[] {
    // Every occurrence of every alias, then claimed in the entries' order (earlier position first).
    const hits: { rank: number; start: number }[] = [];
    for (let start = 0; start < normalized.length; start++) {
      for (const rank of this.byFirstChar.get(normalized[start]!) ?? []) {
        const entry = this.entries[rank]!;
        if (entry.wordStart && start > 0 && isLowerLatin(normalized.charCodeAt(start - 1))) continue;
        if (normalized.startsWith(entry.phrase, start)) hits.push({ rank, start });
      }
    }
    hits.sort((a, b) => a.rank - b.rank || a.start - b.start);
    const taken = new Uint8Array(normalized.length);
    const spans: Span<T>[] = [];
    for (const { rank, start } of hits) {
      const entry = this.entries[rank]!;
      const end = start + entry.phrase.length;
      if (taken.subarray(start, end).includes(1)) continue;
      taken.fill(1, start, end);
      if (entry.meanings.length) spans.push({ start, end, phrase: entry.phrase, meanings: entry.meanings });
    }
    return spans.sort((a, b) => a.start - b.start);
  }
}

const isLowerLatin = (code: number) => code >= 97 && code <= 122;

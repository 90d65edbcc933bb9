import { pinyin } from 'pinyin-pro';
import { writtenLocale } from '../i18n/language';

/**
 * Pinyin typed for Chinese (wo men chang xiang zhao zi yuan chi li de gong ying shang、pingjia每年都有吗), read back
 * into the characters of our own texts, so understanding and the document's answers hear what was meant.
 *
 * pinyin-pro gives the readings of Chinese words (with its phrase dictionary for polyphones); going back from
 * pinyin to characters is what no library does for a closed vocabulary, so it is done here: the words of the
 * texts given (the document, the knowledge files, the lexicon) are indexed by their toneless syllables, and a
 * run of Latin words that splits wholly into syllables is covered with the fewest pieces, a word of the
 * vocabulary (资源池) counting as one piece and a lone syllable as one more (its commonest character here).
 *
 * A message written wholly in pinyin is replaced by its reading, so it is answered in Chinese; in an English or
 * Chinese message only a run that holds a word of the vocabulary is read, and kept beside its reading
 * ("what does yi yong cu jian 以用促建 mean"); in English, only a word of three or more syllables typed across
 * spaces, since English words are often syllables too (guiding, decide, Jiangmen, ha ha).
 */
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_TOKEN = /[A-Za-z]+/g;
/** Longest vocabulary word, in characters: 以用促建、上云上平台 are the document's longest terms people type. */
const MAX_WORD = 5;
/** A word joined from several segments counts only when the texts use it this often (资源+池, not 评+吗). */
const JOINED_MIN = 2;
/** Longer Latin runs are not read: no question is that long, and the work stays linear in what is posted. */
const MAX_SYLLABLES = 60;
/** Beside English, a spaced word of ours is read from three syllables (zi yuan chi); "ha ha" stays as typed. */
const ENGLISH_MIN_SYLLABLES = 3;
/** A Latin "word" this long is no pinyin syllable string anyone types. */
const MAX_TOKEN = 40;

interface Piece {
  syllables: string[];
  hanzi: string;
  word: boolean;
  /** A word typed across spaces (zi yuan chi): pinyin beyond doubt, where one token (guiding, Jiangmen) may be English. */
  spaced?: boolean;
}

export class PinyinReader {
  /** Vocabulary words by their first syllable. */
  private readonly words = new Map<string, Piece[]>();
  /** The commonest character of the texts for each syllable. */
  private readonly single = new Map<string, string>();
  private readonly longestSyllable: number;

  constructor(texts: string[]) {
    const wordCounts = new Map<string, number>();
    const segmenterWords = new Set<string>();
    const charCounts = new Map<string, number>();
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    for (const text of texts) {
      for (const run of text.match(HAN_RUN) ?? []) {
        for (const ch of run) charCounts.set(ch, (charCounts.get(ch) ?? 0) + 1);
        // Words and their neighbours joined (资源+池, 以+用+促+建): the segmenter splits terms people type as one.
        const segments = [...segmenter.segment(run)].map((s) => s.segment);
        for (let i = 0; i < segments.length; i++) {
          let joined = '';
          for (let j = i; j < segments.length && joined.length + segments[j]!.length <= MAX_WORD; j++) {
            joined += segments[j];
            if (joined.length < 2) continue;
            wordCounts.set(joined, (wordCounts.get(joined) ?? 0) + 1);
            if (j === i) segmenterWords.add(joined);
          }
        }
      }
    }
    const byReading = new Map<string, { hanzi: string; count: number; syllables: string[] }>();
    for (const [hanzi, count] of wordCounts) {
      if (!segmenterWords.has(hanzi) && count < JOINED_MIN) continue;
      const syllables = readingOf(hanzi);
      if (syllables.length !== hanzi.length) continue;
      const key = syllables.join(' ');
      const held = byReading.get(key);
      if (!held || count > held.count) byReading.set(key, { hanzi, count, syllables });
    }
    for (const { hanzi, syllables } of byReading.values()) {
      const list = this.words.get(syllables[0]!) ?? [];
      list.push({ hanzi, syllables, word: true });
      this.words.set(syllables[0]!, list);
    }
    const singleCounts = new Map<string, number>();
    for (const [ch, count] of charCounts) {
      const [syllable] = readingOf(ch);
      if (!syllable || count <= (singleCounts.get(syllable) ?? 0)) continue;
      this.single.set(syllable, ch);
      singleCounts.set(syllable, count);
    }
    this.longestSyllable = Math.max(...[...this.single.keys()].map((s) => s.length));
  }

  /** The message with its pinyin read into characters, or the message itself when it holds none. */
  read(text: string): string {
    const tokens = [...text.matchAll(LATIN_TOKEN)];
    if (!tokens.length) return text;
    // Each token's syllables, worked out once; an acronym (OEE, MES) is not pinyin, though its letters may be syllables.
    const split = tokens.map((t) => (/^[A-Z]{2,}$/.test(t[0]) ? null : this.syllablesOf(t[0].toLowerCase())));
    const wholly = split.every((s) => s !== null) && !/\p{Script=Han}/u.test(text);
    const english = !wholly && writtenLocale(text) === 'en-US';
    let out = '';
    let at = 0;
    let oursRead = false;
    for (let i = 0; i < tokens.length; ) {
      if (!split[i]) {
        i++;
        continue;
      }
      // A run: syllabic tokens separated only by spaces, or by an apostrophe inside a word (xi'an).
      let j = i;
      while (j + 1 < tokens.length && split[j + 1] && /^(\s+|')$/.test(text.slice(tokens[j]!.index + tokens[j]![0].length, tokens[j + 1]!.index))) j++;
      const start = tokens[i]!.index;
      const end = tokens[j]!.index + tokens[j]![0].length;
      const pieces = this.cover(split.slice(i, j + 1) as string[][]);
      if (pieces?.some((p) => p.word)) oursRead = true;
      if (pieces && (wholly ? pieces.length > 0 : pieces.some((p) => p.word && (!english || (p.spaced && p.syllables.length >= ENGLISH_MIN_SYLLABLES))))) {
        // Beside English, only from the first word of ours to the last: "mean yi yong cu jian" is read 以用促建.
        const first = pieces.findIndex((p) => p.word);
        const last = pieces.length - 1 - [...pieces].reverse().findIndex((p) => p.word);
        const reading = (wholly ? pieces : pieces.slice(first, last + 1)).map((p) => p.hanzi).join('');
        out += text.slice(at, start) + (wholly ? reading : `${text.slice(start, end)} ${reading}`);
        at = end;
      }
      i = j + 1;
    }
    // Wholly pinyin with no word of ours in any run is not a reading we can stand behind ("a long day").
    return wholly && !oursRead ? text : out + text.slice(at);
  }

  /** One token's syllables (pingjia → ping jia), fewest first; null when it is not pinyin (or too long to be a word). */
  private syllablesOf(token: string): string[] | null {
    if (token.length > MAX_TOKEN) return null;
    // Fewest syllables to each end position, with a back-pointer to where the last one starts.
    const count: number[] = [0];
    const from: number[] = [0];
    for (let end = 1; end <= token.length; end++) {
      count[end] = Infinity;
      for (let len = Math.min(this.longestSyllable, end); len >= 1; len--) {
        if (count[end - len]! + 1 < count[end]! && this.single.has(token.slice(end - len, end))) {
          count[end] = count[end - len]! + 1;
          from[end] = end - len;
        }
      }
    }
    if (count[token.length] === Infinity) return null;
    const syllables: string[] = [];
    for (let end = token.length; end > 0; end = from[end]!) syllables.unshift(token.slice(from[end]!, end));
    return syllables;
  }

  /** The fewest pieces that cover a run's syllables (per token), words of the vocabulary before lone syllables; null when none does. */
  private cover(split: string[][]): Piece[] | null {
    const syllables = split.flat();
    // A run longer than any question is not read (and its cost stays bounded, whatever is posted).
    if (!syllables.length || syllables.length > MAX_SYLLABLES) return null;
    const tokenOf = split.flatMap((s, i) => s.map(() => i));
    // Per position: pieces so far, words among them, and the piece that ends here (a back-pointer through its length).
    const pieces: number[] = [0];
    const words: number[] = [0];
    const last: (Piece | undefined)[] = [undefined];
    for (let at = 0; at < syllables.length; at++) {
      if (pieces[at] === undefined) continue;
      const candidates: Piece[] = [{ syllables: [syllables[at]!], hanzi: this.single.get(syllables[at]!)!, word: false }];
      for (const word of this.words.get(syllables[at]!) ?? []) {
        if (word.syllables.every((s, k) => syllables[at + k] === s)) candidates.push({ ...word, spaced: tokenOf[at] !== tokenOf[at + word.syllables.length - 1] });
      }
      for (const piece of candidates) {
        const next = at + piece.syllables.length;
        const count = pieces[at]! + 1;
        const ours = words[at]! + Number(piece.word);
        // Fewer pieces wins; between equals, the one with more words of ours.
        if (pieces[next] === undefined || count < pieces[next]! || (count === pieces[next]! && ours > words[next]!)) {
          pieces[next] = count;
          words[next] = ours;
          last[next] = piece;
        }
      }
    }
    if (pieces[syllables.length] === undefined) return null;
    const cover: Piece[] = [];
    for (let at = syllables.length; at > 0; at -= last[at]!.syllables.length) cover.unshift(last[at]!);
    return cover;
  }
}

function readingOf(hanzi: string): string[] {
  // v: ü is written v, as people type it (lv for 绿).
  return pinyin(hanzi, { toneType: 'none', type: 'array', v: true });
}

import { compileCues, type WeightedCue } from '../understanding/cues';

/** A curated topic as far as choosing it goes: its id and weighted cues (internal ones are never chosen by cues). */
export interface CuedTopic {
  id: string;
  cues: [string, number][];
  internal?: boolean;
}

/** The role topic an official's question favours, and by how much (Composition.askerBoost). */
export interface AskerFavour {
  topic: string;
  boost: number;
}

/** The curated topics' cues, compiled once: which topic a (part of a) message is most about, and by what score. */
export class TopicCues {
  private readonly topics: { id: string; cues: WeightedCue[] }[];

  constructor(entries: readonly CuedTopic[]) {
    this.topics = entries.filter((t) => !t.internal).map((t) => ({ id: t.id, cues: compileCues(t.cues) }));
  }

  /**
   * The best-scoring topic at or above min (skip's never), with the asker's role topic favoured. A tie goes to the
   * higher tieBreak (the caller's: Guidance prefers the topic a question part asks, then the answer covering more), else
   * to the first listed.
   */
  best(normalized: string, min: number, asker: AskerFavour | null = null, skip: ReadonlySet<string> = new Set(), tieBreak?: (id: string) => number): { topic: string; score: number } | null {
    let best: { topic: string; score: number } | null = null;
    for (const { id, cues } of this.topics) {
      if (skip.has(id)) continue;
      let score = scoreOf(cues, normalized);
      if (asker?.topic === id) score += asker.boost;
      if (score < min) continue;
      if (!best || score > best.score || (score === best.score && tieBreak && tieBreak(id) > tieBreak(best.topic))) best = { topic: id, score };
    }
    return best;
  }

  /** One topic's score for a message (0 for a topic chosen by no cues). */
  score(id: string, normalized: string): number {
    return scoreOf(this.topics.find((t) => t.id === id)?.cues ?? [], normalized);
  }
}

function scoreOf(cues: WeightedCue[], normalized: string): number {
  return cues.reduce((sum, cue) => (cue.test(normalized) ? sum + cue.weight : sum), 0);
}

/**
 * Whether a sub-question's topic is asked (part: its score on the part's words; whole: on the whole message's). Strong
 * alone, unless the whole message speaks against it (材料 in a message about an objection); nearly strong (交给哪里)
 * when the whole message is behind it; 有什么用 or 找谁 alone, with nothing behind them, is too little.
 */
export function partCounts(part: number, whole: number, min: number, strong: number): boolean {
  if (part > strong) return true;
  if (part === strong) return whole >= min;
  return part > min && whole >= strong;
}

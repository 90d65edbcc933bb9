/**
 * A cue is a phrase or (prefixed 're:') a regular expression. English phrases match at word starts, so "hi"
 * does not fire inside "this" while "subscri" still matches "subscribe"; Chinese has no spaces to rely on.
 */
import { normalize } from './normalize';

export type CueTest = (normalized: string) => boolean;

const ASCII = /^[\x20-\x7e]+$/;
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileCue(cue: string): CueTest {
  if (cue.startsWith('re:')) {
    const pattern = new RegExp(cue.slice(3), 'u');
    return (text) => pattern.test(text);
  }
  const phrase = normalize(cue);
  if (ASCII.test(phrase)) {
    const pattern = new RegExp(`(^|[^a-z])${escapeRegExp(phrase)}`);
    return (text) => pattern.test(text);
  }
  return (text) => text.includes(phrase);
}

/**
 * A cue as a regular expression to find or strip its every occurrence (the offices a question names, an office
 * speaking of itself): 're:' patterns as written, phrases literally.
 */
export function cuePattern(cue: string, flags = 'gu'): RegExp {
  return cue.startsWith('re:') ? new RegExp(cue.slice(3), flags) : new RegExp(escapeRegExp(cue), flags);
}

export interface WeightedCue {
  cue: string;
  weight: number;
  test: CueTest;
}

export function compileCues(cues: [string, number][]): WeightedCue[] {
  return cues.map(([cue, weight]) => ({ cue, weight, test: compileCue(cue) }));
}

/**
 * The evaluation sets the benches run on when given no files: the contract's dev set (when ../shared/contract
 * is there) and every blind set in bench/sets/<name>/ (catalog.json, needs.json, qrels.json, utterances.json;
 * written by someone who never saw the lexicon or the examples, see each set's NOTES.md).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface EvaluationSet {
  name: string;
  utterances?: string;
  needs?: string;
  catalog?: string;
  qrels?: string;
}

/** CONTRACT_DIR, else ../shared/contract beside the checkout (a worktree one level deeper: ../../shared). */
const CONTRACT =
  process.env.CONTRACT_DIR ?? [join(__dirname, '..', '..', 'shared', 'contract'), join(__dirname, '..', '..', '..', 'shared', 'contract')].find((dir) => existsSync(dir)) ?? '';
const SETS = join(__dirname, 'sets');

const ifThere = (file: string) => (existsSync(file) ? file : undefined);

export function evaluationSets(): EvaluationSet[] {
  const sets: EvaluationSet[] = [];
  if (CONTRACT && existsSync(CONTRACT)) {
    sets.push({
      name: 'dev (contract)',
      utterances: ifThere(join(CONTRACT, 'dev-utterances.json')),
      needs: ifThere(join(CONTRACT, 'dev-match-queries.json')),
      catalog: ifThere(join(CONTRACT, 'dev-catalog.json')),
      qrels: ifThere(join(CONTRACT, 'dev-match-qrels.json')),
    });
  }
  for (const name of existsSync(SETS) ? readdirSync(SETS).sort() : []) {
    const dir = join(SETS, name);
    sets.push({
      name,
      utterances: ifThere(join(dir, 'utterances.json')),
      needs: ifThere(join(dir, 'needs.json')),
      catalog: ifThere(join(dir, 'catalog.json')),
      qrels: ifThere(join(dir, 'qrels.json')),
    });
  }
  return sets;
}

/** The family of a labelled need or utterance: its `kind` if labelled, else its id's letters ("B03" → "B"). */
export const familyOf = (item: { id?: string; kind?: string }): string => item.kind ?? /^[A-Za-z]+/.exec(item.id ?? '')?.[0] ?? '?';

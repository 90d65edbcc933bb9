/**
 * `npm run bench:topics [-- <questions.json> <labels.json>]`: how often the curated topic chosen for a question is
 * the one a reader labelled it with (data/knowledge/topicExamples.json), with and without what the topic classifier
 * learns from the labelled questions. Each question set is left out in turn: the classifier is trained on the
 * others' questions, so the figure for a set is what a set nobody trained on would see. Given a fresh set and its
 * labels ({"labels": [{"id", "topic", "second"?}]}), it is measured too, with everything learned. The cues were
 * written on these sets, so their own figure here is flattered; the classifier's is not.
 */
import { readFileSync } from 'node:fs';
import { loadGuidance, loadProvinceDocument } from '../data/knowledge/load';
import { Guidance } from '../services/applications/guidance';
import { ProvinceDocument } from '../services/knowledge/document';

const document = new ProvinceDocument(loadProvinceDocument());
const knowledge = loadGuidance();
const all = knowledge.examples ?? [];
/** The cues and the answers' own text, nothing learned from questions: the same for every set. */
const cuesOnly = new Guidance({ ...knowledge, examples: [] }, document);
const setOf = (from: string) => from.replace(/\d+$/, '');

interface Labelled {
  text: string;
  /** The topics a reader said answer it; empty for none. */
  topics: string[];
}

function score(guidance: Guidance, items: readonly Labelled[]): { right: number; none: number } {
  let right = 0;
  let none = 0;
  for (const item of items) {
    const chosen = guidance.topicFor(item.text)?.topic ?? null;
    if (chosen === null) none++;
    if (chosen === null ? item.topics.length === 0 : item.topics.includes(chosen)) right++;
  }
  return { right, none };
}

const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(0)} %`;
const rows: string[][] = [['set', 'questions', 'right, cues and answers only', 'right, learning from the other sets', 'no topic (before → after)']];
let totals = [0, 0, 0];
for (const set of [...new Set(all.map((e) => setOf(e.from)))]) {
  const held = all.filter((e) => setOf(e.from) === set).map((e) => ({ text: e.text, topics: e.topics }));
  const without = score(cuesOnly, held);
  const withOthers = score(new Guidance({ ...knowledge, examples: all.filter((e) => setOf(e.from) !== set) }, document), held);
  totals = [totals[0]! + held.length, totals[1]! + without.right, totals[2]! + withOthers.right];
  rows.push([set, String(held.length), String(without.right), String(withOthers.right), `${without.none} → ${withOthers.none}`]);
}
rows.push(['all', String(totals[0]), `${totals[1]} (${pct(totals[1]!, totals[0]!)})`, `${totals[2]} (${pct(totals[2]!, totals[0]!)})`, '']);

const [questionsPath, labelsPath] = process.argv.slice(2);
if (questionsPath && labelsPath) {
  const texts = new Map((JSON.parse(readFileSync(questionsPath, 'utf8')) as { questions: { id: string; text: string }[] }).questions.map((q) => [q.id, q.text]));
  const labels = (JSON.parse(readFileSync(labelsPath, 'utf8')) as { labels: { id: string; topic: string; second?: string }[] }).labels;
  const items = labels.filter((l) => texts.has(l.id)).map((l) => ({ text: texts.get(l.id)!, topics: [l.topic, ...(l.second ? [l.second] : [])].filter((t) => t !== 'none') }));
  const without = score(cuesOnly, items);
  const withAll = score(new Guidance({ ...knowledge, examples: all }, document), items);
  rows.push([`fresh: ${questionsPath}`, String(items.length), String(without.right), String(withAll.right), `${without.none} → ${withAll.none}`]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`);

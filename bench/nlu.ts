/**
 * `npm run bench:nlu -- [utterances.json] [entities.json]`: intent accuracy per intent, the confusion pairs,
 * entity recall, and recognition latency. Defaults: the contract's dev sets (utterances for intents; the
 * labelled manufacturers' needs for industry/city/service-category recall). Prints figures; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadUnderstandingData } from '../data/understanding/load';
import { LexiconRecognizer } from '../services/understanding/lexiconRecognizer';
import { percentile } from './stats';

const CONTRACT = join(__dirname, '..', '..', 'shared', 'contract');
const utterancesFile = process.argv[2] ?? join(CONTRACT, 'dev-utterances.json');
const entitiesFile = process.argv[3] ?? join(CONTRACT, 'dev-match-queries.json');

interface Labelled {
  id?: string;
  text: string;
  intent?: string;
  serviceCategories?: string[];
  industry?: string | null;
  city?: string | null;
  creditCode?: string | null;
}

const recognizer = new LexiconRecognizer(loadUnderstandingData());
const read = (file: string): Labelled[] => {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { utterances?: Labelled[]; queries?: Labelled[] };
  return json.utterances ?? json.queries ?? [];
};

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

// ---- intents
const utterances = read(utterancesFile).filter((u) => u.intent);
const perIntent = new Map<string, { right: number; total: number }>();
const confusions = new Map<string, string[]>();
const latencies: number[] = [];
let right = 0;
for (const u of utterances) {
  const started = process.hrtime.bigint();
  const result = recognizer.understandNow(u.text);
  latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  const stats = perIntent.get(u.intent!) ?? { right: 0, total: 0 };
  stats.total++;
  if (result.intent === u.intent) {
    stats.right++;
    right++;
  } else {
    const key = `${u.intent} → ${result.intent}`;
    confusions.set(key, [...(confusions.get(key) ?? []), u.text]);
  }
  perIntent.set(u.intent!, stats);
}
process.stdout.write(`Intents: ${utterancesFile}\n`);
process.stdout.write(`accuracy ${pct(right / utterances.length)} (${right}/${utterances.length})\n`);
for (const [intent, s] of [...perIntent.entries()].sort()) process.stdout.write(`  ${intent.padEnd(20)} ${pct(s.right / s.total).padStart(6)}  ${s.right}/${s.total}\n`);
process.stdout.write(`confusions (label → recognized):\n`);
if (!confusions.size) process.stdout.write('  none\n');
for (const [pair, texts] of [...confusions.entries()].sort((a, b) => b[1].length - a[1].length)) {
  process.stdout.write(`  ${pair}  ×${texts.length}: ${texts.map((t) => JSON.stringify(t)).join(', ')}\n`);
}

// ---- entities
const labelled = read(entitiesFile);
const recall = { serviceCategories: [0, 0], industry: [0, 0], city: [0, 0], creditCode: [0, 0] } as Record<string, [number, number]>;
const misses: string[] = [];
let extractedCategories = 0;
let correctCategories = 0;
for (const q of labelled) {
  const e = recognizer.understandNow(q.text).entities;
  if (q.serviceCategories) {
    extractedCategories += e.serviceCategories?.length ?? 0;
    correctCategories += (e.serviceCategories ?? []).filter((c) => q.serviceCategories!.includes(c)).length;
    for (const extra of (e.serviceCategories ?? []).filter((c) => !q.serviceCategories!.includes(c))) misses.push(`extra category ${extra}: ${q.text}`);
  }
  for (const cat of q.serviceCategories ?? []) {
    recall.serviceCategories![1]++;
    if (e.serviceCategories?.includes(cat)) recall.serviceCategories![0]++;
    else misses.push(`category ${cat}: ${q.text}`);
  }
  for (const field of ['industry', 'city', 'creditCode'] as const) {
    if (!q[field]) continue;
    recall[field]![1]++;
    if (e[field] === q[field]) recall[field]![0]++;
    else misses.push(`${field} ${q[field]} (got ${e[field] ?? '—'}): ${q.text}`);
  }
}
// Credit codes written inside the utterances: every valid one must be found.
for (const u of utterances) {
  for (const code of u.text.match(/[0-9A-Z]{18}/g) ?? []) {
    recall.creditCode![1]++;
    if (recognizer.understandNow(u.text).entities.creditCode === code) recall.creditCode![0]++;
    else misses.push(`creditCode ${code}: ${u.text}`);
  }
}
let found = 0;
let total = 0;
process.stdout.write(`\nEntities: ${entitiesFile} (+ codes in the utterances)\n`);
for (const [field, [f, t]] of Object.entries(recall)) {
  if (!t) continue;
  found += f;
  total += t;
  process.stdout.write(`  ${field.padEnd(18)} recall ${pct(f / t).padStart(6)}  ${f}/${t}\n`);
}
process.stdout.write(`entity recall ${pct(found / total)} (${found}/${total})\n`);
if (extractedCategories) process.stdout.write(`service-category precision ${pct(correctCategories / extractedCategories)} (${correctCategories}/${extractedCategories})\n`);
for (const miss of misses) process.stdout.write(`  missed ${miss}\n`);

// ---- latency (warm: repeat the set)
for (let i = 0; i < 20; i++) for (const u of utterances) {
  const started = process.hrtime.bigint();
  recognizer.understandNow(u.text);
  latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
}
latencies.sort((a, b) => a - b);
process.stdout.write(`\nlatency per utterance: p50 ${percentile(latencies, 0.5).toFixed(3)} ms, p95 ${percentile(latencies, 0.95).toFixed(3)} ms (n=${latencies.length})\n`);

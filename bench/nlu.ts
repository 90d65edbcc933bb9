/**
 * `npm run bench:nlu -- [utterances.json] [needs.json] [catalog.json]`: intent accuracy per intent, the
 * confusion pairs, entity recall (categories through the need path: the lexicon plus the classifier trained on
 * the set's catalog), per family of phrasing, and recognition latency. With no files: the contract's dev set
 * (when ../shared/contract is there) and every blind set in bench/sets/, then one summary line per set.
 * A catalog.json beside the needs file is used when none is given.
 * Also: leave-one-supplier-out over the catalog (each supplier's description classified by a model trained
 * without it), which says how the catalog-trained classifier does on a supplier it never saw; and
 * leave-one-family-out over the needs: the fusion's constants chosen on the other families of phrasing, measured
 * on the family left out, which says how much the committed constants owe to the set they were looked at on.
 * Prints figures; asserts nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadUnderstandingData } from '../data/understanding/load';
import type { Supplier } from '../services/model/supplier';
import { LexiconRecognizer } from '../services/understanding/lexiconRecognizer';
import { NeedClassifier } from '../services/understanding/needClassifier';
import { chooseCategories, FUSION } from '../services/understanding/needFusion';
import { evaluationSets, familyOf, type EvaluationSet } from './sets';
import { percentile } from './stats';

interface Labelled {
  id?: string;
  kind?: string;
  text: string;
  intent?: string;
  serviceCategories?: string[];
  industry?: string | null;
  city?: string | null;
  creditCode?: string | null;
}

interface Summary {
  name: string;
  intents?: string;
  categories?: string;
  /** Needs the chat would route to the find-supplier flow (intent find_supplier), of all the needs. */
  needsRouted?: string;
  industry?: string;
  looSuppliers?: string;
  looFamilies?: string;
  p95?: string;
  /** What leave-one-set-out needs: the recognizer (with its set's classifier) and the set's labelled needs. */
  needs?: { recognizer: LexiconRecognizer; labelled: Labelled[] };
}

const read = (file: string): Labelled[] => {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { utterances?: Labelled[]; queries?: Labelled[] };
  return json.utterances ?? json.queries ?? [];
};
const readCatalog = (file: string): Supplier[] => (JSON.parse(readFileSync(file, 'utf8')) as { suppliers: Supplier[] }).suppliers;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const out = (line = '') => process.stdout.write(`${line}\n`);
const data = loadUnderstandingData();

function measure(set: EvaluationSet): Summary {
  const summary: Summary = { name: set.name };
  const model = set.catalog ? NeedClassifier.train(readCatalog(set.catalog)) : undefined;
  const recognizer = new LexiconRecognizer(data, undefined, () => model);
  out(`\n=== ${set.name}${model ? ` (need classifier trained on ${model.size} suppliers of ${set.catalog})` : ' (no catalog: lexicon only)'}`);

  const utterances = set.utterances ? read(set.utterances).filter((u) => u.intent) : [];
  if (utterances.length) {
    const perIntent = new Map<string, { right: number; total: number }>();
    const confusions = new Map<string, string[]>();
    let right = 0;
    for (const u of utterances) {
      const result = recognizer.understandNow(u.text);
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
    out(`Intents: ${set.utterances}`);
    out(`accuracy ${pct(right / utterances.length)} (${right}/${utterances.length})`);
    summary.intents = `${pct(right / utterances.length)} (${right}/${utterances.length})`;
    for (const [intent, s] of [...perIntent.entries()].sort()) out(`  ${intent.padEnd(20)} ${pct(s.right / s.total).padStart(6)}  ${s.right}/${s.total}`);
    out('confusions (label → recognized):');
    if (!confusions.size) out('  none');
    for (const [pair, texts] of [...confusions.entries()].sort((a, b) => b[1].length - a[1].length)) out(`  ${pair}  ×${texts.length}: ${texts.map((t) => JSON.stringify(t)).join(', ')}`);
  }

  const labelled = set.needs ? read(set.needs) : [];
  if (labelled.length) {
    const recall = { serviceCategories: [0, 0], industry: [0, 0], city: [0, 0], creditCode: [0, 0] } as Record<string, [number, number]>;
    const families = new Map<string, { found: number; labelled: number; extracted: number; correct: number }>();
    const misses: string[] = [];
    let extractedCategories = 0;
    let correctCategories = 0;
    let routed = 0;
    for (const q of labelled) {
      const understood = recognizer.understandNow(q.text);
      const e = understood.entities;
      if (understood.intent === 'find_supplier') routed++;
      else misses.push(`routing: read as ${understood.intent}: ${q.text}`);
      const family = families.get(familyOf(q)) ?? { found: 0, labelled: 0, extracted: 0, correct: 0 };
      families.set(familyOf(q), family);
      if (q.serviceCategories) {
        const got = e.serviceCategories ?? [];
        extractedCategories += got.length;
        family.extracted += got.length;
        const correct = got.filter((c) => q.serviceCategories!.includes(c)).length;
        correctCategories += correct;
        family.correct += correct;
        for (const extra of got.filter((c) => !q.serviceCategories!.includes(c))) misses.push(`extra category ${extra}: ${q.text}`);
      }
      for (const cat of q.serviceCategories ?? []) {
        recall.serviceCategories![1]++;
        family.labelled++;
        if (e.serviceCategories?.includes(cat)) {
          recall.serviceCategories![0]++;
          family.found++;
        } else misses.push(`category ${cat}: ${q.text}`);
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
    out(`\nEntities: ${set.needs} (+ codes in the utterances)`);
    for (const [field, [f, t]] of Object.entries(recall)) {
      if (!t) continue;
      found += f;
      total += t;
      out(`  ${field.padEnd(18)} recall ${pct(f / t).padStart(6)}  ${f}/${t}`);
    }
    out(`entity recall ${pct(found / total)} (${found}/${total})`);
    const precision = extractedCategories ? correctCategories / extractedCategories : 0;
    if (extractedCategories) out(`service-category precision ${pct(precision)} (${correctCategories}/${extractedCategories})`);
    summary.needsRouted = `${pct(routed / labelled.length)} (${routed}/${labelled.length})`;
    out(`needs read as find_supplier (what the chat routes to the find-supplier flow): ${summary.needsRouted}`);
    const [cf, ct] = recall.serviceCategories!;
    summary.categories = `recall ${pct(cf / ct)}, precision ${pct(precision)}`;
    if (recall.industry![1]) summary.industry = pct(recall.industry![0] / recall.industry![1]);
    if (families.size > 1) {
      out('service categories per family of phrasing (id letter or kind):');
      for (const [family, f] of [...families.entries()].sort()) out(`  ${family.padEnd(4)} recall ${pct(f.found / Math.max(1, f.labelled)).padStart(6)} (${f.found}/${f.labelled})  precision ${pct(f.correct / Math.max(1, f.extracted)).padStart(6)} (${f.correct}/${f.extracted})`);
    }
    for (const miss of misses) out(`  missed ${miss}`);
  }

  if (model && set.catalog) summary.looSuppliers = leaveOneSupplierOut(model, readCatalog(set.catalog));
  if (model && new Set(labelled.map(familyOf)).size > 1) summary.looFamilies = leaveOneFamilyOut(recognizer, labelled);
  if (model && labelled.length) summary.needs = { recognizer, labelled };

  // Latency, warm (a running bot has compiled its code): three untimed passes, then the utterances, then the needs
  // (longer, and read with the classifier too), twenty times each.
  for (let i = 0; i < 3; i++) for (const u of [...utterances, ...labelled]) recognizer.understandNow(u.text);
  const timed = (texts: string[]) => {
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) for (const text of texts) {
      const started = process.hrtime.bigint();
      recognizer.understandNow(text);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return samples.sort((a, b) => a - b);
  };
  const utteranceTimes = timed(utterances.map((u) => u.text));
  const needTimes = timed(labelled.map((u) => u.text));
  summary.p95 = `${percentile(utteranceTimes, 0.95).toFixed(3)} ms (needs ${percentile(needTimes, 0.95).toFixed(3)} ms)`;
  out(`\nlatency per utterance: p50 ${percentile(utteranceTimes, 0.5).toFixed(3)} ms, p95 ${percentile(utteranceTimes, 0.95).toFixed(3)} ms (n=${utteranceTimes.length})`);
  if (needTimes.length) out(`latency per need: p50 ${percentile(needTimes, 0.5).toFixed(3)} ms, p95 ${percentile(needTimes, 0.95).toFixed(3)} ms (n=${needTimes.length})`);
  return summary;
}

/**
 * Each supplier's description, cases and products read by a model trained on every other supplier: are the
 * categories it infers (the model alone, no lexicon) among the supplier's own? Precision of what is inferred,
 * and recall of the supplier's categories.
 */
function leaveOneSupplierOut(model: NeedClassifier, catalog: Supplier[]): string {
  let inferred = 0;
  let correct = 0;
  let labelled = 0;
  let found = 0;
  for (const supplier of catalog) {
    model.remove(supplier);
    const text = [supplier.description, ...supplier.cases.map((c) => c.summary)].join('。');
    const own = new Set([...supplier.serviceCategories, ...supplier.products.flatMap((p) => p.serviceCategories)]);
    const chosen = chooseCategories(new Map(), model.classify(text).categories).categories;
    inferred += chosen.length;
    correct += chosen.filter((c) => own.has(c)).length;
    labelled += supplier.serviceCategories.length;
    found += supplier.serviceCategories.filter((c) => chosen.includes(c)).length;
    model.add(supplier);
  }
  const line = `precision ${pct(correct / Math.max(1, inferred))}, recall ${pct(found / Math.max(1, labelled))}`;
  out(`\nleave-one-supplier-out (${catalog.length} suppliers, model alone): ${line}`);
  return line;
}

/** Category F1 over needs, micro-averaged. */
function categoryF1(recognizer: LexiconRecognizer, needs: Labelled[]): { tp: number; extracted: number; labelled: number } {
  let tp = 0;
  let extracted = 0;
  let labelled = 0;
  for (const q of needs) {
    const got = recognizer.understandNow(q.text).entities.serviceCategories ?? [];
    tp += got.filter((c) => q.serviceCategories?.includes(c)).length;
    extracted += got.length;
    labelled += q.serviceCategories?.length ?? 0;
  }
  return { tp, extracted, labelled };
}
const f1 = ({ tp, extracted, labelled }: { tp: number; extracted: number; labelled: number }) => (tp ? (2 * tp) / (extracted + labelled) : 0);

/** The fusion constants' grid that leave-one-out chooses from (around the committed ones). */
const FUSION_GRID = [0.8, 1.2, 1.5].flatMap((model) => [0.4, 0.55, 0.7].flatMap((relative) => [2, 4, 6].flatMap((evidence) => [0, 0.06, 0.1].map((confident) => ({ model, relative, evidence, confident })))));

/**
 * Leave-one-set-out: for each set, the fusion constants chosen on all the other sets (each with its own catalog),
 * then the category F1 on the set left out: the nearest thing to a fresh blind set that sets already seen allow.
 */
function leaveOneSetOut(sets: { name: string; needs: { recognizer: LexiconRecognizer; labelled: Labelled[] } }[]): void {
  if (sets.length < 2) return;
  const committed = { model: FUSION.model, relative: FUSION.relative, evidence: FUSION.evidence, confident: FUSION.confident };
  const pooled = (group: typeof sets) => f1(group.map((s) => categoryF1(s.needs.recognizer, s.needs.labelled)).reduce((a, b) => ({ tp: a.tp + b.tp, extracted: a.extracted + b.extracted, labelled: a.labelled + b.labelled })));
  out('\nleave-one-set-out (service-category F1 of the needs, fusion constants chosen on the other sets):');
  for (const held of sets) {
    const others = sets.filter((s) => s !== held);
    let best = committed;
    let bestF1 = -1;
    for (const c of FUSION_GRID) {
      Object.assign(FUSION, c);
      const score = pooled(others);
      if (score > bestF1 + 1e-9) [best, bestF1] = [c, score];
    }
    Object.assign(FUSION, best);
    const heldOut = pooled([held]);
    Object.assign(FUSION, committed);
    out(`  ${held.name.padEnd(16)} F1 ${heldOut.toFixed(3)} (chosen: model ${best.model}, relative ${best.relative}, evidence ${best.evidence}, confident ${best.confident}); committed constants ${pooled([held]).toFixed(3)}`);
  }
}

/**
 * For each family of phrasing: the fusion constants (the model's weight, the share of the strongest, the
 * evidence needed) chosen from a small grid on the other families, then the category F1 on the one left out.
 * Pooled over the families, against the committed constants on the same needs.
 */
function leaveOneFamilyOut(recognizer: LexiconRecognizer, needs: Labelled[]): string {
  const committed = { model: FUSION.model, relative: FUSION.relative, evidence: FUSION.evidence };
  const grid = [0.8, 1, 1.2, 1.5].flatMap((model) => [0.4, 0.55, 0.7].flatMap((relative) => [2, 4, 6].map((evidence) => ({ model, relative, evidence }))));
  const families = [...new Set(needs.map(familyOf))].sort();
  const use = (c: typeof committed) => Object.assign(FUSION, c);
  const held = { tp: 0, extracted: 0, labelled: 0 };
  const lines: string[] = [];
  for (const family of families) {
    const train = needs.filter((q) => familyOf(q) !== family);
    const test = needs.filter((q) => familyOf(q) === family);
    let best = committed;
    let bestF1 = -1;
    for (const c of grid) {
      use(c);
      const score = f1(categoryF1(recognizer, train));
      if (score > bestF1 + 1e-9) [best, bestF1] = [c, score];
    }
    use(best);
    const r = categoryF1(recognizer, test);
    use(committed);
    const withCommitted = f1(categoryF1(recognizer, test));
    for (const k of ['tp', 'extracted', 'labelled'] as const) held[k] += r[k];
    lines.push(`  ${family.padEnd(4)} held out: F1 ${f1(r).toFixed(3)} with constants chosen on the others (model ${best.model}, relative ${best.relative}, evidence ${best.evidence}); committed constants ${withCommitted.toFixed(3)}`);
  }
  use(committed);
  const pooledCommitted = f1(categoryF1(recognizer, needs));
  out(`\nleave-one-family-out (service-category F1 of the needs):`);
  for (const line of lines) out(line);
  const line = `F1 ${f1(held).toFixed(3)} held out vs ${pooledCommitted.toFixed(3)} committed`;
  out(`  pooled: ${line}`);
  return line;
}

const [utterancesArg, needsArg, catalogArg] = process.argv.slice(2);
if (utterancesArg) {
  const besideNeeds = needsArg ? join(dirname(needsArg), 'catalog.json') : undefined;
  measure({ name: 'given files', utterances: utterancesArg, needs: needsArg, catalog: catalogArg ?? (besideNeeds && existsSync(besideNeeds) ? besideNeeds : undefined) });
} else {
  const summaries = evaluationSets().map(measure);
  leaveOneSetOut(summaries.flatMap((s) => (s.needs ? [{ name: s.name, needs: s.needs }] : [])));
  out('\n=== summary');
  for (const s of summaries) out(`${s.name}: intents ${s.intents ?? '—'}; service categories ${s.categories ?? '—'}; needs read as needs ${s.needsRouted ?? '—'}; industry recall ${s.industry ?? '—'}; leave-one-supplier-out ${s.looSuppliers ?? '—'}; leave-one-family-out ${s.looFamilies ?? '—'}; p95 ${s.p95}`);
}

/**
 * `npm run bench:match -- [catalog.json] [queries.json] [qrels.json] [--generate N]`
 * Starts the bot in-process on an in-memory store, imports the catalog through PUT /api/admin/catalog in
 * chunks of 2 000, then asks POST /api/match for every query. Prints nDCG@5 (gain 2^g − 1), per family of
 * phrasing (the query id's letters), violations (不合格 in the top 5) and p50/p95 latency over HTTP. With
 * --generate N the catalog is padded with N synthetic suppliers (latency at scale; relevance is measured on the
 * labelled ones only). With no files: the contract's dev set and every blind set in bench/sets/, one after the
 * other, then a summary line per set. Asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../bot/config';
import { startApp } from '../bot/server';
import { openStore } from '../data/store';
import { checkCharacter } from '../services/identity/creditCode';
import { evaluationSets, familyOf } from './sets';
import { percentile } from './stats';

const args = process.argv.slice(2);
const generateAt = args.indexOf('--generate');
const generate = generateAt >= 0 ? Number(args[generateAt + 1]) : 0;
// Without --generate, generateAt + 1 is 0: the first file must not be dropped with it.
const files = generateAt >= 0 ? args.filter((_a, i) => i !== generateAt && i !== generateAt + 1) : args;

type Supplier = { creditCode: string; name: string; ratings: { year: number; rating: string }[] } & Record<string, unknown>;
interface Run {
  name: string;
  catalogFile: string;
  queriesFile: string;
  qrelsFile: string;
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function syntheticCode(i: number): string {
  let body = '9144';
  let n = i + 1;
  for (let k = 0; k < 13; k++) {
    body += ALPHABET[n % 31];
    n = Math.floor(n / 31) + k * 7;
  }
  return body + checkCharacter(body);
}

/** Copies of labelled suppliers under new codes and names: realistic text, categories and ratings. */
const synthesize = (catalog: Supplier[]): Supplier[] =>
  Array.from({ length: generate }, (_, i) => {
    const base = catalog[i % catalog.length]!;
    return { ...base, creditCode: syntheticCode(i), name: `${base.name}（合成${i}）` };
  });

const gain = (g: number) => (g > 0 ? 2 ** g - 1 : 0);
const dcg = (grades: number[]) => grades.reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);

async function measure(run: Run): Promise<string> {
  process.stdout.write(`\n=== ${run.name}: ${run.catalogFile}\n`);
  const catalog = (JSON.parse(readFileSync(run.catalogFile, 'utf8')) as { suppliers: Supplier[] }).suppliers;
  const queries = (JSON.parse(readFileSync(run.queriesFile, 'utf8')) as { queries: { id: string; text: string; kind?: string }[] }).queries;
  const qrels = JSON.parse(readFileSync(run.qrelsFile, 'utf8')) as Record<string, Record<string, number>>;
  const synthetic = synthesize(catalog);
  const token = randomBytes(32).toString('base64url'); // ADMIN_TOKEN must be strong (security finding 10)
  const store = await openStore({ databaseId: `bench-${run.name.replace(/\W+/g, '-')}` });
  const app = await startApp(loadConfig({ PORT: '0', ADMIN_TOKEN: token, MATCH_RATE_LIMIT: '1000000', LOG_LEVEL: 'silent' }), pino({ level: process.env.BENCH_LOG ?? 'silent' }), { store, seedDemo: false });
  try {
    const all = [...catalog, ...synthetic];
    const importStarted = Date.now();
    let imported = 0;
    for (let i = 0; i < all.length; i += 2000) {
      const response = await fetch(`${app.url}/api/admin/catalog`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ suppliers: all.slice(i, i + 2000) }),
      });
      if (!response.ok) throw new Error(`chunk ${i / 2000 + 1} failed: ${response.status} ${await response.text()}`);
      const report = (await response.json()) as { imported: number; rejected: unknown[] };
      imported += report.imported;
      process.stdout.write(`  chunk ${i / 2000 + 1}: ${report.imported} imported, ${((Date.now() - importStarted) / 1000).toFixed(1)} s\n`);
      if (report.rejected.length) process.stdout.write(`rejected: ${JSON.stringify(report.rejected.slice(0, 3))}\n`);
    }
    process.stdout.write(`catalog: ${imported} suppliers imported in ${((Date.now() - importStarted) / 1000).toFixed(1)} s (${catalog.length} labelled + ${synthetic.length} synthetic)\n`);
    // The index rebuilds in the background once the chunks stop coming; wait for it like a client would.
    const indexStarted = Date.now();
    process.stdout.write(`waiting for the index…\n`);
    for (;;) {
      const status = (await (await fetch(`${app.url}/api/admin/catalog`, { headers: { authorization: `Bearer ${token}` } })).json()) as { index: { suppliers: number; building: boolean } };
      if (!status.index.building && status.index.suppliers > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    process.stdout.write(`index ready ${((Date.now() - indexStarted) / 1000).toFixed(1)} s after the last chunk\n`);

    const failed = new Set(all.filter((s) => [...s.ratings].sort((a, b) => b.year - a.year)[0]?.rating === '不合格').map((s) => s.creditCode));
    const latencies: number[] = [];
    let ndcgSum = 0;
    let violations = 0;
    const perQuery: string[] = [];
    const families = new Map<string, number[]>();
    for (let round = 0; round < 10; round++) {
      for (const q of queries) {
        const started = process.hrtime.bigint();
        const response = await fetch(`${app.url}/api/match`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: q.text }) });
        const body = (await response.json()) as { results: { creditCode: string }[] };
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (round > 0) continue;
        const labels = qrels[q.id] ?? {};
        const grades = body.results.slice(0, 5).map((r) => labels[r.creditCode] ?? 0);
        const ideal = Object.values(labels).sort((a, b) => b - a).slice(0, 5);
        const ndcg = dcg(ideal) > 0 ? dcg(grades) / dcg(ideal) : 1;
        ndcgSum += ndcg;
        families.set(familyOf(q), [...(families.get(familyOf(q)) ?? []), ndcg]);
        const bad = body.results.slice(0, 5).filter((r) => failed.has(r.creditCode) || labels[r.creditCode] === -1).length;
        violations += bad;
        perQuery.push(`  ${q.id} nDCG@5 ${ndcg.toFixed(3)} grades [${grades.join(', ')}]${bad ? ` VIOLATIONS ${bad}` : ''}`);
      }
    }
    latencies.sort((a, b) => a - b);
    let figure: string;
    if (synthetic.length) {
      // Synthetic suppliers are unlabelled copies of labelled ones, so nDCG against the labels means nothing here.
      process.stdout.write(`nDCG@5: not measured with --generate (synthetic suppliers are unlabelled); violations (不合格 in top 5): ${violations}\n`);
      figure = `violations ${violations}`;
    } else {
      process.stdout.write(`${perQuery.join('\n')}\n`);
      if (families.size > 1) {
        process.stdout.write('nDCG@5 per family of phrasing (id letters or kind):\n');
        for (const [family, values] of [...families.entries()].sort()) process.stdout.write(`  ${family.padEnd(4)} ${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(3)} (${values.length} queries)\n`);
      }
      process.stdout.write(`nDCG@5 ${(ndcgSum / queries.length).toFixed(3)} over ${queries.length} queries; violations (不合格 in top 5): ${violations}\n`);
      figure = `nDCG@5 ${(ndcgSum / queries.length).toFixed(3)}, violations ${violations}`;
    }
    const p95 = percentile(latencies, 0.95).toFixed(1);
    process.stdout.write(`latency over HTTP (${latencies.length} requests, ${imported} suppliers): p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${p95} ms\n`);
    return `${run.name}: ${figure}, p95 ${p95} ms at ${imported} suppliers`;
  } finally {
    await app.close();
    await store.close();
  }
}

async function main(): Promise<void> {
  const runs: Run[] = files.length
    ? [{ name: 'given files', catalogFile: files[0]!, queriesFile: files[1]!, qrelsFile: files[2]! }]
    : evaluationSets()
        .filter((set) => set.catalog && set.needs && set.qrels)
        .map((set) => ({ name: set.name, catalogFile: set.catalog!, queriesFile: set.needs!, qrelsFile: set.qrels! }));
  if (files.length && files.length < 3) throw new Error('give catalog, queries and qrels files, or none (dev + every blind set)');
  const summaries: string[] = [];
  for (const run of runs) summaries.push(await measure(run));
  process.stdout.write(`\n=== summary\n${summaries.join('\n')}\n`);
}

main().catch((err: Error & { cause?: unknown }) => {
  process.stderr.write(`${err.stack ?? err.message}${err.cause ? `\ncause: ${String((err.cause as Error).message ?? err.cause)}` : ''}\n`);
  process.exit(1);
});

/**
 * `npm run bench:catalog -- [--suppliers N] [--chunk 2000] [--port P] [--own-words] [catalog.json] [queries.json]`
 * The bot as `npm start` runs it (its own process, the embedded database saved in a fresh DATA_DIR), then
 * N suppliers (default 20 000, synthetic copies of the labelled catalog under new codes; default catalog the
 * project's test/fixtures/match-catalog.json, or the contract's dev-catalog.json when given) through
 * PUT /api/admin/catalog, one chunk after another. `--own-words` gives each copy 60 characters of text of its
 * own, as a real catalog's vendors do not repeat each other word for word (the catalog-trained classifier then
 * holds hundreds of thousands of n-grams, not the copies' few). Meanwhile a prober asks POST /api/match every
 * 100 ms.
 * Prints each chunk's time, the total, the time from the last chunk until the index holds all of them, and
 * match latency p50/p95 during the import and once it is ready (the queries, 3 rounds), and the longest the bot's
 * event loop was blocked during the import (until the index holds it) and after (bench/eventLoopProbe.ts).
 * Asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCharacter } from '../services/identity/creditCode';
import { freePort, run, waitHealthy } from '../test/support/process';
import { percentile } from './stats';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const N = Number(option('--suppliers') ?? 20_000);
const CHUNK = Number(option('--chunk') ?? 2_000);
const PORT = option('--port');
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const OWN_WORDS = flag('--own-words');
const FIXTURES = join(__dirname, '..', 'test', 'fixtures');
const [catalogFile = join(FIXTURES, 'match-catalog.json'), queriesFile = join(FIXTURES, 'match-queries.json')] = args;
const TOKEN = randomBytes(32).toString('base64url'); // ADMIN_TOKEN must be strong (security finding 10)

type Supplier = { creditCode: string; name: string } & Record<string, unknown>;
const labelled = (JSON.parse(readFileSync(catalogFile, 'utf8')) as { suppliers: Supplier[] }).suppliers;
const queries = (JSON.parse(readFileSync(queriesFile, 'utf8')) as { queries: { text: string }[] }).queries.map((q) => q.text);

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function code(i: number): string {
  let body = '9144';
  for (let k = 0, n = i + 1; k < 13; k++, n = Math.floor(n / 31)) body += ALPHABET[n % 31];
  return body + checkCharacter(body);
}
/** Characters of common Chinese, drawn by a generator seeded with the supplier's number. */
function ownWords(i: number): string {
  let seed = i + 1;
  return Array.from({ length: 60 }, () => String.fromCharCode(0x4e00 + ((seed = (seed * 1103515245 + 12345) % 2147483648) % 3000))).join('');
}
const supplier = (i: number): Supplier => {
  const base = labelled[i % labelled.length]!;
  return { ...base, creditCode: code(i), name: `${base.name}（${i}）`, ...(OWN_WORDS ? { description: `${String(base.description)} ${ownWords(i)}` } : {}) };
};

async function main(): Promise<void> {
  const port = PORT ? Number(PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const bot = run(join(__dirname, '..', 'bot', 'index.ts'), {
    PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-catalog-')), COSMOS_ENDPOINT: '', COSMOS_KEY: '', MicrosoftAppId: '', NODE_ENV: 'development',
    ADMIN_TOKEN: TOKEN, MATCH_RATE_LIMIT: '1000000', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  }, ['--import', join(__dirname, 'eventLoopProbe.ts')]);
  try {
    // A bot that exits at start-up (a configuration it refuses) is reported at once, not after the wait.
    await Promise.race([waitHealthy(url, 240_000), bot.exited.then((e) => Promise.reject(new Error(`the bot exited (${e.code}): ${bot.output().slice(-800)}`)))]);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
    const status = async () => ((await (await fetch(`${url}/api/admin/catalog`, { headers })).json()) as { index: { suppliers: number; building: boolean } }).index;
    const before = (await status()).suppliers;
    const match = async (text: string) => {
      const started = process.hrtime.bigint();
      const response = await fetch(`${url}/api/match`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      await response.json();
      if (!response.ok) throw new Error(`match answered ${response.status}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };

    const during: number[] = [];
    let probing = true;
    const prober = (async () => {
      for (let i = 0; probing; i++) {
        during.push(await match(queries[i % queries.length]!));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const started = Date.now();
    const chunkTimes: number[] = [];
    for (let i = 0; i < N; i += CHUNK) {
      const chunkStarted = Date.now();
      const body = JSON.stringify({ suppliers: Array.from({ length: Math.min(CHUNK, N - i) }, (_, j) => supplier(i + j)) });
      const response = await fetch(`${url}/api/admin/catalog`, { method: 'PUT', headers, body });
      if (!response.ok) throw new Error(`chunk ${i / CHUNK + 1} failed: ${response.status} ${await response.text()}`);
      chunkTimes.push((Date.now() - chunkStarted) / 1000);
      process.stdout.write(`  chunk ${i / CHUNK + 1}: ${chunkTimes.at(-1)!.toFixed(1)} s\n`);
    }
    const imported = Date.now();
    const failed = (s: Supplier) => [...(s.ratings as { year: number; rating: string }[])].sort((a, b) => b.year - a.year)[0]?.rating === '不合格';
    const expected = before + Array.from({ length: N }, (_, i) => labelled[i % labelled.length]!).filter((s) => !failed(s)).length;
    let ready = await status();
    while (ready.building || ready.suppliers < expected) {
      await new Promise((r) => setTimeout(r, 250));
      ready = await status();
    }
    const readyAt = Date.now();
    const matchedAfter = (readyAt - imported) / 1000;
    probing = false;
    await prober;

    const after: number[] = [];
    for (let round = 0; round < 3; round++) for (const q of queries) after.push(await match(q));
    // The probe's seconds, by when each ended: the import's (until the index held it) and those after.
    await new Promise((r) => setTimeout(r, 1100));
    const blocks = [...bot.output().matchAll(/^event-loop-block (\d+) ([\d.]+) ([\d.]+)$/gm)].map((m) => ({ at: Number(m[1]), ms: Number(m[2]), gc: Number(m[3]) }));
    const longest = (from: number, to: number) => {
      const seconds = blocks.filter((b) => b.at > from && b.at <= to + 1000);
      const worst = seconds.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, gc: 0 });
      return `${worst.ms.toFixed(0)} ms (longest GC pause in that second ${worst.gc.toFixed(0)} ms; 9 in 10 seconds ≤ ${percentile(seconds.map((b) => b.ms).sort((a, b) => a - b), 0.9).toFixed(0)} ms)`;
    };
    const afterEnded = Date.now();
    during.sort((a, b) => a - b);
    after.sort((a, b) => a - b);
    const f = (xs: number[], p: number) => percentile(xs, p).toFixed(0);
    process.stdout.write(
      `${N} suppliers in ${chunkTimes.length} chunks of ${CHUNK}: ${((imported - started) / 1000).toFixed(1)} s; slowest chunk ${Math.max(...chunkTimes).toFixed(1)} s, last ${chunkTimes.at(-1)!.toFixed(1)} s\n` +
        `index holds them ${matchedAfter.toFixed(1)} s after the last chunk (${ready.suppliers} indexed)\n` +
        `POST /api/match during the import: p50 ${f(during, 0.5)} ms, p95 ${f(during, 0.95)} ms (${during.length} requests)\n` +
        `POST /api/match once ready: p50 ${f(after, 0.5)} ms, p95 ${f(after, 0.95)} ms (${after.length} requests)\n` +
        `longest event-loop block in the bot during the import: ${longest(started, readyAt)}\n` +
        `longest event-loop block in the bot after it: ${longest(readyAt + 1000, afterEnded)}\n`,
    );
    const stopping = Date.now();
    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    process.stdout.write(`SIGTERM → exit ${exit.code} in ${((exit.at - stopping) / 1000).toFixed(1)} s\n`);
  } catch (err) {
    const problems = bot.output().split('\n').filter((l) => /"level":(40|50|60)/.test(l));
    process.stderr.write(`bot log (warnings and errors, last 5):\n${problems.slice(-5).map((l) => `  ${l.slice(0, 1500)}`).join('\n')}\n`);
    throw err;
  } finally {
    if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});

/**
 * The load generator of `npm run bench:status`, in its own process (a real channel is not inside the bot):
 * `node --import tsx bench/statusLoad.ts <bot url> <serviceUrl> closed|open <conversations> <ms> [rps]`.
 * Prints one JSON line with the figures. BENCH_TEXT changes the question (e.g. 你好, to compare a turn without
 * the status flow).
 */
const [url, serviceUrl, mode, conversationsArg, msArg, rpsArg] = process.argv.slice(2) as [string, string, string, string, string, string?];
const conversations = Number(conversationsArg);
const durationMs = Number(msArg);
const text = process.env.BENCH_TEXT ?? '申报进度';

function activity(conversation: number, seq: number) {
  return {
    type: 'message', id: `a${conversation}-${seq}`, text, locale: 'zh-CN', channelId: 'directline', serviceUrl,
    from: { id: `bench-user-${conversation}` }, recipient: { id: 'bot' }, conversation: { id: `bench-conv-${conversation}` },
  };
}

async function post(body: unknown): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const latencies: number[] = [];
  let failed = 0;
  let seq = 0;
  if (mode === 'closed') {
    const deadline = Date.now() + durationMs;
    await Promise.all(Array.from({ length: conversations }, async (_, c) => {
      while (Date.now() < deadline) latencies.push(await post(activity(c, seq++)));
    }));
  } else {
    const rps = Number(rpsArg);
    const total = (rps * durationMs) / 1000;
    const started = Date.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = started + (i * 1000) / rps - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(post(activity(i % conversations, 1_000_000 + i)).then((ms) => void latencies.push(ms), () => void failed++));
    }
    await Promise.all(inFlight);
  }
  latencies.sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({ turns: latencies.length, failed, turnsPerSecond: latencies.length / (durationMs / 1000), p50: pct(latencies, 0.5), p95: pct(latencies, 0.95) })}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});

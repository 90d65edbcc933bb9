/**
 * The load generator of `npm run bench:status`, in its own process (a real channel is not inside the bot):
 * `node --import tsx bench/statusLoad.ts <bot url> <serviceUrl> closed|open <conversations> <ms> <rps> <warm-up ms>`.
 * Prints one JSON line: the measured seconds, each answered turn's latency in ms, and how many failed.
 * BENCH_TEXT changes the question (e.g. 你好, to compare a turn without the status flow). A closed loop first runs unmeasured for the warm-up time, so no bot is measured while
 * its code is still being compiled and its heap sized.
 */
const [url, serviceUrl, mode, conversationsArg, msArg, rpsArg, warmUpArg] = process.argv.slice(2) as [string, string, string, string, string, string, string];
const conversations = Number(conversationsArg);
const durationMs = Number(msArg);
const text = process.env.BENCH_TEXT ?? '申报进度';
const warmUpMs = Number(warmUpArg);

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

async function main(): Promise<void> {
  const latencies: number[] = [];
  let failed = 0;
  let seq = 0;
  const closedLoop = async (ms: number, measured: boolean) => {
    const deadline = Date.now() + ms;
    await Promise.all(Array.from({ length: conversations }, async (_, c) => {
      while (Date.now() < deadline) {
        const took = await post(activity(c, seq++));
        if (measured) latencies.push(took);
      }
    }));
  };
  if (mode === 'closed') {
    await closedLoop(warmUpMs, false);
    await closedLoop(durationMs, true);
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
  process.stdout.write(`${JSON.stringify({ failed, seconds: durationMs / 1000, latencies: latencies.map((ms) => Math.round(ms * 100) / 100) })}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});

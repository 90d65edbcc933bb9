import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestEnvironment } from 'jest-environment-node';

/**
 * When Jest force-exits a worker (SIGTERM, 500 ms after asking it to end), say what was still holding it, on
 * stderr and in `<tmpdir>/jest-forced-exit-<pid>.json`: the warning "a worker process has failed to exit
 * gracefully" names no file, and every file's own check below had passed in the run where it was last seen
 * (beside a CPU hog and another session's load). Installed once per worker process.
 */
process.once('SIGTERM', () => {
  const held = process.getActiveResourcesInfo();
  const line = `jest worker ${process.pid} force-exited while holding: ${JSON.stringify(held)}\n`;
  try {
    writeFileSync(join(tmpdir(), `jest-forced-exit-${process.pid}.json`), JSON.stringify({ at: new Date().toISOString(), held }));
  } catch {
    // a diagnostic only: nothing to do if the temp folder refuses it
  }
  process.stderr.write(line, () => process.exit(143));
});

/** How long a test file's sockets, servers, timers and processes get to close after its last test. */
const GRACE_MS = 10_000;

/** Live resources that keep a process running (ref'd handles and timers), counted by kind. */
function live(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

function leftOver(before: Map<string, number>): string[] {
  const extra: string[] = [];
  for (const [kind, n] of live()) if (n > (before.get(kind) ?? 0)) extra.push(`${n - (before.get(kind) ?? 0)} × ${kind}`);
  return extra;
}

/**
 * Node's environment, plus a check that a test file leaves nothing running. Jest gives a worker 500 ms to exit
 * once the run is over; a socket, server, timer or child process a file left open is what makes it "fail to
 * exit gracefully" (an unread 200 KB answer held its connection for minutes). A file whose resources are still
 * live `GRACE_MS` after its end fails, with their kinds; the wait ends as soon as they are gone.
 */
export default class LeakCheckingEnvironment extends TestEnvironment {
  private before = new Map<string, number>();

  override async setup(): Promise<void> {
    this.before = live();
    await super.setup();
  }

  override async teardown(): Promise<void> {
    await super.teardown();
    const until = Date.now() + GRACE_MS;
    let extra = leftOver(this.before);
    while (extra.length && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50).unref());
      extra = leftOver(this.before);
    }
    if (extra.length) throw new Error(`this test file left ${extra.join(', ')} running ${GRACE_MS / 1000} s after its end (close what it opened, read every answer to the end)`);
  }
}

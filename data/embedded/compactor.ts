import { join } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startModuleWorker } from '../worker';
import { compact } from './fold';

type Job = { role: 'journal-compactor'; dir: string; through: number };
type Outcome = { bytes: number } | { error: string };

/**
 * Folds journal segments into the base in a worker thread of its own: reading and rewriting the account
 * (seconds at 100 000 suppliers) must not hold up the server answering requests. `stop()` ends it at once;
 * an interrupted compaction leaves the old base and every segment in place.
 */
export function compactInWorker(dir: string, through: number): { done: Promise<number>; stop: () => Promise<void> } {
  const worker = startModuleWorker(join(__dirname, 'compactor'), { role: 'journal-compactor', dir, through } satisfies Job);
  const done = new Promise<number>((resolve, reject) => {
    worker.once('message', (outcome: Outcome) => ('bytes' in outcome ? resolve(outcome.bytes) : reject(new Error(outcome.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`compaction stopped (${code})`)));
  });
  done.catch(() => undefined).finally(() => void worker.terminate());
  return {
    done,
    stop: async () => {
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort && (workerData as Partial<Job> | undefined)?.role === 'journal-compactor') {
  const port = parentPort;
  const { dir, through } = workerData as Job;
  compact(dir, through).then(
    (bytes) => port.postMessage({ bytes } satisfies Outcome),
    (err: unknown) => port.postMessage({ error: String(err) } satisfies Outcome),
  );
}

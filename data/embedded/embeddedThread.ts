import { join } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startModuleWorker } from '../worker';
import { startEmbeddedCosmos, type EmbeddedCosmos, type EmbeddedCosmosOptions } from './embeddedCosmos';

type Command = { id: number; op: 'flush' | 'compact' | 'close' };
type Started = Omit<EmbeddedCosmos, 'flush' | 'compact' | 'close'>;
type Event = { started: Started } | { failed: string } | { done: number; error?: string } | { storageError: string };

/**
 * The embedded server in a worker thread of its own: its work — every query scans its container; restoring
 * the account at start — is then done on the other core, not on the event loop that answers chats and
 * POST /api/match. The bot reaches it over HTTPS on loopback
 * exactly as before.
 */
export async function startEmbeddedCosmosThread(options: Omit<EmbeddedCosmosOptions, 'onError'> & { onError?: (err: unknown) => void } = {}): Promise<EmbeddedCosmos> {
  const { onError = () => undefined, ...settings } = options;
  const worker = startModuleWorker(join(__dirname, 'embeddedThread'), settings);
  let nextId = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const started = await new Promise<Started>((resolve, reject) => {
    worker.on('message', (event: Event) => {
      if ('started' in event) resolve(event.started);
      else if ('failed' in event) reject(new Error(event.failed));
      else if ('storageError' in event) onError(new Error(event.storageError));
      else {
        const w = waiting.get(event.done);
        waiting.delete(event.done);
        if (event.error) w?.reject(new Error(event.error));
        else w?.resolve();
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`embedded database thread exited (${code})`)));
  });
  const ask = (op: Command['op']) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, op } satisfies Command);
    });
  return {
    ...started,
    flush: () => ask('flush'),
    compact: () => ask('compact'),
    async close() {
      await ask('close');
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  startEmbeddedCosmos({ ...(workerData as EmbeddedCosmosOptions), onError: (err) => port.postMessage({ storageError: String(err) } satisfies Event) }).then(
    (db) => {
      port.postMessage({ started: { endpoint: db.endpoint, key: db.key, port: db.port, restoredDocuments: db.restoredDocuments } } satisfies Event);
      port.on('message', ({ id, op }: Command) => {
        db[op]().then(
          () => port.postMessage({ done: id } satisfies Event),
          (err: unknown) => port.postMessage({ done: id, error: String(err) } satisfies Event),
        );
      });
    },
    (err: unknown) => port.postMessage({ failed: String(err) } satisfies Event),
  );
}

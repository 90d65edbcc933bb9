import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createCosmosClient } from '../cosmos';
import { readSnapshotFile, restoreSnapshot, takeSnapshot, writeSnapshotFile } from './snapshot';

/** The embedded server checks no key; this is the official emulator's published well-known key. */
export const EMBEDDED_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface EmbeddedCosmosOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Where the snapshot lives; without it the data is in memory only (tests). */
  dataDir?: string;
  /** Quiet time after the last change before a snapshot is written. */
  debounceMs?: number;
  /** A snapshot is written at least this often while changes keep coming. */
  maxDelayMs?: number;
  onError?: (err: unknown) => void;
}

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  port: number;
  /** Documents loaded from the snapshot at start. */
  restoredDocuments: number;
  /** Writes a snapshot now if anything changed since the last one. */
  flush(): Promise<void>;
  /** Nothing unsaved, and no snapshot scheduled or being written (what a test of "goes quiet" checks; in-process only). */
  idle?(): boolean;
  /** Flushes, then stops listening. */
  close(): Promise<void>;
}

const isTrue = (header: string | string[] | undefined) => String(header ?? '').toLowerCase() === 'true';

/**
 * Writes are every non-GET request except the two kinds of read the SDK POSTs: queries, and the query-plan
 * requests it sends before a query with ORDER BY or across partitions. (Counting the latter as writes made
 * every snapshot, which reads through queries, schedule the next one: the server never went quiet.)
 */
function isWrite(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  if (req.method !== 'POST') return true;
  return !(isTrue(req.headers['x-ms-documentdb-isquery']) || isTrue(req.headers['x-ms-cosmos-is-query-plan-request']));
}

/**
 * Starts @vercel/cosmosdb-server on loopback, restores the snapshot under `dataDir` and keeps it current:
 * after changes (debounced) and on close. The server itself is in memory only; this is what makes a
 * restart keep every document.
 */
export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions = {}): Promise<EmbeddedCosmos> {
  // A snapshot reads and writes the whole account: under steady writes (a catalog import) one every 30 s at most,
  // not every 5 s, or its cost, which grows with the data, makes every chunk slower than the one before.
  const { dataDir, debounceMs = 500, maxDelayMs = 30_000, onError = () => undefined } = options;
  const server: Server = createHttpsServer({ keepAlive: true });
  // Node closes idle keep-alive connections after 5 s; a client that reuses one at that moment gets ECONNRESET
  // on a write it cannot safely repeat. Held for a minute, idle sockets are reused long before that.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `https://127.0.0.1:${port}`;
  const client = createCosmosClient({ endpoint, key: EMBEDDED_KEY });
  const snapshotPath = dataDir ? join(dataDir, 'cosmos-snapshot.json') : null;

  let restoredDocuments = 0;
  if (snapshotPath) {
    const snapshot = await readSnapshotFile(snapshotPath);
    if (snapshot) restoredDocuments = await restoreSnapshot(client, snapshot);
  }

  let changeCount = 0; // bumped by every write; a snapshot records the count it saw
  let savedCount = 0;
  let firstUnsavedAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let saving: Promise<void> | null = null;

  let lastSaveEnded = 0;
  let lastSaveMs = 0;
  const save = async (): Promise<void> => {
    if (!snapshotPath) return;
    while (saving) await saving; // one writer at a time
    if (changeCount === savedCount) return;
    const seen = changeCount;
    saving = (async () => {
      const started = Date.now();
      const snapshot = await takeSnapshot(client);
      await writeSnapshotFile(snapshotPath, snapshot);
      savedCount = seen;
      firstUnsavedAt = changeCount === seen ? 0 : Date.now();
      lastSaveEnded = Date.now();
      lastSaveMs = lastSaveEnded - started;
    })();
    try {
      await saving;
    } finally {
      saving = null;
    }
  };

  const schedule = (): void => {
    if (!snapshotPath) return;
    const now = Date.now();
    if (!firstUnsavedAt) firstUnsavedAt = now;
    if (timer) clearTimeout(timer);
    // A snapshot costs time in proportion to the data (at 20 000 documents, seconds): under steady writes the
    // server spends at most about a tenth of its time on them, so it keeps serving at full speed.
    const wait = Math.max(0, Math.min(debounceMs, firstUnsavedAt + maxDelayMs - now), lastSaveEnded + 9 * lastSaveMs - now);
    timer = setTimeout(() => {
      timer = null;
      save().then(() => (changeCount !== savedCount ? schedule() : undefined), onError);
    }, wait);
    timer.unref();
  };

  // A second 'request' listener only observes; the package's own listener answers the request.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isWrite(req)) return;
    res.once('finish', () => {
      if (res.statusCode < 300) {
        changeCount++;
        schedule();
      }
    });
  });

  return {
    endpoint,
    key: EMBEDDED_KEY,
    port,
    restoredDocuments,
    flush: save,
    idle: () => changeCount === savedCount && !timer && !saving,
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      await save();
      client.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

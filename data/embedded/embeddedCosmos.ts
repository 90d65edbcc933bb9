import { createHttpsServer } from '@vercel/cosmosdb-server';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCosmosClient } from '../cosmos';
import { compactInWorker } from './compactor';
import { listJournal, readAccount, removeLeftovers } from './fold';
import { JournalWriter, observeWrite } from './journal';
import { useLinearScans } from './linearScan';
import { migrateSnapshot, restoreAccount } from './restore';

/** The embedded server checks no key; this is the official emulator's published well-known key. */
export const EMBEDDED_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface EmbeddedCosmosOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Where the base and the journal live; without it the data is in memory only (tests). */
  dataDir?: string;
  /**
   * Journal bytes not yet folded that start a compaction (at least this, and at least the base's size, so
   * the work of compacting stays proportional to what was written). Default 64 MB.
   */
  compactAtBytes?: number;
  onError?: (err: unknown) => void;
}

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  port: number;
  /** Documents loaded from the base and the journal at start. */
  restoredDocuments: number;
  /** Resolves once every change so far is in the journal on disk. */
  flush(): Promise<void>;
  /** Folds the journal into the base now (otherwise done on its own as the journal grows). */
  compact(): Promise<void>;
  /** Stops listening, then flushes the journal: a few milliseconds, whatever the size of the data. */
  close(): Promise<void>;
}

/**
 * Starts @vercel/cosmosdb-server on loopback. With a data folder, it restores the account from the base and
 * the journal's segments, then journals every change it makes (data/embedded/journal.ts): the server itself
 * is in memory only; this is what makes a restart keep every document, at a cost in proportion to what
 * changed. Compaction runs in a worker thread, now and then (compactAtBytes).
 */
export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions = {}): Promise<EmbeddedCosmos> {
  const { dataDir, compactAtBytes = 64 * 2 ** 20, onError = () => undefined } = options;
  useLinearScans();
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

  let restoredDocuments = 0;
  let journal: JournalWriter | null = null;
  let compaction: { done: Promise<number>; stop: () => Promise<void> } | null = null;
  let compacting: Promise<void> | null = null;
  let compactNow = async (): Promise<void> => undefined;
  let closing = false;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await removeLeftovers(dataDir);
    await migrateSnapshot(dataDir);
    restoredDocuments = await restoreAccount(client, await readAccount(dataDir));
    const files = await listJournal(dataDir);
    let baseBytes = files.baseBytes;
    const compact = async (): Promise<void> => {
      const through = await journal!.rotate();
      compaction = compactInWorker(dataDir, through);
      try {
        baseBytes = await compaction.done;
      } finally {
        compaction = null;
      }
      journal!.unfoldedBytes = (await listJournal(dataDir)).segmentBytes;
    };
    const compactOnce = (): Promise<void> =>
      (compacting ??= compact().finally(() => {
        compacting = null;
      }));
    const maybeCompact = () => {
      if (!compacting && journal!.unfoldedBytes >= Math.max(compactAtBytes, baseBytes)) compactOnce().catch((err: unknown) => (closing ? undefined : onError(err)));
    };
    // Each start writes a segment of its own: a line torn by a crash stays the last line of its segment.
    journal = new JournalWriter(dataDir, Math.max(files.through, ...files.segments) + 1, files.segmentBytes, onError, maybeCompact);
    const writer = journal;
    server.on('request', (req, res) => observeWrite(req, res, (line) => writer.append(line)));
    maybeCompact();
    compactNow = async () => {
      await compacting?.catch(() => undefined); // one under way folds only what came before it
      await compactOnce();
    };
  }

  return {
    endpoint,
    key: EMBEDDED_KEY,
    port,
    restoredDocuments,
    flush: async () => {
      await journal?.flush();
    },
    compact: () => compactNow(),
    async close() {
      closing = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // A compaction under way is stopped, not waited for: it is redone from the same files next time.
      await (compaction as { stop: () => Promise<void> } | null)?.stop();
      await compacting?.catch(() => undefined);
      await journal?.close();
      client.dispose();
    },
  };
}

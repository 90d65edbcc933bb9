import type { CosmosClient } from '@azure/cosmos';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { forEachConcurrently } from '../concurrency';
import { toDomain } from '../repositories/documents';

/**
 * A whole account as JSON: databases, container definitions and documents. Read and written through the
 * public Cosmos protocol, not the embedded server's internals, so it survives upgrades of that package and
 * could equally dump a real account.
 */
export interface AccountSnapshot {
  format: 'pool-assistant/cosmos-snapshot@1';
  savedAt: string;
  databases: {
    id: string;
    containers: { id: string; partitionKey: { paths: string[] }; documents: Record<string, unknown>[] }[];
  }[];
}

export async function takeSnapshot(client: CosmosClient): Promise<AccountSnapshot> {
  const snapshot: AccountSnapshot = { format: 'pool-assistant/cosmos-snapshot@1', savedAt: new Date().toISOString(), databases: [] };
  const { resources: databases } = await client.databases.readAll().fetchAll();
  for (const db of databases) {
    const database = client.database(db.id);
    const { resources: containers } = await database.containers.readAll().fetchAll();
    const entry: AccountSnapshot['databases'][number] = { id: db.id, containers: [] };
    for (const c of containers) {
      const { resources: documents } = await database.container(c.id).items.readAll({ maxItemCount: 10_000 }).fetchAll();
      entry.containers.push({
        id: c.id,
        partitionKey: { paths: c.partitionKey?.paths ?? ['/id'] },
        documents: documents.map((d) => toDomain<Record<string, unknown>>(d)),
      });
    }
    snapshot.databases.push(entry);
  }
  return snapshot;
}

/**
 * Writes to a temporary file, then renames: a crash mid-write leaves the previous snapshot intact. Readable by
 * this user only (0600, in a 0700 folder when we create it): it holds bindings, submissions, phone numbers.
 */
export async function writeSnapshotFile(path: string, snapshot: AccountSnapshot): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(snapshot), { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; a leftover temporary file keeps its own.
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}

export async function readSnapshotFile(path: string): Promise<AccountSnapshot | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = JSON.parse(text) as AccountSnapshot;
  if (parsed.format !== 'pool-assistant/cosmos-snapshot@1') throw new Error(`${path} is not a snapshot this version can read`);
  return parsed;
}

/** Recreates every database, container and document of a snapshot. Upserts, so it can be re-run safely. */
export async function restoreSnapshot(client: CosmosClient, snapshot: AccountSnapshot, concurrency = 16): Promise<number> {
  let restored = 0;
  for (const db of snapshot.databases) {
    const { database } = await client.databases.createIfNotExists({ id: db.id });
    for (const c of db.containers) {
      const { container } = await database.containers.createIfNotExists({ id: c.id, partitionKey: c.partitionKey });
      await forEachConcurrently(c.documents, concurrency, async (doc) => {
        await container.items.upsert(doc);
        restored++;
      });
    }
  }
  return restored;
}

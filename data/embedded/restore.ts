import type { Container, ContainerRequest, CosmosClient, JSONObject, OperationInput } from '@azure/cosmos';
import { existsSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AccountState, BASE, writeBase } from './fold';

/**
 * Putting an account back into the (empty, in-memory) embedded server at start, through the public Cosmos
 * protocol: the server's internals are not ours to reach into.
 */
export async function restoreAccount(client: CosmosClient, state: AccountState, concurrency = 8): Promise<number> {
  let restored = 0;
  for (const [dbId, collections] of state.databases) {
    const { database } = await client.databases.createIfNotExists({ id: dbId });
    for (const c of collections.values()) {
      const { container } = await database.containers.createIfNotExists({ ...c.def, partitionKey: c.def.partitionKey ?? { paths: ['/id'] } } as ContainerRequest);
      restored += await upsertAll(container, [...c.docs.values()], concurrency);
    }
  }
  return restored;
}

/** Bulk upserts, 100 a request, `concurrency` requests at a time: 100 000 suppliers are 1 000 requests. */
async function upsertAll(container: Container, docs: string[], concurrency: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < docs.length) {
      const from = next;
      next += 100;
      const operations = docs.slice(from, from + 100).map((d): OperationInput => ({ operationType: 'Upsert', resourceBody: JSON.parse(d) as JSONObject }));
      const failed = (await container.items.bulk(operations)).find((r) => r.statusCode >= 300);
      if (failed) throw new Error(`restoring ${container.id} failed: status ${failed.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return docs.length;
}

/** The whole-account snapshot written before the journal (`cosmos-snapshot.json`), read once to migrate. */
interface AccountSnapshot {
  format: 'pool-assistant/cosmos-snapshot@1';
  databases: { id: string; containers: { id: string; partitionKey: { paths: string[] }; documents: Record<string, unknown>[] }[] }[];
}
const SNAPSHOT = 'cosmos-snapshot.json';

/**
 * A data folder from before the journal: its snapshot becomes the base (nothing is lost on upgrade), then is
 * removed. A folder that already has a base, or nothing, is left as it is.
 */
export async function migrateSnapshot(dir: string): Promise<boolean> {
  if (existsSync(join(dir, BASE))) return false;
  let text: string;
  try {
    text = await readFile(join(dir, SNAPSHOT), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  const snapshot = JSON.parse(text) as AccountSnapshot;
  if (snapshot.format !== 'pool-assistant/cosmos-snapshot@1') throw new Error(`${SNAPSHOT} is not a snapshot this version can read`);
  const state = new AccountState();
  for (const db of snapshot.databases) {
    state.apply({ op: 'db', id: db.id });
    for (const c of db.containers) {
      state.apply({ op: 'coll', db: db.id, def: { id: c.id, partitionKey: c.partitionKey } });
      for (const doc of c.documents) state.apply({ op: 'put', db: db.id, coll: c.id, doc });
    }
  }
  await writeBase(dir, state, 0);
  await unlink(join(dir, SNAPSHOT));
  return true;
}

import { randomUUID } from 'node:crypto';
import { openStore, type Store } from '../../data/store';

/** A fresh store on its own in-memory embedded server: the real SDK against a real Cosmos protocol. */
export async function openTestStore(dataDir?: string): Promise<Store> {
  return openStore({ databaseId: `test-${randomUUID().slice(0, 8)}`, dataDir });
}

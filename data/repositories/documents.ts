import type { Container, ItemDefinition } from '@azure/cosmos';
import type { Versioned } from '../../services/ports';

const SYSTEM_PROPERTIES = ['_rid', '_self', '_etag', '_ts', '_attachments'] as const;

/** A stored document without Cosmos's system properties, typed as the domain object it holds. */
export function toDomain<T>(doc: ItemDefinition): T {
  const copy: Record<string, unknown> = { ...doc };
  for (const key of SYSTEM_PROPERTIES) delete copy[key];
  return copy as T;
}

export function isStatus(err: unknown, code: number): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/** A point read (the cheapest Cosmos operation); null when the document does not exist. */
export async function readDocument(container: Container, id: string, partitionKey: string): Promise<(ItemDefinition & { _etag: string }) | null> {
  try {
    const { resource } = await container.item(id, partitionKey).read();
    return (resource as (ItemDefinition & { _etag: string }) | undefined) ?? null;
  } catch (err) {
    if (isStatus(err, 404)) return null;
    throw err;
  }
}

/** A point read with the etag a later `replaceIfMatch` compares against; null when the document does not exist. */
export async function readVersioned<T>(container: Container, id: string, partitionKey: string): Promise<Versioned<T> | null> {
  const doc = await readDocument(container, id, partitionKey);
  return doc ? { value: toDomain<T>(doc), etag: doc._etag } : null;
}

/** Creates a document; null when one with its id already exists (409), so "first one wins" needs no read. */
export async function createIfAbsent<T extends object>(container: Container, body: T): Promise<Versioned<T> | null> {
  try {
    const { resource, etag } = await container.items.create({ ...body });
    return { value: toDomain<T>(resource!), etag };
  } catch (err) {
    if (isStatus(err, 409)) return null;
    throw err;
  }
}

/**
 * Replaces a document only if it still has `etag` (optimistic concurrency); null when someone changed or
 * removed it first (412/404). With `createIfAbsent`, the contract of services/ports/versioned.ts.
 */
export async function replaceIfMatch<T extends object>(container: Container, id: string, partitionKey: string, body: T, etag: string): Promise<Versioned<T> | null> {
  try {
    const { resource, etag: next } = await container.item(id, partitionKey).replace({ ...body }, { accessCondition: { type: 'IfMatch', condition: etag } });
    return { value: toDomain<T>(resource!), etag: next };
  } catch (err) {
    if (isStatus(err, 412) || isStatus(err, 404)) return null;
    throw err;
  }
}

import type { Versioned } from './versioned';

/** Small singleton documents (markers, shared records of the cap and of conversations' sends). */
export interface MetaRepository {
  get<T>(id: string): Promise<Versioned<T> | null>;
  /** Creates the document; false if it already exists. */
  create<T>(id: string, value: T): Promise<boolean>;
  /** Replaces only if nobody changed it since `etag` was read; throws ConcurrentUpdate otherwise. */
  replaceIfUnchanged<T>(id: string, value: T, etag: string): Promise<string>;
  /** Creates or replaces, whatever was there. */
  put<T>(id: string, value: T): Promise<void>;
}

/** Someone else changed the document between our read and our write. */
export class ConcurrentUpdate extends Error {
  constructor(readonly documentId: string) {
    super(`document ${documentId} was changed by someone else`);
    this.name = 'ConcurrentUpdate';
  }
}

import type { Versioned } from './versioned';

/** Small singleton documents (markers, shared records of the cap and of conversations' sends). */
export interface MetaRepository {
  get<T>(id: string): Promise<Versioned<T> | null>;
  /** Creates the document; null if it already exists. */
  create<T>(id: string, value: T): Promise<Versioned<T> | null>;
  /** Replaces only if nobody changed it since `etag` was read; null otherwise. */
  replaceIfUnchanged<T>(id: string, value: T, etag: string): Promise<Versioned<T> | null>;
  /** Creates or replaces, whatever was there. */
  put<T>(id: string, value: T): Promise<void>;
}

import type { Application } from './model/application';
import type { Notice } from './model/notice';
import type { Supplier } from './model/supplier';

/**
 * What the domain needs from storage. data/ implements these for Cosmos DB; nothing in services/ knows how.
 */
export interface SupplierRepository {
  upsertMany(suppliers: Supplier[]): Promise<number>;
  get(creditCode: string): Promise<Supplier | null>;
  count(): Promise<number>;
  /** The whole catalog, for building the in-memory matching index at start-up (never per request). */
  listAll(): Promise<Supplier[]>;
  /** These suppliers (those that exist), by point reads: what a catalog change names. */
  getMany(creditCodes: string[]): Promise<Supplier[]>;
}

export interface ApplicationRepository {
  upsert(application: Application): Promise<void>;
  listByCreditCode(creditCode: string): Promise<Application[]>;
  /** Applications listing this AAD object id among their contacts (Teams auto-binding). */
  listByContact(aadObjectId: string): Promise<Application[]>;
  /** The enterprises whose applications match (a notice's enterprise audience). */
  listMatching(filter: ApplicationFilter): Promise<Pick<Application, 'creditCode'>[]>;
}

export interface ApplicationFilter {
  city?: string;
  process?: Application['process'];
  stage?: Application['stage'];
  batch?: string;
}

export interface NoticeRepository {
  upsert(notice: Notice): Promise<void>;
  get(id: string): Promise<Notice | null>;
  listByKind(kind: Notice['kind']): Promise<Notice[]>;
  getVersioned(id: string): Promise<Versioned<Notice> | null>;
  /** Compare-and-swap; the new etag, or null when someone changed it first. */
  replaceIfUnchanged(notice: Notice, etag: string): Promise<string | null>;
  /** Notices with a round being prepared or sent (the engine's work list). */
  listActive(): Promise<Notice[]>;
  /** The latest notices, newest first. */
  listRecent(limit: number): Promise<Notice[]>;
}

/** A single document with its version tag, for compare-and-swap updates (markers, leases, versions). */
export interface Versioned<T> {
  value: T;
  etag: string;
}

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

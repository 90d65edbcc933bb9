import type { Supplier } from '../model/supplier';

export interface SupplierRepository {
  upsertMany(suppliers: Supplier[]): Promise<number>;
  get(creditCode: string): Promise<Supplier | null>;
  count(): Promise<number>;
  /** The whole catalog, for building the in-memory matching index at start-up (never per request). */
  listAll(): Promise<Supplier[]>;
  /** These suppliers (those that exist), by point reads: what a catalog change names. */
  getMany(creditCodes: string[]): Promise<Supplier[]>;
}

import type { Supplier } from '../model/supplier';

export interface SupplierRepository {
  upsertMany(suppliers: Supplier[]): Promise<number>;
  get(creditCode: string): Promise<Supplier | null>;
  count(): Promise<number>;
  /** The whole catalog, for building the in-memory matching index at start-up (never per request). */
  listAll(): Promise<Supplier[]>;
  /**
   * Suppliers ever rated `rating`, with only their city and ratings: an audience by rating reads these (a small
   * projection of the few), never the whole catalog.
   */
  everRated(rating: string): Promise<Pick<Supplier, 'creditCode' | 'city' | 'ratings'>[]>;
  /** These suppliers (those that exist), by point reads: what a catalog change names. */
  getMany(creditCodes: string[]): Promise<Supplier[]>;
}

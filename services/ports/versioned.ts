/**
 * A single document with its version tag, for compare-and-swap updates (markers, leases, versions). The one
 * contract of every port: a read gives `Versioned<T> | null` (null: no such document); a conditional create
 * or replace gives the new `Versioned<T>`, or null when someone else wrote first (or, for a create, it
 * exists already). Nothing throws for a lost race. services/concurrency.ts builds retries and leases on it.
 */
export interface Versioned<T> {
  value: T;
  etag: string;
}

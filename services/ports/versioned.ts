/** A single document with its version tag, for compare-and-swap updates (markers, leases, versions). */
export interface Versioned<T> {
  value: T;
  etag: string;
}

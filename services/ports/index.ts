/**
 * What the domain needs from the world outside it: storage (data/ implements these for Cosmos DB; nothing in
 * services/ knows how) and the channel (bot/ implements NoticeSender). One file per area; every port is here.
 * Conditional writes all follow one contract (see versioned.ts and services/concurrency.ts).
 */
export * from './versioned';
export * from './catalog';
export * from './applications';
export * from './notices';
export * from './meta';
export * from './matching';
export * from './staff';
export * from './understanding';
export * from './evidence';

/** The value below which a share `p` of the sorted samples fall (nearest rank); NaN when there are none. */
export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

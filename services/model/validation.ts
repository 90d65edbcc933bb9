import type { z } from 'zod';

export interface ImportReport {
  imported: number;
  rejected: { index: number; errors: string[] }[];
}

/** Splits records into the valid ones (typed) and the rejected ones with readable errors, by index. */
export function partitionValid<T>(schema: z.ZodType<T>, records: unknown[]): { valid: { index: number; value: T }[]; rejected: ImportReport['rejected'] } {
  const valid: { index: number; value: T }[] = [];
  const rejected: ImportReport['rejected'] = [];
  records.forEach((record, index) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) valid.push({ index, value: parsed.data });
    else rejected.push({ index, errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`) });
  });
  return { valid, rejected };
}

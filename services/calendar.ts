import { randomBytes } from 'node:crypto';

/**
 * The province's calendar (Asia/Shanghai): days and years as people there count them, whatever the server's
 * time zone. Formatters are built once: creating one costs more than using it.
 */
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' });

/** YYYY-MM-DD in Asia/Shanghai. */
export const shanghaiDay = (at: Date): string => DAY.format(at);

export const shanghaiYear = (at: Date): number => Number(YEAR.format(at));

/** Characters a person can read out over the phone: no 0/O, 1/I/L. */
const READABLE = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A number to quote: prefix, Shanghai day, four readable random characters — LD-20261125-7KQ2. */
export function receiptNumber(prefix: string, at: Date): string {
  const suffix = [...randomBytes(4)].map((b) => READABLE[b % READABLE.length]).join('');
  return `${prefix}-${shanghaiDay(at).replace(/-/g, '')}-${suffix}`;
}

import type { Round } from '../model/notice';
import type { Delivery, DeliveryCounts, DeliveryStatus } from '../notices/deliveries';
import type { NoticeReport } from '../notices/notices';

/** What of the delivery records the progress needs (structural, so it follows the port wherever it lives). */
export interface DeliveryRecords {
  counts(noticeId: string, round?: Round): Promise<DeliveryCounts>;
  list(noticeId: string, status?: DeliveryStatus): Promise<Delivery[]>;
}

/** How the channel is holding the send back: its 429 answers, and the sends now waiting out a Retry-After. */
export interface Throttling {
  /** 429 answers so far (the engine's per-round count); null when this engine does not count them. */
  throttled: number | null;
  /** Pending sends whose last answer was a 429 and whose next try is still ahead. */
  waiting: number;
  /** When the last of them may be tried again. */
  until?: string;
}

export type ProgressReport = NoticeReport & { counts: NoticeReport['counts'] & { cancelled: number }; throttling: Throttling; at: string };

/**
 * A notice's report as the console shows it. A cancelled round's records are counted one by one (batches cut
 * short are not in its tally); what stayed pending is what the cancel kept from being sent. Throttling: the
 * engine's count of 429s per round, and, while a round is being sent, the sends waiting on a Retry-After (a
 * pending record whose last reason is a 429 and whose notBefore is still ahead).
 */
export async function progressReport(report: NoticeReport, deliveries: DeliveryRecords, now: Date = new Date()): Promise<ProgressReport> {
  let cancelled = 0;
  let throttled: number | null = null;
  const waiting: Delivery[] = [];
  for (const [round, state] of Object.entries(report.rounds) as [Round, NonNullable<NoticeReport['rounds'][Round]>][]) {
    const count = (state as { throttled?: unknown }).throttled;
    if (typeof count === 'number') throttled = (throttled ?? 0) + count;
    if (state.status === 'sending' && state.counts.pending > 0) {
      waiting.push(...(await deliveries.list(report.id, 'pending')).filter((d) => d.round === round && /^429\b/.test(d.reason ?? '') && Date.parse(d.notBefore) > now.getTime()));
    }
    if (state.status !== 'cancelled') continue;
    const counted = await deliveries.counts(report.id, round);
    for (const key of ['sent', 'failed', 'undeliverable', 'total'] as const) report.counts[key] += counted[key] - state.counts[key];
    report.counts.pending -= state.counts.pending;
    cancelled += counted.pending;
    state.counts = { ...counted, pending: 0, cancelled: counted.pending } as typeof counted;
  }
  const until = waiting.map((d) => d.notBefore).sort().at(-1);
  return { ...report, counts: { ...report.counts, cancelled }, throttling: { throttled, waiting: waiting.length, ...(until ? { until } : {}) }, at: now.toISOString() };
}

export const NOTICE_KINDS = ['publicity', 'call', 'event', 'announcement'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** A notice staff publish. Text is Chinese first; English is optional. */
export interface Notice {
  id: string;
  kind: NoticeKind;
  title: { zh: string; en?: string };
  text: { zh: string; en?: string };
  /** publicity: the objection window. */
  period?: { start: string; end: string };
  /** publicity: the enterprises listed. */
  list?: { creditCode: string; name: string; process: 'recognition' | 'evaluation' }[];
  link?: string;
  createdAt: string;
}

/** Whether a publicity notice's objection window contains `now` (end date inclusive, Asia/Shanghai days). */
export function isPublicityOpen(notice: Notice, now: Date): boolean {
  if (notice.kind !== 'publicity' || !notice.period) return false;
  const end = notice.period.end.length === 10 ? `${notice.period.end}T23:59:59+08:00` : notice.period.end;
  const start = notice.period.start.length === 10 ? `${notice.period.start}T00:00:00+08:00` : notice.period.start;
  return new Date(start) <= now && now <= new Date(end);
}

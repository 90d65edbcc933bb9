export const NOTICE_KINDS = ['publicity', 'call', 'event', 'announcement'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * One sending of a notice: the notice itself (`main`), and for a publicity notice the reminders it schedules —
 * when the period opens, two days before the objection deadline, and on its last day.
 */
export const ROUNDS = ['main', 'opening', 'deadline_soon', 'closing'] as const;
export type Round = (typeof ROUNDS)[number];

/** Who a notice goes to. */
export type Audience =
  | { type: 'subscribers'; topics?: Topic[] }
  | { type: 'enterprises'; filter: EnterpriseFilter }
  | { type: 'all' }
  | { type: 'conversations'; ids: string[] };

export interface EnterpriseFilter {
  city?: string;
  rating?: '优秀' | '合格' | '不合格';
  process?: 'recognition' | 'evaluation';
  stage?: string;
  batch?: string;
}

/** What people subscribe to. `own`: their own application's notices (on by default once bound). */
export const TOPICS = ['own', 'publicity', 'call', 'event'] as const;
export type Topic = (typeof TOPICS)[number];

/** The topic a kind of notice is filed under; announcements reach everyone who subscribed to anything. */
export function topicsOfKind(kind: NoticeKind): Topic[] {
  return kind === 'announcement' ? [...TOPICS] : [kind];
}

export type RoundStatus = 'scheduled' | 'preparing' | 'sending' | 'done' | 'skipped' | 'cancelled';

export interface RoundState {
  status: RoundStatus;
  /** When it is due (scheduled) or was started. */
  at: string;
  total?: number;
  finishedAt?: string;
  /** Why a reminder was skipped (e.g. the notice itself was never sent). */
  reason?: string;
  /** While preparing: the instance materialising the deliveries, until when (taken over after). */
  owner?: string;
  leaseUntil?: string;
  /** The last progress milestone (percent) told to the staff member who started it. */
  reported?: number;
}

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
  /** call: the application or evaluation deadline. */
  deadline?: string;
  /** event: when and where, and where to sign up (else the card's button records a sign-up here). */
  event?: { at: string; place: string; signupUrl?: string };
  link?: string;
  attachment?: { name: string; url: string };
  audience?: Audience;
  /** When the notice goes out by itself; absent → when staff call /send. */
  sendAt?: string;
  /** publicity: schedule the reminders (default true). */
  reminders?: boolean;
  rounds?: Partial<Record<Round, RoundState>>;
  /** Some round is being prepared or sent (what the delivery engine queries for). */
  active?: boolean;
  /** A stage-change notice to an enterprise's bound users: the application it is about (shown as its status). */
  stageChange?: { creditCode: string; applicationId: string };
  /** Staff who created it ("admin-api" or a chat user key). */
  createdBy?: string;
  /** The staff conversation that started it in Teams, told of its progress. Opaque to the domain. */
  progressTo?: Record<string, unknown>;
  createdAt: string;
}

function dayBound(value: string, endOfDay: boolean): Date {
  if (value.length === 10) return new Date(`${value}T${endOfDay ? '23:59:59' : '00:00:00'}+08:00`);
  return new Date(value);
}

/** Whether a publicity notice's objection window contains `now` (end date inclusive, Asia/Shanghai days). */
export function isPublicityOpen(notice: Notice, now: Date): boolean {
  if (notice.kind !== 'publicity' || !notice.period) return false;
  return dayBound(notice.period.start, false) <= now && now <= dayBound(notice.period.end, true);
}

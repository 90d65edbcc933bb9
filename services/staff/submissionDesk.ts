import type { Submission, SubmissionType } from '../applications/submissions';
import type { Notice } from '../model/notice';
import type { Notices } from '../notices/notices';
import type { CaseRepository, NoticeRepository, RecipientRepository } from '../ports';
import { inScope, type StaffIdentity } from './access';
import type { SubmissionCities } from './submissionCity';

export const CASE_STATES = ['received', 'in_review', 'answered', 'rejected'] as const;
export type CaseState = (typeof CASE_STATES)[number];
/** The types staff handle to the end (event sign-ups are only counted). */
export const HANDLED_TYPES: SubmissionType[] = ['objection', 'recusal', 'change_report'];

/** Staff's handling of one submission: its state, who has it, the reply sent. id = the receipt number. */
export interface SubmissionCase {
  id: string;
  type: SubmissionType;
  state: CaseState;
  assignee?: string;
  reply?: string;
  /** The one-recipient notice that carried the reply to the filer's conversation. */
  replyNoticeId?: string;
  updatedAt: string;
  history: { at: string; by: string; state: CaseState; assignee?: string }[];
}

export interface QueueItem {
  submission: Submission;
  state: CaseState;
  assignee?: string;
  reply?: string;
  replyNoticeId?: string;
  city?: string;
  /** Objections: the end of the publicity period they were filed in. */
  due?: string;
  overdue: boolean;
}

export type DeskRefusal = 'not_found' | 'final' | 'conflict' | 'empty_reply';

/** The translations of a reply's heading; {receiptNo} is filled in. */
export interface ReplyHeading {
  zh: string;
  en: string;
}

/**
 * The queue of objections (异议), recusal requests (回避) and change reports: received → in_review →
 * answered / rejected, with an assignee. Answering sends the reply, with its receipt number, into the
 * conversation the submission was filed in, as a one-recipient announcement through the delivery engine.
 */
export class SubmissionDesk {
  constructor(
    private readonly deps: {
      submissions: { list(type?: SubmissionType): Promise<Submission[]> };
      cases: CaseRepository;
      cities: SubmissionCities;
      noticeRepository: NoticeRepository;
      notices: Notices;
      recipients: RecipientRepository;
      heading: ReplyHeading;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  async queue(viewer: StaffIdentity, filter: { type?: SubmissionType; state?: CaseState } = {}): Promise<QueueItem[]> {
    const submissions = (await this.deps.submissions.list(filter.type)).filter((s) => HANDLED_TYPES.includes(s.type));
    const cases = new Map((await this.deps.cases.listAll()).map((c) => [c.id, c]));
    const publicity = await this.deps.noticeRepository.listByKind('publicity');
    const items: QueueItem[] = [];
    for (const submission of submissions) {
      const item = await this.item(submission, cases.get(submission.id), publicity);
      if (!inScope(viewer, item.city)) continue;
      if (filter.state && item.state !== filter.state) continue;
      items.push(item);
    }
    return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.submission.createdAt.localeCompare(a.submission.createdAt));
  }

  /** One submission, or null when it does not exist or is outside the viewer's city. */
  async get(viewer: StaffIdentity, receiptNo: string): Promise<QueueItem | null> {
    const submission = (await this.deps.submissions.list()).find((s) => s.id === receiptNo && HANDLED_TYPES.includes(s.type));
    if (!submission) return null;
    const item = await this.item(submission, (await this.deps.cases.get(receiptNo))?.value, await this.deps.noticeRepository.listByKind('publicity'));
    return inScope(viewer, item.city) ? item : null;
  }

  /** Takes it into review (optionally naming who has it). */
  async review(viewer: StaffIdentity, receiptNo: string, assignee?: string): Promise<QueueItem | DeskRefusal> {
    return this.change(viewer, receiptNo, 'in_review', { assignee });
  }

  /** Answers or rejects it and sends the reply to the filer's conversation. */
  async answer(viewer: StaffIdentity, receiptNo: string, outcome: 'answered' | 'rejected', reply: string, assignee?: string): Promise<(QueueItem & { delivered: boolean }) | DeskRefusal> {
    const text = reply.trim();
    if (!text) return 'empty_reply';
    let sent: { noticeId: string } | null = null;
    const result = await this.change(viewer, receiptNo, outcome, { assignee, reply: text }, async (item) => {
      // The answer stands once claimed; if the reply cannot be queued the page says it was not sent.
      sent = await this.sendReply(item.submission, text).catch(() => null);
      return sent?.noticeId;
    });
    if (typeof result === 'string') return result;
    return { ...result, delivered: sent !== null };
  }

  private async change(
    viewer: StaffIdentity,
    receiptNo: string,
    state: CaseState,
    patch: { assignee?: string; reply?: string },
    beforeSave?: (item: QueueItem) => Promise<string | undefined>,
  ): Promise<QueueItem | DeskRefusal> {
    const item = await this.get(viewer, receiptNo);
    if (!item) return 'not_found';
    if (item.state === 'answered' || item.state === 'rejected') return 'final';
    const current = await this.deps.cases.get(receiptNo);
    const at = this.now().toISOString();
    const assignee = patch.assignee?.trim() || item.assignee || viewer.name;
    const next: SubmissionCase = {
      id: receiptNo,
      type: item.submission.type,
      state,
      assignee,
      ...(patch.reply ? { reply: patch.reply } : {}),
      updatedAt: at,
      history: [...(current?.value.history ?? []), { at, by: viewer.name, state, assignee }],
    };
    // Claim the change first, so two staff answering at once send one reply, not two.
    const claimed = current ? await this.deps.cases.replaceIfUnchanged(next, current.etag) : await this.deps.cases.create(next);
    if (!claimed) return 'conflict';
    if (beforeSave) {
      const noticeId = await beforeSave(item);
      if (noticeId) {
        const saved = await this.deps.cases.get(receiptNo);
        if (saved) await this.deps.cases.replaceIfUnchanged({ ...saved.value, replyNoticeId: noticeId }, saved.etag);
        next.replyNoticeId = noticeId;
      }
    }
    return { ...item, state, assignee, reply: next.reply ?? item.reply, replyNoticeId: next.replyNoticeId };
  }

  /** The conversation it was filed in; for older submissions, the filer's latest active conversation. */
  private async filerConversation(submission: Submission): Promise<string | null> {
    if (submission.recipientId) {
      const [recipient] = await this.deps.recipients.listActive({ ids: [submission.recipientId] });
      if (recipient) return recipient.id;
    }
    const own = (await this.deps.recipients.listActive({})).filter((r) => r.userKey === submission.userKey);
    return own.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]?.id ?? null;
  }

  private async sendReply(submission: Submission, reply: string): Promise<{ noticeId: string } | null> {
    const conversation = await this.filerConversation(submission);
    if (!conversation) return null;
    const fill = (s: string) => s.replace('{receiptNo}', submission.receiptNo);
    const parsed = this.deps.notices.parse({
      kind: 'announcement',
      title: { zh: fill(this.deps.heading.zh), en: fill(this.deps.heading.en) },
      text: submission.locale === 'en-US' ? { zh: reply, en: reply } : reply,
      audience: { type: 'conversations', ids: [conversation] },
    });
    if (!parsed.ok) return null;
    const notice = await this.deps.notices.create(parsed.input, `staff-reply:${submission.receiptNo}`);
    await this.deps.notices.sendNow(notice.id);
    return { noticeId: notice.id };
  }

  private async item(submission: Submission, handling: SubmissionCase | undefined, publicity: Notice[]): Promise<QueueItem> {
    const state = handling?.state ?? 'received';
    const due = submission.type === 'objection' ? objectionDue(submission, publicity) : undefined;
    const open = state === 'received' || state === 'in_review';
    return {
      submission,
      state,
      ...(handling?.assignee ? { assignee: handling.assignee } : {}),
      ...(handling?.reply ? { reply: handling.reply } : {}),
      ...(handling?.replyNoticeId ? { replyNoticeId: handling.replyNoticeId } : {}),
      city: await this.deps.cities.cityOf(submission),
      ...(due ? { due } : {}),
      overdue: open && due !== undefined && Date.parse(due) < this.now().getTime(),
    };
  }
}

/**
 * An objection is filed within a publicity period (the province's document: 对公示结果有异议的，应在公示期内
 * 反映); staff should settle it by that period's end. The period: the publicity notice listing the target,
 * else the one open when it was filed. The document sets no deadline for recusal requests or change reports.
 */
export function objectionDue(submission: Submission, publicity: Notice[]): string | undefined {
  const filed = Date.parse(submission.createdAt);
  const target = submission.fields.target ?? '';
  const periods = publicity.filter((n) => n.period);
  const listing = periods.find((n) => n.list?.some((e) => target.includes(e.creditCode)));
  const during = periods.find((n) => Date.parse(n.period!.start) <= filed && filed <= Date.parse(n.period!.end));
  return (listing ?? during)?.period?.end;
}

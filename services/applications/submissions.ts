import { randomUUID } from 'node:crypto';
import { receiptNumber } from '../calendar';
import { OUTBOX_SUBJECTS, SUBMISSION_LABELS } from '../i18n/outboxSubjects';
import { isPublicityOpen, type Notice } from '../model/notice';
import type { NoticeRepository, Outbox, SubmissionRepository } from '../ports';

export type SubmissionType = 'objection' | 'recusal' | 'change_report' | 'event_signup';

/** What an enterprise or the public filed through the bot, with the receipt number they were given. */
export interface Submission {
  id: string; // = receiptNo
  receiptNo: string;
  type: SubmissionType;
  createdAt: string;
  userKey: string;
  /** The conversation (recipient id) it was filed in: staff's answer is sent there. */
  recipientId?: string;
  locale: 'zh-CN' | 'en-US';
  fields: Record<string, string>;
  /** Files kept in the evidence store (staff download them by fileId); older records may have a channel url. */
  evidence: { name: string; contentType: string; fileId?: string; size?: number; sha256?: string; url?: string }[];
  /** An objection: the SHA-256 of the secret in its letter's download link (the link itself is never stored). */
  letterTokenHash?: string;
}

const PREFIX: Record<SubmissionType, string> = { objection: 'YY', recusal: 'HB', change_report: 'BG', event_signup: 'BM' };

export class Submissions {
  constructor(private readonly repository: SubmissionRepository, private readonly outbox: Outbox, private readonly now: () => Date = () => new Date()) {}

  /** Stores a complete submission, gives it a receipt number and tells staff. */
  async submit(input: Omit<Submission, 'id' | 'receiptNo' | 'createdAt'>): Promise<Submission> {
    const at = this.now();
    const receiptNo = receiptNumber(PREFIX[input.type], at);
    const submission: Submission = { ...input, id: receiptNo, receiptNo, createdAt: at.toISOString() };
    await this.repository.add(submission);
    await this.outbox.add({
      id: randomUUID(), createdAt: submission.createdAt, status: 'pending', to: { role: 'staff' },
      subject: OUTBOX_SUBJECTS.submissionToStaff(SUBMISSION_LABELS[input.type], receiptNo),
      body: Object.entries(input.fields).map(([k, v]) => `${k}：${v}`).join('\n') + (input.evidence.length ? `\n附件：${input.evidence.map((e) => e.name).join('、')}` : ''),
    });
    return submission;
  }

  list(type?: SubmissionType): Promise<Submission[]> {
    return this.repository.list(type);
  }

  get(type: SubmissionType, receiptNo: string): Promise<Submission | null> {
    return this.repository.get(type, receiptNo);
  }
}

/** Whether objections are taken now: an open publicity period, or when the last closed / the next opens. */
export async function objectionWindow(notices: NoticeRepository, now: Date): Promise<{ open: Notice[]; lastClosed?: Notice; nextOpens?: Notice }> {
  const publicity = (await notices.listByKind('publicity')).filter((n) => n.period);
  const open = publicity.filter((n) => isPublicityOpen(n, now));
  const closed = publicity.filter((n) => Date.parse(n.period!.end) < now.getTime()).sort((a, b) => b.period!.end.localeCompare(a.period!.end));
  const upcoming = publicity.filter((n) => Date.parse(n.period!.start) > now.getTime()).sort((a, b) => a.period!.start.localeCompare(b.period!.start));
  return { open, lastClosed: closed[0], nextOpens: upcoming[0] };
}

import { randomUUID } from 'node:crypto';
import type { Locale } from '../i18n';
import { OUTBOX_SUBJECTS } from '../i18n/outboxSubjects';
import type { Supplier } from '../model/supplier';
import { claim } from '../concurrency';
import type { FeedbackRepository, LeadRepository, Outbox } from '../ports';
import { shanghaiYear } from '../calendar';
import { newLeadNo, type Feedback, type Lead } from './leads';
import type { Need } from './need';

export interface ConnectRequest {
  supplier: Supplier;
  need: Need;
  manufacturer: Lead['manufacturer'];
  conversation: Record<string, unknown>;
  locale: Locale;
  /** The chat user (`channel:user`) asking: the only one later allowed to rate the connection. */
  requester: string;
}

/** Why a rating was not recorded. */
export type FeedbackRefusal = 'unknown' | 'not_yours' | 'not_asked' | 'already';

/** Who asked for a lead: recorded since feedback became the requester's own; older leads by their conversation. */
function requesterOf(lead: Lead): string | null {
  if (lead.requester) return lead.requester;
  const reference = lead.conversation as { channelId?: unknown; user?: { id?: unknown } };
  return typeof reference.channelId === 'string' && typeof reference.user?.id === 'string' ? `${reference.channelId}:${reference.user.id}` : null;
}

/** Sends the feedback question into a lead's conversation; provided by the bot (proactive message). */
export type AskForFeedback = (lead: Lead) => Promise<void>;

/**
 * Connecting manufacturers with suppliers: records the lead, tells the supplier's contact and staff (through
 * the outbox), and later asks the manufacturer how it went.
 */
export class Connections {
  constructor(
    private readonly leads: LeadRepository,
    private readonly feedback: FeedbackRepository,
    private readonly outbox: Outbox,
    private readonly feedbackAfterDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async connect(request: ConnectRequest): Promise<Lead> {
    const at = this.now();
    const leadNo = newLeadNo(at);
    const { supplier, need, manufacturer } = request;
    const lead: Lead = {
      id: leadNo,
      leadNo,
      createdAt: at.toISOString(),
      supplier: { creditCode: supplier.creditCode, name: supplier.name, contact: supplier.contact },
      manufacturer,
      need: { text: need.text, serviceCategories: need.serviceCategories, industry: need.industry, city: need.city },
      locale: request.locale,
      conversation: request.conversation,
      requester: request.requester,
      feedbackDueAt: new Date(at.getTime() + this.feedbackAfterDays * 86_400_000).toISOString(),
    };
    await this.leads.create(lead);
    const summary = `${manufacturer.company}（${manufacturer.contactName}，${manufacturer.phone}）希望与${supplier.name}对接。需求：${need.text}`;
    await this.outbox.add({
      id: randomUUID(), createdAt: lead.createdAt, status: 'pending',
      to: { role: 'supplier', name: supplier.contact.name, email: supplier.contact.email, phone: supplier.contact.phone },
      subject: OUTBOX_SUBJECTS.connectionToSupplier(leadNo), body: summary,
    });
    await this.outbox.add({ id: randomUUID(), createdAt: lead.createdAt, status: 'pending', to: { role: 'staff' }, subject: OUTBOX_SUBJECTS.connectionToStaff(leadNo), body: summary });
    return lead;
  }

  /**
   * Asks every lead whose feedback is due, once: each ask is claimed by etag compare-and-swap, so with several
   * instances only one asks. A failed send is released for the next run.
   */
  async askDue(ask: AskForFeedback): Promise<{ asked: number; failed: number }> {
    let asked = 0;
    let failed = 0;
    for (const due of await this.leads.listDue(this.now())) {
      const lead = due.value;
      const taken = await claim(due, (l) => !l.feedbackAskedAt && !l.feedbackAt, (l) => ({ ...l, feedbackAskedAt: this.now().toISOString() }), (next, etag) => this.leads.replaceIfUnchanged(next, etag));
      if (!taken) continue; // another instance has it
      try {
        await ask(taken.value);
        asked++;
      } catch {
        failed++;
        const current = await this.leads.get(lead.leadNo);
        if (current) await this.leads.replaceIfUnchanged({ ...current.value, feedbackAskedAt: undefined }, current.etag).catch(() => undefined);
      }
    }
    return { asked, failed };
  }

  /**
   * Whether `userKey` may rate this lead now: only the manufacturer who asked for the connection, and only
   * once the bot has asked them (the rating feeds the supplier's evaluation: 客户评价反馈).
   */
  async mayRate(leadNo: string, userKey: string): Promise<FeedbackRefusal | null> {
    const lead = await this.leads.get(leadNo);
    if (!lead) return 'unknown';
    if (requesterOf(lead.value) !== userKey) return 'not_yours';
    if (!lead.value.feedbackAskedAt) return 'not_asked';
    return lead.value.feedbackAt ? 'already' : null;
  }

  /** Records the requester's rating once asked; the reason when it is not recorded. */
  async recordFeedback(leadNo: string, rating: number, comment: string, userKey: string): Promise<FeedbackRefusal | null> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return 'unknown';
    const refusal = await this.mayRate(leadNo, userKey);
    if (refusal) return refusal;
    const lead = await this.leads.get(leadNo);
    if (!lead) return 'unknown';
    const at = this.now();
    const entry: Feedback = {
      id: leadNo, leadNo, supplierCreditCode: lead.value.supplier.creditCode, supplierName: lead.value.supplier.name,
      year: shanghaiYear(at), rating: rating as Feedback['rating'], comment: comment.slice(0, 1000), at: at.toISOString(),
    };
    if (!(await this.feedback.add(entry))) return 'already';
    await this.leads.replaceIfUnchanged({ ...lead.value, feedbackAt: entry.at }, lead.etag).catch(() => undefined);
    return null;
  }
}

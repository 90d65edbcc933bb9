import { receiptNumber } from '../calendar';

/** A manufacturer's request to be connected with a supplier (对接). */
export interface Lead {
  id: string; // = leadNo
  leadNo: string;
  createdAt: string;
  supplier: { creditCode: string; name: string; contact: { name: string; phone: string; email: string } };
  manufacturer: { company: string; contactName: string; phone: string };
  need: { text: string; serviceCategories: string[]; industry: string | null; city: string | null };
  locale: 'zh-CN' | 'en-US';
  /** Where to ask for feedback later: the channel's conversation reference, opaque to the domain. */
  conversation: Record<string, unknown>;
  /** The chat user (`channel:user`) who asked for the connection: the only one who may rate it. */
  requester?: string;
  feedbackDueAt: string;
  feedbackAskedAt?: string;
  feedbackAt?: string;
}

/** A manufacturer's rating of a connection: 客户评价反馈 is an evaluation indicator of the seed. */
export interface Feedback {
  id: string; // = leadNo: one feedback per lead
  leadNo: string;
  supplierCreditCode: string;
  supplierName: string;
  /** The evaluation year the feedback counts for (Asia/Shanghai calendar year of the rating). */
  year: number;
  rating: 1 | 2 | 3 | 4 | 5;
  comment: string;
  at: string;
}

/** Something a person must be told (the supplier's contact, staff), kept until a gateway delivers it. */
export interface OutboxMessage {
  id: string;
  createdAt: string;
  to: { role: 'supplier' | 'staff'; name?: string; email?: string; phone?: string };
  subject: string;
  body: string;
  status: 'pending' | 'sent';
}

/** LD-20261125-7KQ2. */
export const newLeadNo = (at: Date): string => receiptNumber('LD', at);

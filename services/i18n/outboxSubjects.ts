/**
 * Subjects of the mails and messages queued for suppliers and staff (the outbox). Chinese only: they go to the
 * province's staff and to suppliers in the pool, whatever language the user wrote in.
 */
export const OUTBOX_SUBJECTS = {
  connectionToSupplier: (leadNo: string) => `【省资源池】对接需求 ${leadNo}`,
  connectionToStaff: (leadNo: string) => `新对接 ${leadNo}`,
  submissionToStaff: (label: string, receiptNo: string) => `新${label} ${receiptNo}`,
} as const;

/** What each submission is called in its subject to staff. */
export const SUBMISSION_LABELS = { objection: '异议', recusal: '回避申请', change_report: '变更报告', event_signup: '活动报名' } as const;

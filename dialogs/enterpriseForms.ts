import type { TurnContext } from 'botbuilder';
import type { ChangeKind, Guidance } from '../services/applications/guidance';
import { newLetterToken } from '../services/applications/letterToken';
import type { NoticeReader } from '../services/notices/noticeReader';
import { pick, type PartlyLocalized } from '../services/i18n';
import { localeOf, say } from './locale';
import type { FormDefinition } from './formDefinition';

const contactFields: FormDefinition['fields'] = [
  { key: 'organisation', label: 'field_organisation', ask: 'askOrganisation', kind: 'text' },
  { key: 'contact', label: 'field_contact', ask: 'askContactPerson', kind: 'text' },
  { key: 'phone', label: 'field_phone', ask: 'askPhone', kind: 'phone' },
];

const title = (context: TurnContext, text: PartlyLocalized) => pick(text, localeOf(context));

/**
 * 异议: only while a publicity period is open (from the publicity notices), with what the seed requires —
 * which enterprise or list, the grounds, the objector's real organisation, contact person, phone, evidence.
 */
export function objectionForm(notices: NoticeReader, letterUrl: (receiptNo: string, token: string) => string): FormDefinition {
  return {
    id: 'objection',
    type: 'objection',
    topic: 'topic_objection',
    opening: async (context) => {
      const t = say(context);
      const window = await notices.objectionWindow();
      const notice = window.open[0];
      if (notice) return { proceed: true, message: t('objectionIntro', { title: title(context, notice.title), start: notice.period!.start.slice(0, 10), end: notice.period!.end.slice(0, 10) }) };
      const when = [
        window.lastClosed ? t('objectionLastClosed', { title: title(context, window.lastClosed.title), date: window.lastClosed.period!.end.slice(0, 10) }) : '',
        window.nextOpens ? t('objectionNextOpens', { title: title(context, window.nextOpens.title), date: window.nextOpens.period!.start.slice(0, 10) }) : '',
      ].filter(Boolean).join('') || t('objectionNoPeriod');
      return { proceed: false, message: t('objectionClosed', { when }) };
    },
    fields: [
      {
        key: 'target', label: 'field_target', ask: 'askObjectionTarget', kind: 'choice',
        choices: async (context) => {
          const open = (await notices.objectionWindow()).open;
          const listed = open.flatMap((n) => n.list ?? []).map((e) => ({ title: e.name, value: `${e.name}（${e.creditCode}）` }));
          return [...listed, { title: say(context)('objectionWholeList'), value: title(context, open[0]!.title) }];
        },
      },
      { key: 'reason', label: 'field_reason', ask: 'askObjectionReason', kind: 'text' },
      ...contactFields,
      { key: 'evidence', label: 'field_evidence', ask: 'askEvidence', kind: 'evidence' },
    ],
    // The letter names the notice and its period; the deadline is the period's end, as the document requires.
    enrich: async (context, fields) => {
      const notice = (await notices.objectionWindow()).open[0];
      const { token, hash } = newLetterToken();
      const about: Record<string, string> = notice ? { noticeId: notice.id, noticeTitle: title(context, notice.title), periodStart: notice.period!.start.slice(0, 10), deadline: notice.period!.end.slice(0, 10) } : {};
      return { fields: { ...fields, ...about }, secret: token, secretHash: hash };
    },
    done: async (context, saved, token) => {
      const t = say(context);
      const url = letterUrl(saved.receiptNo, token!);
      return {
        type: 'message',
        text: t('objectionRecorded', { receiptNo: saved.receiptNo, deadline: saved.fields.deadline ?? '', url }),
        attachments: [{ contentType: DOCX, contentUrl: url, name: t('objectionLetterName', { receiptNo: saved.receiptNo }) }],
      };
    },
  };
}

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 回避: which review, which expert (name or description), and why. */
export function recusalForm(): FormDefinition {
  return {
    id: 'recusal',
    type: 'recusal',
    topic: 'topic_recusal',
    fields: [
      { key: 'review', label: 'field_review', ask: 'askRecusalReview', kind: 'text' },
      { key: 'expert', label: 'field_expert', ask: 'askRecusalExpert', kind: 'text' },
      { key: 'reason', label: 'field_reason', ask: 'askRecusalReason', kind: 'text' },
      ...contactFields,
    ],
  };
}

const CHANGE_KINDS: ChangeKind[] = ['name', 'ownership', 'business'];

/** 变更: what changed (name, ownership structure, business direction), since when, and the materials to prepare. */
export function changeReportForm(guidance: Guidance): FormDefinition {
  return {
    id: 'changeReport',
    type: 'change_report',
    topic: 'topic_change_report',
    fields: [
      {
        key: 'kind', label: 'field_kind', ask: 'askChangeKind', kind: 'choice',
        choices: async (context) => CHANGE_KINDS.map((k) => ({ title: say(context)(`changeKind_${k}`), value: say(context)(`changeKind_${k}`) })),
        prefillLabel: (context, kind) => (CHANGE_KINDS.includes(kind as ChangeKind) ? say(context)(`changeKind_${kind as ChangeKind}`) : kind),
      },
      { key: 'since', label: 'field_since', ask: 'askChangeSince', kind: 'text' },
      { key: 'detail', label: 'field_detail', ask: 'askChangeDetail', kind: 'text' },
      ...contactFields,
    ],
    // What to submit, to whom and when, for the change chosen (the document's words, not a list of our own).
    confirmNote: (fields, locale) => guidance.answer('change_report', locale, fields.kind ?? '').text,
    done: async (context, saved) => say(context)('changeRecorded', { receiptNo: saved.receiptNo }),
  };
}

import type { TurnContext } from 'botbuilder';
import type { Guidance } from '../services/applications/guidance';
import { objectionWindow } from '../services/applications/submissions';
import type { NoticeRepository } from '../services/ports';
import { localeOf, say } from './locale';
import type { FormDefinition } from './submissionDialog';

const contactFields: FormDefinition['fields'] = [
  { key: 'organisation', label: 'field_organisation', ask: 'askOrganisation', kind: 'text' },
  { key: 'contact', label: 'field_contact', ask: 'askContactPerson', kind: 'text' },
  { key: 'phone', label: 'field_phone', ask: 'askPhone', kind: 'phone' },
];

const title = (context: TurnContext, t: { zh: string; en?: string }) => (localeOf(context) === 'en-US' ? t.en ?? t.zh : t.zh);

/**
 * 异议: only while a publicity period is open (from the publicity notices), with what the seed requires —
 * which enterprise or list, the grounds, the objector's real organisation, contact person, phone, evidence.
 */
export function objectionForm(notices: NoticeRepository, now: () => Date = () => new Date()): FormDefinition {
  return {
    id: 'objection',
    type: 'objection',
    topic: 'topic_objection',
    opening: async (context) => {
      const t = say(context);
      const window = await objectionWindow(notices, now());
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
          const open = (await objectionWindow(notices, now())).open;
          const listed = open.flatMap((n) => n.list ?? []).map((e) => ({ title: e.name, value: `${e.name}（${e.creditCode}）` }));
          return [...listed, { title: say(context)('objectionWholeList'), value: title(context, open[0]!.title) }];
        },
      },
      { key: 'reason', label: 'field_reason', ask: 'askObjectionReason', kind: 'text' },
      ...contactFields,
      { key: 'evidence', label: 'field_evidence', ask: 'askEvidence', kind: 'evidence' },
    ],
  };
}

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

const CHANGE_KINDS = ['name', 'ownership', 'business'] as const;

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
      },
      { key: 'since', label: 'field_since', ask: 'askChangeSince', kind: 'text' },
      { key: 'detail', label: 'field_detail', ask: 'askChangeDetail', kind: 'text' },
      ...contactFields,
    ],
    confirmNote: (fields, locale) => {
      const kind = /股权|股东|ownership|sharehold/i.test(fields.kind ?? '') ? 'ownership' : /业务|方向|business/i.test(fields.kind ?? '') ? 'business' : 'name';
      return guidance.changeMaterials(kind, locale);
    },
  };
}

import { TurnContext } from 'botbuilder';
import type { Notices } from '../services/notices/notices';
import type { DialogRecognizer } from './intentRecognizer';
import { localeOf, say } from './locale';
import type { FormDefinition } from './formDefinition';
import { SubmissionDialog } from './submissionDialog';

export const STAFF_NOTICE_DIALOG = 'staffNotice';
const KINDS = ['call', 'event', 'announcement', 'publicity'] as const;

/** "2026-12-10 14:00" (Shanghai time) or a plain date, as ISO 8601; null when it is not one. */
export function parseShanghaiDateTime(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s*(\d{1,2})[:：点](\d{2})?)?/.exec(text.trim());
  if (!m) return null;
  const pad = (v: string | undefined, d = '00') => (v ?? d).padStart(2, '0');
  const iso = `${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4], '09')}:${pad(m[5])}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : new Date(iso).toISOString();
}

const audienceLabel = (audience: string | undefined) => (audience === 'all' ? 'audienceAll' : 'audienceSubscribers');

/**
 * 发布通知 as a form: a staff member gives the kind, title, text, the deadline (a call) or the event's time and
 * place, the audience, a confirmation; then it is sent at once and its progress is reported in this chat at
 * 25/50/75/100 %. Publicity notices need their period and list and go through the staff API. Only staff
 * (STAFF_USERS) may fill it.
 */
export function staffNoticeForm(notices: Notices, isStaff: (context: TurnContext) => boolean): FormDefinition {
  const kind = (k: string) => (fields: Record<string, string>) => fields.kind === k;
  return {
    id: STAFF_NOTICE_DIALOG,
    topic: 'topic_contact_staff',
    only: { allowed: isStaff, refusal: 'staffOnly' },
    fields: [
      {
        key: 'kind', label: 'staffAskKind', ask: 'staffAskKind', kind: 'choice', named: 'noticeKind', askInText: true,
        choices: async (context) => KINDS.map((k) => ({ title: say(context)(`noticeKind_${k}`), value: k })),
        endsWith: { publicity: 'staffNeedsPublicityApi' },
      },
      { key: 'title', label: 'staffAskTitle', ask: 'staffAskTitle', kind: 'text' },
      { key: 'text', label: 'staffAskText', ask: 'staffAskText', kind: 'text' },
      { key: 'deadline', label: 'staffAskDeadline', ask: 'staffAskDeadline', kind: 'text', when: kind('call'), parse: parseShanghaiDateTime, retry: 'staffDateInvalid' },
      { key: 'at', label: 'staffAskEventAt', ask: 'staffAskEventAt', kind: 'text', when: kind('event'), parse: parseShanghaiDateTime, retry: 'staffDateInvalid' },
      { key: 'place', label: 'staffAskPlace', ask: 'staffAskPlace', kind: 'text', when: kind('event') },
      {
        key: 'audience', label: 'staffAskAudience', ask: 'staffAskAudience', kind: 'choice', named: 'audience', fallback: 'subscribers', askInText: true,
        choices: async (context) => (['subscribers', 'all'] as const).map((a) => ({ title: say(context)(audienceLabel(a)), value: a })),
      },
    ],
    confirmText: (t, f) => t('staffConfirm', { title: f.title ?? '', kind: t(`noticeKind_${f.kind as (typeof KINDS)[number]}`), audience: t(audienceLabel(f.audience)) }),
    save: async (context, f) => {
      const parsed = notices.parse({
        kind: f.kind,
        title: f.title,
        text: f.text,
        audience: { type: f.audience },
        ...(f.kind === 'call' ? { deadline: f.deadline } : {}),
        ...(f.kind === 'event' ? { event: { at: f.at, place: f.place } } : {}),
      });
      if (!parsed.ok) return { reply: parsed.errors.join('\n'), result: undefined };
      const reference = { ...TurnContext.getConversationReference(context.activity), locale: localeOf(context) } as Record<string, unknown>;
      const notice = await notices.create(parsed.input, `${context.activity.channelId}:${context.activity.from.id}`, reference);
      await notices.sendNow(notice.id);
      return { reply: say(context)('staffStarted', { id: notice.id }), result: notice.id };
    },
  };
}

/** The staff notice form as the dialog the main dialog starts on 发布通知. */
export class StaffNoticeDialog extends SubmissionDialog {
  constructor(recognizer: DialogRecognizer, notices: Notices, isStaff: (context: TurnContext) => boolean) {
    super(staffNoticeForm(notices, isStaff), recognizer);
  }
}

import { ActionTypes, CardFactory, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Notices } from '../services/notices/notices';
import { confirmCard, isConfirmed } from './cards/supplierCards';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';
import { REPLY_PROMPT, TEXT_PROMPT, replyPrompt, textPrompt } from './prompts';
import type { DialogRecognizer } from './intentRecognizer';

export const STAFF_NOTICE_DIALOG = 'staffNotice';
const DATE_TIME_PROMPT = 'staffDateTime';
const KINDS = ['call', 'event', 'announcement', 'publicity'] as const;
type Kind = (typeof KINDS)[number];

/** "2026-12-10 14:00" (Shanghai time) or a plain date, as ISO 8601; null when it is not one. */
export function parseShanghaiDateTime(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s*(\d{1,2})[:：点](\d{2})?)?/.exec(text.trim());
  if (!m) return null;
  const pad = (v: string | undefined, d = '00') => (v ?? d).padStart(2, '0');
  const iso = `${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4], '09')}:${pad(m[5])}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : new Date(iso).toISOString();
}

interface Values {
  kind: Kind;
  title: string;
  text: string;
  at?: string;
  place?: string;
  audience: 'subscribers' | 'all';
}
const v = (step: WaterfallStepContext) => step.values as Values;

const choices = (items: [string, string][]) =>
  CardFactory.heroCard('', undefined, CardFactory.actions(items.map(([title, value]) => ({ type: ActionTypes.MessageBack, title, text: title, displayText: title, value: { choice: value } }))));
/** A choice's button value, or the choice its typed words name (replies.json), or null. */
const chosen = (reply: Partial<Activity>, allowed: readonly string[], named: string | null): string | null => {
  const value = (reply.value as { choice?: string } | undefined)?.choice;
  return value && allowed.includes(value) ? value : named;
};

/**
 * A staff member publishes a notice in chat (Teams): kind, title, text, the deadline or the event's time and
 * place, the audience, a confirmation; then it is sent at once and its progress is reported in this chat at
 * 25/50/75/100 %. Publicity notices need their period and list and go through the staff API. Only staff
 * (STAFF_USERS) may start it.
 */
export class StaffNoticeDialog extends InterruptibleDialog {
  constructor(recognizer: DialogRecognizer, private readonly notices: Notices, private readonly isStaff: (context: TurnContext) => boolean) {
    super(STAFF_NOTICE_DIALOG, recognizer, 'topic_contact_staff');
    this.addDialog(textPrompt()).addDialog(replyPrompt());
    this.addDialog(new TextPrompt(DATE_TIME_PROMPT, async (p) => p.recognized.succeeded && parseShanghaiDateTime(p.recognized.value!) !== null));
    this.addDialog(
      // Every step checks who answered, not only the first: in a group chat anyone can answer a prompt, and
      // only staff may choose the audience or confirm the send.
      new WaterfallDialog('staffNoticeSteps', [
        this.kindStep, this.titleStep, this.textStep, this.whenStep, this.placeStep, this.audienceStep, this.confirmStep, this.sendStep,
      ].map((step) => this.staffOnly(step.bind(this)))),
    );
    this.initialDialogId = 'staffNoticeSteps';
  }

  /** Runs a step only for staff; anyone else is told so and the notice is dropped, unsent. */
  private staffOnly(step: (step: WaterfallStepContext) => Promise<DialogTurnResult>): (step: WaterfallStepContext) => Promise<DialogTurnResult> {
    return async (context) => {
      if (this.isStaff(context.context)) return step(context);
      await context.context.sendActivity(say(context.context)('staffOnly'));
      return context.endDialog();
    };
  }

  private async kindStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = say(step.context);
    const card = choices(KINDS.map((k) => [t(`noticeKind_${k}`), k]));
    return step.prompt(REPLY_PROMPT, { prompt: MessageFactory.attachment(card, t('staffAskKind')) });
  }

  private async titleStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = say(step.context);
    const kind = chosen(step.result as Activity, KINDS, this.recognizer.replies.choice('noticeKind', (step.result as Activity).text)) as Kind | null;
    if (!kind) return step.replaceDialog(this.id);
    if (kind === 'publicity') {
      await step.context.sendActivity(t('staffNeedsPublicityApi'));
      return step.endDialog();
    }
    v(step).kind = kind;
    return step.prompt(TEXT_PROMPT, t('staffAskTitle'));
  }

  private async textStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    v(step).title = String(step.result).trim();
    return step.prompt(TEXT_PROMPT, say(step.context)('staffAskText'));
  }

  private async whenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    v(step).text = String(step.result).trim();
    const t = say(step.context);
    if (v(step).kind === 'announcement') return step.next();
    const prompt = t(v(step).kind === 'call' ? 'staffAskDeadline' : 'staffAskEventAt');
    return step.prompt(DATE_TIME_PROMPT, { prompt, retryPrompt: t('staffDateInvalid') });
  }

  private async placeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (v(step).kind !== 'announcement') v(step).at = parseShanghaiDateTime(String(step.result))!;
    if (v(step).kind !== 'event') return step.next();
    return step.prompt(TEXT_PROMPT, say(step.context)('staffAskPlace'));
  }

  private async audienceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (v(step).kind === 'event') v(step).place = String(step.result).trim();
    const t = say(step.context);
    const card = choices([[t('audienceSubscribers'), 'subscribers'], [t('audienceAll'), 'all']]);
    return step.prompt(REPLY_PROMPT, { prompt: MessageFactory.attachment(card, t('staffAskAudience')) });
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = say(step.context);
    const audience = chosen(step.result as Activity, ['subscribers', 'all'], this.recognizer.replies.choice('audience', (step.result as Activity).text)) as Values['audience'] | null;
    v(step).audience = audience ?? 'subscribers';
    const text = t('staffConfirm', { title: v(step).title, kind: t(`noticeKind_${v(step).kind}`), audience: t(v(step).audience === 'all' ? 'audienceAll' : 'audienceSubscribers') });
    return step.prompt(REPLY_PROMPT, { prompt: MessageFactory.attachment(confirmCard(t, text)) });
  }

  private async sendStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = say(step.context);
    if (!isConfirmed(step.result as Activity, this.recognizer.replies)) {
      await step.context.sendActivity(t('cancelled'));
      return step.endDialog();
    }
    const values = v(step);
    const parsed = this.notices.parse({
      kind: values.kind,
      title: values.title,
      text: values.text,
      audience: { type: values.audience },
      ...(values.kind === 'call' ? { deadline: values.at } : {}),
      ...(values.kind === 'event' ? { event: { at: values.at, place: values.place } } : {}),
    });
    if (!parsed.ok) {
      await step.context.sendActivity(parsed.errors.join('\n'));
      return step.endDialog();
    }
    const reference = { ...TurnContext.getConversationReference(step.context.activity), locale: localeOf(step.context) } as Record<string, unknown>;
    const notice = await this.notices.create(parsed.input, `${step.context.activity.channelId}:${step.context.activity.from.id}`, reference);
    await this.notices.sendNow(notice.id);
    await step.context.sendActivity(t('staffStarted', { id: notice.id }));
    return step.endDialog(notice.id);
  }
}

import type { Activity } from 'botbuilder';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { MessageKey } from '../services/i18n';
import { topIntent, type DialogRecognizer } from './intentRecognizer';
import { say } from './locale';

/** An interruption must be clearly meant: a confident intent in a short message, not an answer that mentions it. */
const INTERRUPT_MIN_SCORE = 0.8;
const INTERRUPT_MAX_LENGTH = 24;

/**
 * A dialog whose prompts can be interrupted anywhere: "取消" ends the flow; help and "转人工" answer and then
 * ask the same question again, so the user is back where they were. Flows extend this (once, here, not in
 * every step), naming their topic for the help text.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  constructor(id: string, protected readonly recognizer: DialogRecognizer, protected readonly topic: MessageKey) {
    super(id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(dc: DialogContext): Promise<DialogTurnResult | null> {
    const activity = dc.context.activity as Partial<Activity>;
    if (activity.type !== 'message' || !activity.text) return null;
    const t = say(dc.context);
    if (this.recognizer.replies.isCancel(activity.text)) {
      await dc.context.sendActivity(t('cancelled'));
      return dc.cancelAllDialogs(true);
    }
    if (activity.text.trim().length > INTERRUPT_MAX_LENGTH) return null;
    const { intent, score } = topIntent(await this.recognizer.recognize(dc, activity));
    if (score < INTERRUPT_MIN_SCORE) return null;
    if (intent === 'help') await dc.context.sendActivity(t('helpInDialog', { topic: t(this.activeTopic(dc)) }));
    else if (intent === 'contact_staff') await dc.context.sendActivity(t('contactStaff'));
    else return null;
    await dc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  /** The topic of the flow the user is in: the active child's, when it is an interruptible flow itself. */
  private activeTopic(dc: DialogContext): MessageKey {
    const active = dc.activeDialog ? dc.findDialog(dc.activeDialog.id) : undefined;
    return active instanceof InterruptibleDialog ? active.topic : this.topic;
  }
}

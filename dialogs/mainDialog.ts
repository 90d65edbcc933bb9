import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, type DialogTurnResult, type Recognizer, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { MessageKey } from '../services/i18n';
import type { Intent } from '../services/understanding/intents';
import { menuCard } from './cards/menuCard';
import { topIntent } from './intentRecognizer';
import { say } from './locale';

export const MAIN_DIALOG = 'mainDialog';
const MAIN_WATERFALL = 'mainWaterfall';

/** Intents whose flows are being built in their own issues; until then the bot says so honestly. */
const UPCOMING: Partial<Record<Intent, MessageKey>> = {
  application_status: 'topic_application_status',
  evaluation_status: 'topic_evaluation_status',
  bind_enterprise: 'topic_bind_enterprise',
  find_supplier: 'topic_find_supplier',
  publicity: 'topic_publicity',
  objection: 'topic_objection',
  recusal: 'topic_recusal',
  change_report: 'topic_change_report',
  how_to_apply: 'topic_how_to_apply',
  benefits: 'topic_benefits',
  events: 'topic_events',
  subscribe: 'topic_subscribe',
  unsubscribe: 'topic_unsubscribe',
};

/** Routes each message by intent to the flow that serves it. */
export class MainDialog extends ComponentDialog {
  constructor(private readonly recognizer: Recognizer) {
    super(MAIN_DIALOG);
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const { intent } = topIntent(await this.recognizer.recognize(step, context.activity));
    const t = say(context);
    switch (intent) {
      case 'help':
        await sendMenu(context, t('helpIntro'));
        break;
      case 'contact_staff':
        await context.sendActivity(t('contactStaff'));
        break;
      case 'none':
        await sendMenu(context, t('outOfScope'));
        break;
      default: {
        const topic = UPCOMING[intent];
        await context.sendActivity(topic ? t('notYetAvailable', { topic: t(topic) }) : t('outOfScope'));
      }
    }
    return step.endDialog();
  }
}

/** A lead sentence, then the menu card. */
export async function sendMenu(context: TurnContext, lead: string): Promise<void> {
  const t = say(context);
  await context.sendActivity(lead);
  await context.sendActivity(MessageFactory.attachment(menuCard(t), t('menuTitle')));
}

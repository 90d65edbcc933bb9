import { ActivityHandler, MessageFactory, type BotState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, runDialog, type DialogState } from 'botbuilder-dialogs';
import { menuCard } from '../dialogs/cards/menuCard';
import { planRoute, type MainDialog } from '../dialogs/mainDialog';
import { say, setTurnLocale } from '../dialogs/locale';
import type { Locale } from '../services/i18n';

/**
 * The bot's turn handling: decide the language, welcome people who join, hand messages to the main
 * dialog, and save state at the end of every turn.
 */
export class PoolBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly localeProperty: StatePropertyAccessor<Locale>;

  constructor(conversationState: BotState, userState: BotState, dialog: MainDialog) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    const dialogs = new DialogSet(this.dialogState).add(dialog);
    this.localeProperty = conversationState.createProperty<Locale>('locale');

    this.onTurn(async (context, next) => {
      const previous = (await this.localeProperty.get(context)) ?? null;
      const answeringPrompt = ((await this.dialogState.get(context))?.dialogStack?.length ?? 0) > 0;
      const locale = setTurnLocale(context, previous, answeringPrompt);
      // Only what a person wrote (or a channel's explicit locale) moves the conversation's language.
      if (context.activity.text || context.activity.locale) await this.localeProperty.set(context, locale);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await this.welcome(context);
      }
      await next();
    });

    // Most messages are one-turn questions (a bound user's status, guidance, publicity): when no flow is in
    // progress the main dialog routes them here and they are answered without the dialog stack, which costs
    // more than the rest of such a turn together (a DialogContext and state manager per component and step).
    // Only a flow that needs more turns starts the stack, with the route already decided.
    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      if (!dc.activeDialog) {
        const route = await dialog.route(dc);
        if (!route.flowId) return next();
        planRoute(context, route);
      }
      await runDialog(dialog, context, this.dialogState);
      await next();
    });

    this.onDialog(async (context, next) => {
      await conversationState.saveChanges(context, false);
      await userState.saveChanges(context, false);
      await next();
    });
  }

  private async welcome(context: TurnContext): Promise<void> {
    const t = say(context);
    await context.sendActivity(t('welcome'));
    await context.sendActivity(MessageFactory.attachment(menuCard(t), t('menuTitle')));
  }
}

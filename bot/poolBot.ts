import {
  MessageFactory,
  TeamsActivityHandler,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, runDialog, type DialogState } from 'botbuilder-dialogs';
import { menuCard } from '../dialogs/cards/menuCard';
import { planRoute, type MainDialog } from '../dialogs/mainDialog';
import { say, setTurnLocale } from '../dialogs/locale';
import { rememberTyped } from '../dialogs/typedText';
import { writtenLocale, type Locale } from '../services/i18n';
import { refreshedCard } from './teams/refreshedCard';
import { isAddressed } from './teams/teamsTurns';

/**
 * The bot's turn handling: decide the language, welcome people, hand messages (and card actions) to the
 * main dialog, and save state at the end of every turn.
 *
 * Welcome: in Teams once per install (the installationUpdate "add" of a personal chat, group chat or team:
 * one post in the team, never one per member who joins); elsewhere (Web Chat, Emulator) when the person
 * joins. Teams also sends a conversationUpdate for the install; greeting on one activity only means one
 * greeting, in one language.
 */
export class PoolBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly localeProperty: StatePropertyAccessor<Locale>;
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: BotState,
    userState: BotState,
    private readonly dialog: MainDialog,
    /** Reads pinyin typed for Chinese into characters (wo men xiang zhao gong ying shang → 我们想找供应商). */
    read: (text: string) => string = (text) => text,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState).add(dialog);
    this.localeProperty = conversationState.createProperty<Locale>('locale');

    this.onTurn(async (context, next) => {
      const previous = (await this.localeProperty.get(context)) ?? null;
      const answeringPrompt = ((await this.dialogState.get(context))?.dialogStack?.length ?? 0) > 0;
      // A group-chat message that is not for the bot is not answered and does not move the language.
      if (!isAddressed(context)) return void setTurnLocale(context, previous, answeringPrompt, false);
      // A new message is understood as read (pinyin in characters); an answer to a prompt (a name, a code) as typed.
      const typed = context.activity.text;
      if (context.activity.type === 'message' && typed && !answeringPrompt) {
        const reading = read(typed);
        if (reading !== typed) {
          rememberTyped(context, typed);
          context.activity.text = reading;
        }
      }
      setTurnLocale(context, previous, answeringPrompt);
      // Only what a person wrote moves the conversation's language: a button press (no text) keeps it, and
      // the client's locale counts only until someone has written.
      const written = writtenLocale(context.activity.text, previous, answeringPrompt);
      if (written && written !== previous) await this.localeProperty.set(context, written);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      if (context.activity.channelId !== 'msteams') {
        for (const member of context.activity.membersAdded ?? []) {
          if (member.id !== context.activity.recipient.id) await this.welcome(context);
        }
      }
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      // "add-upgrade" is a new version of the app, not a new install: no second greeting.
      if (context.activity.action === 'add') {
        // A reinstall starts afresh: a flow left half-done before the uninstall is not resumed.
        await this.dialogState.delete(context);
        await this.welcome(context);
      }
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await conversationState.delete(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });

    this.onDialog(async (context, next) => {
      await conversationState.saveChanges(context, false);
      await userState.saveChanges(context, false);
      await next();
    });
  }

  // Most messages are one-turn questions (a bound user's status, guidance, publicity): when no flow is in
  // progress the main dialog routes them here and they are answered without the dialog stack, which costs
  // more than the rest of such a turn together (a DialogContext and state manager per component and step).
  // Only a flow that needs more turns starts the stack, with the route already decided.
  private async answer(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) {
      const route = await this.dialog.route(dc);
      if (!route.flowId) return;
      planRoute(context, route);
    }
    await runDialog(this.dialog, context, this.dialogState);
  }

  /**
   * Action.Execute (Teams' universal actions) arrives as an `adaptiveCard/action` invoke, and Teams replaces
   * the card with the one in the answer. The action's data is handled exactly as an Action.Submit's value
   * (the verb names the action when the data does not); what the bot would have said becomes the refreshed
   * card, instead of messages beside it.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue?.action;
    if (action?.type !== 'Action.Execute') {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Expected an Action.Execute.' } as never };
    }
    const data = { ...(typeof action.data === 'object' && action.data ? action.data : {}) } as Record<string, unknown>;
    if (action.verb && data.action === undefined && data.intent === undefined) data.action = action.verb;

    const said: Partial<Activity>[] = [];
    context.onSendActivities(async (_context, activities, next) => {
      // Keep the bot's answers for the card; let the invoke response itself through.
      const answers = activities.filter((a) => a.type !== 'invokeResponse');
      said.push(...answers);
      const through = activities.filter((a) => a.type === 'invokeResponse');
      activities.splice(0, activities.length, ...through);
      const responses = through.length ? await next() : [];
      return [...answers.map(() => ({ id: '' })), ...responses];
    });

    const activity = context.activity;
    const invoke = { type: activity.type, name: activity.name, value: activity.value as unknown };
    Object.assign(activity, { type: 'message', name: undefined, value: data });
    try {
      await this.answer(context);
    } finally {
      Object.assign(activity, invoke);
    }
    // The invoke's Dialog handlers are not awaited by botbuilder: save here, before Teams gets the answer.
    await this.conversationState.saveChanges(context, false);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: refreshedCard(said, say(context)) as never };
  }

  private async welcome(context: TurnContext): Promise<void> {
    const t = say(context);
    // In Teams one message: in a team's channel every activity is a post of its own.
    if (context.activity.channelId === 'msteams') return void (await context.sendActivity(MessageFactory.attachment(menuCard(t), t('welcome'))));
    await context.sendActivity(t('welcome'));
    await context.sendActivity(MessageFactory.attachment(menuCard(t), t('menuTitle')));
  }
}

import { ActionTypes, CardFactory, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type Recognizer, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Binding, BindingService } from '../services/applications/binding';
import type { Process } from '../services/model/application';
import { BIND_DIALOG, type BindDialog, userKeyOfTurn } from './bindDialog';
import { statusCard } from './cards/statusCard';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';
import type { FlowOptions } from './mainDialog';
import { REPLY_PROMPT, replyPrompt } from './prompts';

const BINDINGS_THIS_TURN = Symbol('bindingsThisTurn');

/**
 * Where an enterprise's recognition application or annual evaluation stands. Unbound users are led into
 * binding first and see nobody's data; a user bound to several enterprises chooses one.
 */
export class StatusDialog extends InterruptibleDialog {
  constructor(id: string, private readonly process: Process, recognizer: Recognizer, private readonly binding: BindingService, bind: BindDialog) {
    super(id, recognizer, process === 'recognition' ? 'topic_application_status' : 'topic_evaluation_status');
    this.addDialog(bind).addDialog(replyPrompt());
    this.addDialog(new WaterfallDialog(`${id}Steps`, [this.bindingStep.bind(this), this.chooseStep.bind(this), this.showStep.bind(this)]));
    this.initialDialogId = `${id}Steps`;
  }

  /** The user's bindings, read once per turn (steps of one turn share them), after Teams auto-binding. */
  private async bindings(step: WaterfallStepContext): Promise<Binding[]> {
    const cached = step.context.turnState.get(BINDINGS_THIS_TURN) as Binding[] | undefined;
    if (cached) return cached;
    const userKey = userKeyOfTurn(step.context);
    const aad = step.context.activity.from.aadObjectId;
    if (step.context.activity.channelId === 'msteams' && aad) {
      await this.binding.bindTeamsContact({ userKey, aadObjectId: aad, conversation: TurnContext.getConversationReference(step.context.activity) as Record<string, unknown> });
    }
    const bound = await this.binding.list(userKey);
    step.context.turnState.set(BINDINGS_THIS_TURN, bound);
    return bound;
  }

  private async bindingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((await this.bindings(step)).length) return step.next();
    await step.context.sendActivity(say(step.context)('statusNeedsBinding'));
    return step.beginDialog(BIND_DIALOG, { entities: {} } satisfies FlowOptions);
  }

  private async chooseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // After binding in this same turn the cached list is stale: read again.
    if (step.result) step.context.turnState.delete(BINDINGS_THIS_TURN);
    const bound = await this.bindings(step);
    if (!bound.length) return step.endDialog();
    const { entities } = (step.options ?? { entities: {} }) as FlowOptions;
    const named = bound.find((b) => b.creditCode === entities.creditCode);
    if (bound.length === 1 || named) return step.next((named ?? bound[0]!).creditCode);
    const t = say(step.context);
    const card = CardFactory.heroCard('', t('statusChoose'), undefined, CardFactory.actions(
      bound.map((b) => ({ type: ActionTypes.MessageBack, title: b.enterpriseName, text: b.enterpriseName, displayText: b.enterpriseName, value: { creditCode: b.creditCode } })),
    ));
    return step.prompt(REPLY_PROMPT, { prompt: MessageFactory.attachment(card) });
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = say(step.context);
    const bound = await this.bindings(step);
    const reply = step.result as string | Activity;
    const chosen = typeof reply === 'string' ? reply : (reply.value as { creditCode?: string } | undefined)?.creditCode ?? bound.find((b) => (reply.text ?? '').includes(b.enterpriseName))?.creditCode;
    const enterprise = bound.find((b) => b.creditCode === chosen);
    if (!enterprise) return step.endDialog();
    const applications = (await this.binding.applicationsFor(userKeyOfTurn(step.context), enterprise.creditCode))
      .filter((a) => a.process === this.process)
      .sort((a, b) => b.year - a.year || (b.stageHistory.at(-1)?.at ?? '').localeCompare(a.stageHistory.at(-1)?.at ?? ''));
    const latest = applications[0];
    if (!latest) {
      await step.context.sendActivity(t('statusNone', { enterprise: enterprise.enterpriseName, process: this.process === 'recognition' ? t('processRecognition') : t('processEvaluation') }));
      return step.endDialog();
    }
    await step.context.sendActivity(MessageFactory.attachment(statusCard(t, localeOf(step.context), latest)));
    return step.endDialog();
  }
}

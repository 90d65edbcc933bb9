import { ActionTypes, CardFactory, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Binding, BindingService } from '../services/applications/binding';
import type { Process } from '../services/model/application';
import { BIND_DIALOG, type BindDialog, userKeyOfTurn } from './bindDialog';
import { statusCard } from './cards/statusCard';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';
import type { AnswersAtOnce, FlowOptions } from './mainDialog';
import { REPLY_PROMPT, replyPrompt } from './prompts';
import type { DialogRecognizer } from './intentRecognizer';

const BINDINGS_THIS_TURN = Symbol('bindingsThisTurn');

/**
 * Where an enterprise's recognition application or annual evaluation stands. Unbound users are led into
 * binding first and see nobody's data; a user bound to several enterprises chooses one.
 */
export class StatusDialog extends InterruptibleDialog implements AnswersAtOnce {
  /**
   * `explain`, when given, says what can be said without the enterprise (how the process runs, from the
   * province's document) before binding is asked for.
   */
  constructor(
    id: string,
    private readonly process: Process,
    recognizer: DialogRecognizer,
    private readonly binding: BindingService,
    bind: BindDialog,
    private readonly explain?: (context: TurnContext, process: Process) => Promise<void>,
  ) {
    super(id, recognizer, process === 'recognition' ? 'topic_application_status' : 'topic_evaluation_status');
    this.addDialog(bind).addDialog(replyPrompt());
    this.addDialog(new WaterfallDialog(`${id}Steps`, [this.bindingStep.bind(this), this.chooseStep.bind(this), this.showStep.bind(this)]));
    this.initialDialogId = `${id}Steps`;
  }

  /** The user's bindings, read once per turn (steps of one turn share them), after Teams auto-binding. */
  private async bindings(context: TurnContext): Promise<Binding[]> {
    const cached = context.turnState.get(BINDINGS_THIS_TURN) as Binding[] | undefined;
    if (cached) return cached;
    const userKey = userKeyOfTurn(context);
    const aad = context.activity.from.aadObjectId;
    if (context.activity.channelId === 'msteams' && aad) {
      await this.binding.bindTeamsContact({ userKey, aadObjectId: aad, conversation: TurnContext.getConversationReference(context.activity) as Record<string, unknown> });
    }
    const bound = await this.binding.list(userKey);
    context.turnState.set(BINDINGS_THIS_TURN, bound);
    return bound;
  }

  /** Bound to one enterprise, or naming one of theirs: the card now. Unbound or several: the dialog. */
  async answerAtOnce(context: TurnContext, { entities }: FlowOptions): Promise<boolean> {
    const enterprise = pick(await this.bindings(context), entities);
    if (!enterprise) return false;
    await this.show(context, enterprise);
    return true;
  }

  private async bindingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((await this.bindings(step.context)).length) return step.next();
    await this.explain?.(step.context, this.process);
    await step.context.sendActivity(say(step.context)('statusNeedsBinding'));
    return step.beginDialog(BIND_DIALOG, { entities: {} } satisfies FlowOptions);
  }

  private async chooseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // After binding in this same turn the cached list is stale: read again.
    if (step.result) step.context.turnState.delete(BINDINGS_THIS_TURN);
    const bound = await this.bindings(step.context);
    if (!bound.length) return step.endDialog();
    const { entities } = (step.options ?? { entities: {} }) as FlowOptions;
    const only = pick(bound, entities);
    if (only) return step.next(only.creditCode);
    const t = say(step.context);
    const card = CardFactory.heroCard('', t('statusChoose'), undefined, CardFactory.actions(
      bound.map((b) => ({ type: ActionTypes.MessageBack, title: b.enterpriseName, text: b.enterpriseName, displayText: b.enterpriseName, value: { creditCode: b.creditCode } })),
    ));
    return step.prompt(REPLY_PROMPT, { prompt: MessageFactory.attachment(card) });
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const bound = await this.bindings(step.context);
    const reply = step.result as string | Activity;
    const chosen = typeof reply === 'string' ? reply : (reply.value as { creditCode?: string } | undefined)?.creditCode ?? bound.find((b) => (reply.text ?? '').includes(b.enterpriseName))?.creditCode;
    const enterprise = bound.find((b) => b.creditCode === chosen);
    if (enterprise) await this.show(step.context, enterprise);
    return step.endDialog();
  }

  /** The latest application of this process for the enterprise, as a card; or says there is none. */
  private async show(context: TurnContext, enterprise: Binding): Promise<void> {
    const t = say(context);
    const applications = (await this.binding.applicationsFor(userKeyOfTurn(context), enterprise.creditCode))
      .filter((a) => a.process === this.process)
      .sort((a, b) => b.year - a.year || (b.stageHistory.at(-1)?.at ?? '').localeCompare(a.stageHistory.at(-1)?.at ?? ''));
    const latest = applications[0];
    if (!latest) {
      await context.sendActivity(t('statusNone', { enterprise: enterprise.enterpriseName, process: this.process === 'recognition' ? t('processRecognition') : t('processEvaluation') }));
      return;
    }
    await context.sendActivity(MessageFactory.attachment(statusCard(t, localeOf(context), latest)));
  }
}

/** The one enterprise a question is about without asking: the only binding, or the one the user named. */
function pick(bound: Binding[], entities: FlowOptions['entities']): Binding | undefined {
  return bound.find((b) => b.creditCode === entities.creditCode) ?? (bound.length === 1 ? bound[0] : undefined);
}

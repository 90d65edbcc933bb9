import { MessageFactory, type TurnContext } from 'botbuilder';
import { type Dialog, type DialogContext, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { MessageKey } from '../services/i18n';
import type { Entities, Intent } from '../services/understanding/intents';
import { LOW_CONFIDENCE, type UtteranceLog } from '../services/understanding/utteranceLog';
import type { MatchIndex } from '../services/matching/matchIndex';
import { decide } from '../services/knowledge/precedence';
import type { NoticeReader } from '../services/notices/noticeReader';
import { publicityText } from './publicity';
import { knowledgeAction, type KnowledgeDesk } from './knowledgeAnswer';
import type { SubscriptionDesk } from './subscriptions';
import { clarifyCard, intentFromChoice } from './cards/clarifyCard';
import { supplierAction } from './cards/supplierCards';
import { directoryText } from './directory';
import type { FeedbackOptions } from './feedbackDialog';
import type { Reroute } from './findSupplierDialog';
import { menuCard } from './cards/menuCard';
import { rankIntents, type DialogRecognizer } from './intentRecognizer';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';

export const MAIN_DIALOG = 'mainDialog';
const MAIN_WATERFALL = 'mainWaterfall';

/** What a flow receives when the main dialog starts it. */
export interface FlowOptions {
  entities: Entities;
  /** What the user already said that a form asks (the kind of change), so it is not asked again. */
  prefill?: Record<string, string>;
}

/**
 * A flow that can often finish in the turn it is asked, without a dialog: a bound user's status is one
 * card. It answers and returns true, or returns false and the flow starts as a dialog (binding first,
 * choosing an enterprise …).
 */
export interface AnswersAtOnce {
  answerAtOnce(context: TurnContext, options: FlowOptions): Promise<boolean>;
}

const answersAtOnce = (flow: Dialog): flow is Dialog & AnswersAtOnce => typeof (flow as Partial<AnswersAtOnce>).answerAtOnce === 'function';

/** What routing a message decided: answered already (no flowId), or the flow to start with its options. */
export interface Route {
  flowId?: string;
  options?: object;
}
const ANSWERED: Route = Object.freeze({});

const PLANNED_ROUTE = Symbol('pool.plannedRoute');

/** PoolBot routed this message before the dialog stack ran: the main waterfall starts that flow, not routing again. */
export function planRoute(context: TurnContext, route: Route): void {
  context.turnState.set(PLANNED_ROUTE, route);
}

/** Taken once: a flow that hands the same message back (reroute) gets it routed afresh. */
function takePlannedRoute(context: TurnContext): Route | undefined {
  const route = context.turnState.get(PLANNED_ROUTE) as Route | undefined;
  if (route) context.turnState.delete(PLANNED_ROUTE);
  return route;
}

export interface MainDialogOptions {
  /** The conversation flow for each intent that has one (binding, status, matchmaking …). */
  flows?: Partial<Record<Intent, Dialog>>;
  /** Where unclear messages are kept for staff; absent → not kept. */
  utteranceLog?: UtteranceLog;
  /** The rating flow started by a feedback button (sent days after a connection). */
  feedback?: Dialog;
  /** The current matching index, for the recommended directory (推荐名录). */
  matchIndex?: () => MatchIndex;
  /** Answers from the province's document: curated topics, its clauses, citations (how to apply, evaluation, support …). */
  knowledge?: KnowledgeDesk;
  /** Publicity notices, for "what is under publicity now". */
  notices?: NoticeReader;
  /** Subscribing to notices (订阅/退订, the settings card) and event sign-ups. */
  subscriptions?: SubscriptionDesk;
  /** Staff publishing a notice in chat ("发布通知"). */
  staffNotice?: Dialog;
}

/** Every intent, by the topic name users read (flows still being built say so, naming it). */
const TOPIC: Record<Exclude<Intent, 'none'>, MessageKey> = {
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
  contact_staff: 'topic_contact_staff',
  help: 'topic_help',
};

/**
 * Routes each message by intent to the flow that serves it. When unsure it asks, offering the likeliest
 * intents as buttons; what it cannot place gets a polite scope message and the menu. Interruptions
 * (取消, help, 转人工) work inside every flow it starts.
 */
export class MainDialog extends InterruptibleDialog {
  private readonly flows: Partial<Record<Intent, Dialog>>;

  constructor(recognizer: DialogRecognizer, private readonly options: MainDialogOptions = {}) {
    super(MAIN_DIALOG, recognizer, 'assistantName');
    this.flows = options.flows ?? {};
    for (const flow of Object.values(this.flows)) this.addDialog(flow);
    if (options.feedback) this.addDialog(options.feedback);
    if (options.staffNotice) this.addDialog(options.staffNotice);
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this), this.finishStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /**
   * Where a message goes: answered in this turn (most questions are one-turn: guidance, publicity, a bound
   * user's status), or a flow to start. PoolBot calls this directly when no dialog is active, so one-turn
   * answers run without the dialog stack; the main waterfall calls it otherwise.
   */
  async route(dc: DialogContext): Promise<Route> {
    const context = dc.context;
    const t = say(context);
    if (this.recognizer.replies.isCancel(context.activity.text)) {
      await context.sendActivity(t('nothingToCancel'));
      return ANSWERED;
    }

    if (this.options.subscriptions && (await this.options.subscriptions.handleCardAction(context))) return ANSWERED;
    const action = supplierAction(context.activity.value);
    if (action?.action === 'feedback' && this.options.feedback) {
      return { flowId: this.options.feedback.id, options: { leadNo: action.leadNo, rating: action.rating } satisfies FeedbackOptions };
    }

    const knowledge = this.options.knowledge;
    const asked = knowledgeAction(context.activity.value);
    if (asked && knowledge) {
      if (asked.action === 'clause') {
        await knowledge.sendClauses(context, asked.ids);
        return ANSWERED;
      }
      const form = this.flows[asked.flow];
      if (form) return { flowId: form.id, options: { entities: {}, prefill: asked.prefill } satisfies FlowOptions };
    }

    if (this.options.staffNotice && this.recognizer.replies.is('publishNotice', context.activity.text)) return { flowId: this.options.staffNotice.id };
    const chosen = intentFromChoice(context.activity.value);
    const result = chosen ? null : await this.recognizer.recognize(dc, context.activity);
    const ranked = chosen ? [{ intent: chosen, score: 1 }] : rankIntents(result!);
    const { intent, score } = ranked[0] ?? { intent: 'none' as Intent, score: 1 };
    const entities = (result?.entities ?? {}) as Entities;

    if (!chosen) await this.keepIfUnclear(context, intent, score, ranked.slice(1));

    const text = context.activity.text ?? '';
    if (knowledge && !chosen && text.trim()) {
      const guidance = knowledge.guidance;
      const decision = decide({
        intent,
        unsure: intent !== 'none' && score < LOW_CONFIDENCE,
        topic: guidance.topicFor(text),
        question: guidance.isQuestion(text),
        ownEnterprise: guidance.isAboutOwnEnterprise(text),
        hasNeed: Boolean(entities.serviceCategories?.length),
      });
      const flow = this.flows[intent];
      if (decision.kind === 'topic' && decision.thenFlow && flow && answersAtOnce(flow) && (await flow.answerAtOnce(context, { entities }))) return ANSWERED;
      if (decision.kind === 'topic') {
        const statusButton = { type: 'imBack', title: t('next_status'), value: t('menuEnterprise') };
        await knowledge.send(context, guidance.answer(decision.topic, localeOf(context), text, entities.city), entities, decision.offerStatus ? [statusButton] : []);
        if (!decision.thenFlow) return ANSWERED;
      } else if (decision.kind === 'retrieve') {
        const clause = guidance.retrieve(text);
        if (clause) {
          await knowledge.send(context, clause, entities);
          return ANSWERED;
        }
      }
    }

    if (chosen === 'none') {
      await sendMenu(context, t('clarifyRephrase'));
      return ANSWERED;
    }
    if (intent !== 'none' && score < LOW_CONFIDENCE) {
      const likely = ranked.filter((r) => r.intent !== 'none').slice(0, 3).map((r) => r.intent);
      await context.sendActivity(MessageFactory.attachment(clarifyCard(t, likely)));
      return ANSWERED;
    }

    if ((intent === 'find_supplier' || intent === 'benefits') && this.recognizer.replies.is('directory', context.activity.text) && this.options.matchIndex) {
      if (knowledge) await knowledge.send(context, knowledge.guidance.answer('directory', localeOf(context)), entities);
      else await context.sendActivity(directoryText(t, this.options.matchIndex(), entities));
      return ANSWERED;
    }
    if (intent === 'publicity' && this.options.notices) {
      await context.sendActivity(await publicityText(context, this.options.notices));
      return ANSWERED;
    }
    const subscriptions = this.options.subscriptions;
    if (subscriptions && (intent === 'subscribe' || intent === 'unsubscribe')) {
      await (intent === 'subscribe' ? subscriptions.subscribe(context) : subscriptions.unsubscribe(context));
      return ANSWERED;
    }
    if (knowledge && (intent === 'how_to_apply' || intent === 'benefits' || intent === 'events')) {
      const locale = localeOf(context);
      const answer = intent === 'how_to_apply' ? knowledge.guidance.howToApply(locale, entities.city) : knowledge.guidance.answer(intent, locale);
      await knowledge.send(context, answer, entities);
      return ANSWERED;
    }
    const flow = this.flows[intent];
    if (flow) {
      const options: FlowOptions = { entities };
      if (answersAtOnce(flow) && (await flow.answerAtOnce(context, options))) return ANSWERED;
      return { flowId: flow.id, options };
    }
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
      default:
        await context.sendActivity(t('notYetAvailable', { topic: t(TOPIC[intent]) }));
    }
    return ANSWERED;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const route = takePlannedRoute(step.context) ?? (await this.route(step));
    return route.flowId ? step.beginDialog(route.flowId, route.options) : step.endDialog();
  }

  /** A flow the user left for something else returns { reroute }: route that same message afresh. */
  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as Partial<Reroute> | undefined)?.reroute) return step.replaceDialog(MAIN_WATERFALL);
    return step.endDialog(step.result);
  }

  private async keepIfUnclear(context: TurnContext, intent: Intent, score: number, alternatives: { intent: Intent; score: number }[]): Promise<void> {
    await this.options.utteranceLog?.record({
      text: context.activity.text ?? '',
      intent,
      score,
      alternatives: alternatives.slice(0, 3),
      locale: localeOf(context),
      channelId: context.activity.channelId ?? '',
    });
  }
}

/** A lead sentence, then the menu card. */
export async function sendMenu(context: TurnContext, lead: string): Promise<void> {
  const t = say(context);
  await context.sendActivity(lead);
  await context.sendActivity(MessageFactory.attachment(menuCard(t), t('menuTitle')));
}

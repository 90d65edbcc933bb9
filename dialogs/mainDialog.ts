import { MessageFactory, type TurnContext } from 'botbuilder';
import { type Dialog, type DialogContext, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Entities, Intent } from '../services/understanding/intents';
import { LOW_CONFIDENCE, type UtteranceLog } from '../services/understanding/utteranceLog';
import { asksToCheck, decide } from '../services/knowledge/precedence';
import type { NoticeReader } from '../services/notices/noticeReader';
import { publicityText } from './publicity';
import { knowledgeAction, type KnowledgeDesk } from './knowledgeAnswer';
import type { SubscriptionDesk } from './subscriptions';
import { clarifyCard, intentFromChoice } from './cards/clarifyCard';
import { supplierAction } from './cards/supplierCards';
import type { FeedbackOptions } from './feedbackDialog';
import type { Reroute } from './findSupplierDialog';
import { menuCard } from './cards/menuCard';
import { rankIntents, type DialogRecognizer } from './intentRecognizer';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';
import { typedText } from './typedText';

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

/** The intents served by a conversation flow (a dialog of its own); the others are answered in the turn. */
export const FLOW_INTENTS = ['bind_enterprise', 'find_supplier', 'application_status', 'evaluation_status', 'objection', 'recusal', 'change_report'] as const;
export type FlowIntent = (typeof FLOW_INTENTS)[number];

/** Everything the main dialog routes to. All required: a missing one fails at start, never as a reply in a chat. */
export interface MainDialogOptions {
  /** The conversation flow for each intent that has one (binding, status, matchmaking …). */
  flows: Record<FlowIntent, Dialog>;
  /** Where unclear messages are kept for staff (it keeps nothing when the deployment turns that off). */
  utteranceLog: UtteranceLog;
  /** The rating flow started by a feedback button (sent days after a connection). */
  feedback: Dialog;
  /** Answers from the province's document: curated topics, its clauses, citations (how to apply, evaluation, support …). */
  knowledge: KnowledgeDesk;
  /** Publicity notices, for "what is under publicity now". */
  notices: NoticeReader;
  /** Subscribing to notices (订阅/退订, the settings card) and event sign-ups. */
  subscriptions: SubscriptionDesk;
  /** Staff publishing a notice in chat ("发布通知"). */
  staffNotice: Dialog;
}

const REQUIRED: (keyof MainDialogOptions)[] = ['flows', 'utteranceLog', 'feedback', 'knowledge', 'notices', 'subscriptions', 'staffNotice'];

/** What the main dialog is missing (empty when it has all it routes to). */
export function missingDependencies(options: Partial<MainDialogOptions>): string[] {
  const missing: string[] = REQUIRED.filter((key) => !options[key]);
  if (options.flows) missing.push(...FLOW_INTENTS.filter((intent) => !options.flows![intent]).map((intent) => `flows.${intent}`));
  return missing;
}

/** One understood message on its way to its handler. */
interface Understood {
  context: TurnContext;
  intent: Intent;
  entities: Entities;
}

type Handler = (turn: Understood) => Promise<Route>;

/**
 * Routes each message by intent to the flow that serves it. When unsure it asks, offering the likeliest
 * intents as buttons; what it cannot place gets a polite scope message and the menu. Interruptions
 * (取消, help, 转人工) work inside every flow it starts.
 */
export class MainDialog extends InterruptibleDialog {
  /** Every intent's handler: a flow to start, or an answer in this turn. Typed over Intent, so none is forgotten. */
  private readonly routes: Record<Intent, Handler>;
  /** Messages routed before understanding: a cancel with nothing to cancel, a card's button, a staff command. */
  private readonly commands: ((context: TurnContext) => Promise<Route | null>)[];

  constructor(recognizer: DialogRecognizer, private readonly options: MainDialogOptions) {
    super(MAIN_DIALOG, recognizer, 'assistantName');
    const missing = missingDependencies(options ?? {});
    if (missing.length) throw new Error(`MainDialog needs ${missing.join(', ')}: every intent is served by something the wiring provides`);
    for (const flow of Object.values(options.flows)) this.addDialog(flow);
    this.addDialog(options.feedback);
    this.addDialog(options.staffNotice);
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this), this.finishStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;

    const { knowledge, subscriptions } = options;
    const flow = (intent: FlowIntent): Handler => (turn) => this.startFlow(options.flows[intent], turn);
    const answer = (say: (turn: Understood) => Promise<void>): Handler => async (turn) => {
      await say(turn);
      return ANSWERED;
    };
    const guidance = (turn: Understood) => knowledge.send(turn.context, knowledge.guidance.answer(turn.intent as 'benefits' | 'events', localeOf(turn.context)), turn.entities);
    // "推荐名录" asked as a need or as support: the published directory, not a match.
    const orDirectory = (otherwise: Handler): Handler => async (turn) =>
      this.recognizer.replies.is('directory', turn.context.activity.text)
        ? answer((t) => knowledge.send(t.context, knowledge.guidance.answer('directory', localeOf(t.context)), t.entities))(turn)
        : otherwise(turn);

    this.routes = {
      bind_enterprise: flow('bind_enterprise'),
      application_status: flow('application_status'),
      evaluation_status: flow('evaluation_status'),
      objection: flow('objection'),
      recusal: flow('recusal'),
      change_report: flow('change_report'),
      find_supplier: orDirectory(flow('find_supplier')),
      benefits: orDirectory(answer(guidance)),
      events: answer(guidance),
      how_to_apply: answer((turn) => knowledge.send(turn.context, knowledge.guidance.howToApply(localeOf(turn.context), turn.entities.city, turn.context.activity.text ?? ''), turn.entities)),
      publicity: answer(async ({ context }) => void (await context.sendActivity(await publicityText(context, options.notices)))),
      subscribe: answer(({ context }) => subscriptions.subscribe(context)),
      unsubscribe: answer(({ context }) => subscriptions.unsubscribe(context)),
      help: answer(({ context }) => sendMenu(context, say(context)('helpIntro'))),
      contact_staff: answer(async ({ context }) => void (await context.sendActivity(say(context)('contactStaff')))),
      none: answer(({ context }) => sendMenu(context, say(context)('outOfScope'))),
    };

    this.commands = [
      async (context) => {
        if (!this.recognizer.replies.isCancel(context.activity.text)) return null;
        await context.sendActivity(say(context)('nothingToCancel'));
        return ANSWERED;
      },
      async (context) => ((await subscriptions.handleCardAction(context)) ? ANSWERED : null),
      async (context) => {
        const action = supplierAction(context.activity.value);
        if (action?.action !== 'feedback') return null;
        return { flowId: options.feedback.id, options: { leadNo: action.leadNo, rating: action.rating } satisfies FeedbackOptions };
      },
      async (context) => {
        const asked = knowledgeAction(context.activity.value);
        if (asked?.action === 'clause') {
          await knowledge.sendClauses(context, asked.ids);
          return ANSWERED;
        }
        const form = asked?.action === 'startForm' ? options.flows[asked.flow] : undefined;
        return form && asked?.action === 'startForm' ? { flowId: form.id, options: { entities: {}, prefill: asked.prefill } satisfies FlowOptions } : null;
      },
      async (context) => (this.recognizer.replies.is('publishNotice', context.activity.text) ? { flowId: options.staffNotice.id } : null),
    ];
  }

  /**
   * Where a message goes: answered in this turn (most questions are one-turn: guidance, publicity, a bound
   * user's status), or a flow to start. PoolBot calls this directly when no dialog is active, so one-turn
   * answers run without the dialog stack; the main waterfall calls it otherwise.
   */
  async route(dc: DialogContext): Promise<Route> {
    const context = dc.context;
    for (const command of this.commands) {
      const route = await command(context);
      if (route) return route;
    }

    const chosen = intentFromChoice(context.activity.value);
    const result = chosen ? null : await this.recognizer.recognize(dc, context.activity);
    const ranked = chosen ? [{ intent: chosen, score: 1 }] : rankIntents(result!);
    const { intent, score } = ranked[0] ?? { intent: 'none' as Intent, score: 1 };
    const entities = (result?.entities ?? {}) as Entities;
    const understood: Understood = { context, intent, entities };

    if (!chosen) {
      await this.keepIfUnclear(context, intent, score, ranked.slice(1));
      const answered = await this.answerFromDocument(understood, score);
      if (answered) return answered;
    }

    const t = say(context);
    if (chosen === 'none') {
      await sendMenu(context, t('clarifyRephrase'));
      return ANSWERED;
    }
    if (intent !== 'none' && score < LOW_CONFIDENCE) {
      const likely = ranked.filter((r) => r.intent !== 'none').slice(0, 3).map((r) => r.intent);
      await context.sendActivity(MessageFactory.attachment(clarifyCard(t, likely)));
      return ANSWERED;
    }
    return this.routes[intent](understood);
  }

  /**
   * A question the province's document answers (how evaluation works, what an objection needs): its answer,
   * then, when the question was also a request (our status), the flow; null when the document does not
   * settle it and the intent's handler decides.
   */
  private async answerFromDocument(turn: Understood, score: number): Promise<Route | null> {
    const { context, intent, entities } = turn;
    const text = context.activity.text ?? '';
    if (!text.trim()) return null;
    const { knowledge, flows } = this.options;
    const guidance = knowledge.guidance;
    const seeks = guidance.seeksSupplier(text);
    const topic = guidance.topicFor(text);
    // With no topic, the clause retrieval finds decides whether the question goes to the document, and is then the answer.
    const clause = topic ? null : guidance.retrieve(text);
    const decision = decide({
      intent,
      unsure: intent !== 'none' && score < LOW_CONFIDENCE,
      topic,
      question: guidance.isQuestion(text),
      ownEnterprise: guidance.isAboutOwnEnterprise(text),
      hasNeed: Boolean(entities.serviceCategories?.length),
      seeks,
      aside: intent === 'find_supplier' && seeks ? guidance.procedureAside(text) : null,
      procedure: guidance.isAboutProcedure(text),
      checkRequest: asksToCheck(text),
      asksState: guidance.asksState(text),
      codeGiven: Boolean(entities.creditCode),
      office: guidance.speaksAsOffice(text),
      // A premise the document sets right is answered like a silence: from the document, whatever the record says.
      asksSilence: guidance.asksSubjectSilence(text) || guidance.correctsPremise(text),
      clauseAnswers: clause !== null,
    });
    const flow = (flows as Partial<Record<Intent, Dialog>>)[intent];
    if (decision.kind === 'topic' && decision.thenFlow && flow && answersAtOnce(flow) && (await flow.answerAtOnce(context, { entities }))) return ANSWERED;
    if (decision.kind === 'topic') {
      const t = say(context);
      const answer = guidance.answer(decision.topic, localeOf(context), text, entities.city);
      const extra = [];
      if (decision.offerStatus) extra.push({ type: 'imBack', title: t('next_status'), value: t('menuEnterprise') });
      // The request for suppliers beside the question stays one tap away.
      if (decision.offerMatching && answer.next !== 'find_supplier') extra.push({ type: 'imBack', title: t('menuSupplier'), value: t('menuSupplier') });
      await knowledge.send(context, answer, entities, extra);
      return decision.thenFlow ? null : ANSWERED;
    }
    if (decision.kind === 'retrieve') {
      // A procedure question nothing answers confidently: the document's silence and its nearest clause, not "did you mean".
      // What the document does not set on the subject asked (改名报备的时限) comes before a clause that shares its words.
      const answer = guidance.silenceAnswer(text, localeOf(context)) ?? clause ?? (guidance.isQuestion(text) ? guidance.nearest(text) : null);
      if (answer) {
        await knowledge.send(context, answer, entities);
        return ANSWERED;
      }
    }
    return null;
  }

  /** A flow's answer in this turn when it has one (a bound user's status), else the flow, started. */
  private async startFlow(flow: Dialog, { context, entities }: Understood): Promise<Route> {
    const options: FlowOptions = { entities };
    if (answersAtOnce(flow) && (await flow.answerAtOnce(context, options))) return ANSWERED;
    return { flowId: flow.id, options };
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
    await this.options.utteranceLog.record({
      // What was typed, not the bot's reading of it: the log is for improving what the bot reads.
      text: typedText(context),
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

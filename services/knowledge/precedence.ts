import type { Intent } from '../understanding/intents';
import { TOPIC_DECISIVE, TOPIC_MIN, TOPIC_STRONG } from '../applications/guidance';

/** How a message about the procedure is answered: a curated topic (then maybe the flow), a clause, or the flow. */
export type KnowledgeDecision =
  /** thenFlow: the flow follows (a bound user's status card alone answers it); offerStatus: a button to it. */
  | { kind: 'topic'; topic: string; thenFlow?: boolean; offerStatus?: boolean; offerMatching?: boolean }
  | { kind: 'retrieve' }
  | { kind: 'flow' };

export interface DecisionInput {
  intent: Intent;
  /** The recognizer was unsure (it would ask "did you mean"). */
  unsure: boolean;
  /**
   * The curated topic; retrieved: found by retrieval over the answers, no cue fired. Such a topic answers only where
   * the document would be searched anyway (no intent, an unsure one, a misheard action, a procedure question matchmaking
   * claimed); an intent with its own flow (a status, how to apply, the publicity) keeps the flow.
   */
  topic: { topic: string; score: number; retrieved?: boolean } | null;
  /** The message asks something (怎么、哪、吗、how …) rather than asking the bot to do something. */
  question: boolean;
  /** The message is about the writer's own enterprise (我们、our). */
  ownEnterprise: boolean;
  /** The message describes a manufacturer's need (service categories found). */
  hasNeed: boolean;
  /**
   * The message asks for a supplier (找、推荐…服务商). Said false, a need heard in a procedure question (评审的专家都是
   * 专家委员会的人吗) is no request for matchmaking; left out, a need asks for a decisive topic as before.
   */
  seeks?: boolean;
  /** A procedure question asked beside the request (帮我推荐几家…另外，有没有对接会？): answered, with matchmaking offered. */
  aside?: { topic: string; score: number } | null;
  /** The message uses the procedure's words (资源池、认定、评价、推荐意见、pool、evaluation …). */
  procedure?: boolean;
  /** The message asks the bot to look up the enterprise's own record (帮我查一下、check our status): the status follows. */
  checkRequest?: boolean;
  /**
   * The message asks where something stands (结果出来了吗、到哪一步了、passed yet): the enterprise's record answers it
   * even without 我们; "what results are possible?" asks how it works.
   */
  asksState?: boolean;
  /** The writer speaks as an office (我们市局、our county bureau): an official has no enterprise status to look up. */
  office?: boolean;
  /**
   * The message asks what the document never sets on a subject (被淘汰了明年还能再申请吗): its answer is the silence,
   * which no record of the enterprise changes, so the status is offered, not the binding prompt.
   */
  asksSilence?: boolean;
  /** The message carries an enterprise's credit code: a request to bind, whatever else it asks. */
  codeGiven?: boolean;
  /**
   * A clause of the document answers the message confidently (retrieval above its threshold), when no topic does:
   * a procedure question that seeks no supplier gets that clause before an intent's flow (how the alliance rates us,
   * market data or papers? is no need to match).
   */
  clauseAnswers?: boolean;
}

/** A request to look up one's own record, beside whatever else the message asks. */
const CHECK_REQUEST = /帮我查|查一下|查查|查询|帮忙查|\b(check|look up)\b|\bstatus of (our|my)\b/iu;

/** Someone else asking the writer to check ("my boss asked me to check:"): the writer is checking, not asking the bot to. */
const CHECK_ASKED_OF_WRITER =
  /\b(boss|manager|leader|director|colleague|supervisor|client|he|she|they)\s+(ask|asks|asked|told|tells|want|wants|wanted)\s+(me|us)\s+to\s+(check|look up)\b|(老板|领导|经理|上司|同事|客户)(让|叫|要)我(们)?(查一下|查查|查|了解)/giu;

export function asksToCheck(text: string): boolean {
  return CHECK_REQUEST.test(text.replace(CHECK_ASKED_OF_WRITER, ' '));
}

/** Flows that never yield to an answer: they do what was asked (bind, subscribe) or hand over to a person. */
const ACTIONS: ReadonlySet<Intent> = new Set(['bind_enterprise', 'subscribe', 'unsubscribe', 'contact_staff']);
/**
 * Actions a procedure question can be mistaken for: 县里要不要写推荐意见 hears 不要 as "stop notices", 评价通知谁发
 * hears 通知, "who publishes the call" hears a call to staff. A question in the procedure's words with a topic
 * is answered instead; 退订通知 or 转人工 (no question) keep their action.
 */
const MISHEARD_ACTIONS: ReadonlySet<Intent> = new Set(['subscribe', 'unsubscribe', 'contact_staff']);

/**
 * Whether the document answers the message, before or instead of the intent's flow. A question about the
 * procedure gets its answer even when the recognizer heard an intent with a flow (年度评价看哪些指标 is no
 * status question); a request to act keeps its flow; the enterprise's own status comes after what can be said
 * without it.
 */
export function decide(input: DecisionInput): KnowledgeDecision {
  const { intent } = input;
  const searched = intent === 'none' || input.unsure || MISHEARD_ACTIONS.has(intent) || (intent === 'find_supplier' && input.seeks === false);
  const topic = input.topic?.retrieved && !searched ? null : input.topic;
  if (intent === 'change_report' && !input.unsure) return { kind: 'topic', topic: 'change_report' };
  const procedureQuestion = input.question && input.procedure === true;
  if (MISHEARD_ACTIONS.has(intent) && procedureQuestion && topic) return { kind: 'topic', topic: topic.topic };
  // 今年的评价啥时候开始？会通知吗 asks, it does not subscribe: what the document says or does not set, not the action.
  if (MISHEARD_ACTIONS.has(intent) && procedureQuestion && (input.clauseAnswers || input.asksSilence)) return { kind: 'retrieve' };
  // "registered in Shenzhen: can we still use them?" hears a registration, not a request to bind; a code given binds.
  // A question decisive on a topic's words needs no procedure word besides (only locally registered firms qualify?).
  if (intent === 'bind_enterprise' && input.question && !input.codeGiven && topic && topic.score >= TOPIC_DECISIVE) return { kind: 'topic', topic: topic.topic };
  // "Registered in Shanghai: can we apply?" asks what the document does not set (or a clause answers), not to bind.
  if (intent === 'bind_enterprise' && procedureQuestion && !input.codeGiven && (input.asksSilence || input.clauseAnswers)) return topic ? { kind: 'topic', topic: topic.topic } : { kind: 'retrieve' };
  if (ACTIONS.has(intent) && !input.unsure) return { kind: 'flow' };
  if (!topic) {
    if (intent === 'none' || input.unsure) return { kind: 'retrieve' };
    // What the document never sets on a subject (省外企业能不能申报) is its answer too: how_to_apply's overview would not say it.
    return procedureQuestion && input.seeks === false && (input.clauseAnswers || input.asksSilence) ? { kind: 'retrieve' } : { kind: 'flow' };
  }
  if (input.unsure) return { kind: 'topic', topic: topic.topic };
  switch (intent) {
    case 'application_status':
    case 'evaluation_status':
      // 我们的评价结果出来了吗 is about their own enterprise; 年度评价有哪几步 only asks how it works. A question decisive on
      // the procedure's words (we missed the publicity window: can we still appeal?) is answered whole, the status a tap away.
      if (input.office && !input.checkRequest) return { kind: 'topic', topic: topic.topic };
      if (input.asksSilence && !input.checkRequest) return { kind: 'topic', topic: topic.topic, offerStatus: true };
      // A weak topic leaves the status to the flow, unless the question asks only how it works (is there evaluation
      // every year? what results are possible?): neither their enterprise nor where anything stands.
      return input.checkRequest || (input.ownEnterprise && topic.score < TOPIC_DECISIVE) || (topic.score < TOPIC_STRONG && (input.asksState !== false || !input.question))
        ? { kind: 'topic', topic: topic.topic, thenFlow: true }
        : { kind: 'topic', topic: topic.topic, offerStatus: true };
    case 'objection':
    case 'recusal':
      return input.question && topic.score >= TOPIC_MIN ? { kind: 'topic', topic: topic.topic } : { kind: 'flow' };
    case 'find_supplier': {
      if (input.aside) return { kind: 'topic', topic: input.aside.topic, offerMatching: true };
      // A question in the procedure's words (评价申请交到哪, what do we file) is no need to match; a need heard needs more.
      const needless = input.hasNeed && input.seeks === false && procedureQuestion;
      const enough = input.hasNeed && !needless ? TOPIC_DECISIVE : procedureQuestion ? TOPIC_MIN : TOPIC_STRONG;
      return input.question && topic.score >= enough ? { kind: 'topic', topic: topic.topic } : { kind: 'flow' };
    }
    default:
      return { kind: 'topic', topic: topic.topic };
  }
}

import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Submissions } from '../services/applications/submissions';
import { pick, type Translate } from '../services/i18n';
import type { Replies } from '../services/understanding/replies';
import { TOPICS, type Topic } from '../services/model/notice';
import type { NoticeReader } from '../services/notices/noticeReader';
import { defaultTopics, type Recipients } from '../services/notices/recipients';
import { localeOf, say } from './locale';
import { rootConversationId } from './conversationKey';

/** The topics a message names, in Chinese and English (replies.json's subscriptionTopic words). */
export function topicsNamed(replies: Replies, text: string): Topic[] {
  const named = replies.named('subscriptionTopic', text);
  return TOPICS.filter((topic) => named.includes(topic));
}

const names = (t: Translate, topics: Topic[]) => (topics.length ? topics.map((x) => t(`topicName_${x}`)).join(t('listJoin')) : t('noneTopics'));

/** The settings card: a toggle per topic, as the conversation has them now. */
export function subscriptionsCard(t: Translate, current: Topic[]) {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: t('subscriptionsTitle'), weight: 'Bolder', size: 'Medium' },
      { type: 'TextBlock', text: t('subscriptionsIntro'), wrap: true },
      ...TOPICS.map((topic) => ({ type: 'Input.Toggle', id: topic, title: t(`topicName_${topic}`), value: current.includes(topic) ? 'true' : 'false', valueOn: 'true', valueOff: 'false' })),
    ],
    actions: [{ type: 'Action.Submit', title: t('subscriptionsSave'), data: { action: 'subscriptions' } }],
  });
}

interface CardValue {
  action?: string;
  noticeId?: string;
  [topic: string]: unknown;
}

/**
 * Subscribing and unsubscribing in chat: "订阅公示" adds the topics named; "订阅通知" / "subscribe" with none
 * named subscribes to the default topics (defaultTopics), says which and how to change them, and offers the
 * settings card; "订阅设置" shows the card alone; "退订对接活动" removes the named ones and "退订" with none
 * named removes all. The card's Save and an event card's sign-up button come back here too.
 */
export class SubscriptionDesk {
  constructor(private readonly deps: { recipients: Recipients; notices: NoticeReader; submissions: Submissions; replies: Replies }) {}

  /** A card button this desk owns (settings saved, event sign-up); false when it is not one. */
  async handleCardAction(context: TurnContext): Promise<boolean> {
    const value = context.activity.value as CardValue | undefined;
    if (value?.action === 'subscriptions') {
      const chosen = TOPICS.filter((topic) => value[topic] === 'true' || value[topic] === true);
      await this.save(context, chosen, (t) => (chosen.length ? t('subscriptionsSaved', { topics: names(t, chosen) }) : t('subscriptionsNone')));
      return true;
    }
    if (value?.action === 'eventSignup' && typeof value.noticeId === 'string') {
      await this.signUp(context, value.noticeId);
      return true;
    }
    return false;
  }

  async subscribe(context: TurnContext): Promise<void> {
    const t = say(context);
    const text = context.activity.text ?? '';
    const named = topicsNamed(this.deps.replies, text);
    const { channelId } = context.activity;
    // A Teams channel is subscribed once, under its root id, whichever thread the words come from.
    const conversationId = rootConversationId(context.activity.conversation.id);
    const subscription = await this.deps.recipients.subscriptionOf(channelId, conversationId);
    const current = subscription?.topics ?? [];
    // Asking for the settings themselves ("订阅设置", "notification settings"): the card, nothing changed.
    if (!named.length && this.deps.replies.is('subscriptionSettings', text)) {
      await context.sendActivity(MessageFactory.attachment(subscriptionsCard(t, current)));
      return;
    }
    if (!named.length) {
      // Saying "subscribe" means it: the defaults are on at once; the card is there to change them.
      const wanted = new Set([...current, ...defaultTopics(subscription?.bound ?? false)]);
      const topics = TOPICS.filter((x) => wanted.has(x));
      if (!(await this.deps.recipients.setTopics(channelId, conversationId, topics))) {
        await context.sendActivity(t('subscriptionsUnknown'));
        return;
      }
      await context.sendActivity(t('subscribedDefaults', { topics: names(t, topics) }));
      await context.sendActivity(MessageFactory.attachment(subscriptionsCard(t, topics)));
      return;
    }
    const topics = [...new Set([...current, ...named])];
    await this.save(context, topics, (tr) => tr('subscribedTo', { topics: names(tr, topics) }));
  }

  async unsubscribe(context: TurnContext): Promise<void> {
    const named = topicsNamed(this.deps.replies, context.activity.text ?? '');
    const current = await this.deps.recipients.topicsOf(context.activity.channelId, rootConversationId(context.activity.conversation.id));
    const topics = named.length ? current.filter((x) => !named.includes(x)) : [];
    await this.save(context, topics, (t) => (topics.length ? t('unsubscribedFrom', { topics: names(t, named), rest: names(t, topics) }) : t('subscriptionsNone')));
  }

  private async save(context: TurnContext, topics: Topic[], reply: (t: Translate) => string): Promise<void> {
    const t = say(context);
    const saved = await this.deps.recipients.setTopics(context.activity.channelId, rootConversationId(context.activity.conversation.id), topics);
    await context.sendActivity(saved ? reply(t) : t('subscriptionsUnknown'));
  }

  private async signUp(context: TurnContext, noticeId: string): Promise<void> {
    const t = say(context);
    const notice = await this.deps.notices.get(noticeId);
    if (!notice || notice.kind !== 'event') {
      await context.sendActivity(t('signupGone'));
      return;
    }
    const title = pick(notice.title, localeOf(context));
    const receipt = await this.deps.submissions.submit({
      type: 'event_signup',
      userKey: `${context.activity.channelId}:${context.activity.from.id}`,
      locale: localeOf(context),
      fields: { noticeId, event: notice.title.zh, ...(context.activity.from.name ? { contact: context.activity.from.name } : {}) },
      evidence: [],
    });
    await context.sendActivity(t('signupDone', { title, receiptNo: receipt.receiptNo }));
  }
}

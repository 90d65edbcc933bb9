import type { TurnContext } from 'botbuilder';

/**
 * A message in a Teams channel carries the thread's conversation id, `19:…@thread.tacv2;messageid=…`; the
 * channel itself is the part before `;messageid=`. Posting to the channel's id starts a new post, posting to
 * a thread's id answers in that old thread. So a channel is recorded (and subscribed) once, under its root
 * id, and notices go to the root.
 */
const THREAD_SUFFIX = /;messageid=.*$/;

export function rootConversationId(conversationId: string): string {
  return conversationId.replace(THREAD_SUFFIX, '');
}

/**
 * The same reference, addressed to the channel itself: no thread in the id, and no activity to answer (a
 * reply to an activity lands in its thread). References of chats are unchanged.
 */
export function rootConversationReference<T>(reference: T): T {
  const conversation = (reference as { conversation?: { id?: unknown; conversationType?: unknown } }).conversation;
  if (typeof conversation?.id !== 'string') return reference;
  if (!THREAD_SUFFIX.test(conversation.id) && conversation.conversationType !== 'channel') return reference;
  const root = { ...reference, conversation: { ...conversation, id: rootConversationId(conversation.id) } } as T & { activityId?: string };
  delete root.activityId;
  return root;
}

/**
 * A proactive send answers the turn's (made-up) activity by default, and in a Teams channel an answer goes
 * into a thread. For a channel, this turn's sends go to the conversation itself instead (Connector
 * sendToConversation), which Teams shows as a new post.
 */
export function asNewPost(context: TurnContext): void {
  const { conversation } = context.activity;
  if (conversation?.conversationType !== 'channel' && !THREAD_SUFFIX.test(conversation?.id ?? '')) return;
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}

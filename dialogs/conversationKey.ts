import type { TurnContext } from 'botbuilder';
import { isThreadConversation, rootConversationId } from '../services/notices/recipients';

/*
 * Posting to a Teams channel's root id starts a new post, posting to a thread's id answers in that old thread.
 * So a channel is recorded (and subscribed) once, under its root id (services/notices/recipients.ts), and
 * notices go to the root.
 */
export { rootConversationId };

/**
 * The same reference, addressed to the channel itself: no thread in the id, and no activity to answer (a
 * reply to an activity lands in its thread). References of chats are unchanged.
 */
export function rootConversationReference<T>(reference: T): T {
  const conversation = (reference as { conversation?: { id?: unknown; conversationType?: unknown } }).conversation;
  if (typeof conversation?.id !== 'string') return reference;
  if (!isThreadConversation(conversation.id) && conversation.conversationType !== 'channel') return reference;
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
  if (conversation?.conversationType !== 'channel' && !isThreadConversation(conversation?.id ?? '')) return;
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}

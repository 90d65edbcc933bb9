import { TurnContext, type Activity, type Middleware } from 'botbuilder';
import { rootConversationId, rootConversationReference } from '../../dialogs/conversationKey';
import { localeOf } from '../../dialogs/locale';
import type { Recipients, Sighting } from '../../services/notices/recipients';
import type { Logger } from '../logger';
import { scopeOf, tenantOf } from '../teams/teamsTurns';
import type { BindingRepository } from '../../services/ports';

const REMOVED_ACTIONS = new Set(['remove', 'remove-upgrade']);

/** Staff are listed in STAFF_USERS by AAD object id (Teams) or channel:user key. */
export function isStaffUser(staffUsers: Set<string>, activity: Pick<Activity, 'channelId' | 'from'>): boolean {
  const aad = activity.from?.aadObjectId;
  return (aad !== undefined && staffUsers.has(aad)) || (activity.from?.id !== undefined && staffUsers.has(`${activity.channelId}:${activity.from.id}`));
}

/**
 * Keeps a reference to every conversation the bot is in, for notices: on a Teams install (personal, group
 * chat, team), on any message (Web Chat's first message included). A Teams channel is recorded once, under its
 * root id (not one record per thread), so notices start a new post there. Removal (uninstall, bot removed from a team) marks the conversation uninstalled. Never fails a turn.
 */
export class ConversationCapture implements Middleware {
  constructor(private readonly deps: { recipients: Recipients; bindings: BindingRepository; staffUsers: Set<string>; log: Logger }) {}

  /**
   * Before the turn, so a first message that subscribes finds its conversation; after it, so a binding made
   * in the turn counts. Unchanged sightings cost nothing (compared in memory).
   */
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { channelId, conversation } = context.activity;
    if (channelId && conversation?.id && !this.deps.recipients.knows(channelId, rootConversationId(conversation.id))) await this.safely(context);
    await next();
    await this.safely(context);
  }

  private async safely(context: TurnContext): Promise<void> {
    try {
      await this.capture(context);
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message, conversationId: context.activity.conversation?.id }, 'could not keep the conversation reference');
    }
  }

  private async capture(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!activity.conversation?.id || !activity.serviceUrl || !activity.channelId) return;
    const botRemoved = activity.type === 'conversationUpdate' && (activity.membersRemoved ?? []).some((m) => m.id === activity.recipient?.id);
    if (botRemoved || (activity.type === 'installationUpdate' && REMOVED_ACTIONS.has(String(activity.action)))) {
      await this.deps.recipients.uninstalled(activity.channelId, rootConversationId(activity.conversation.id));
      return;
    }
    if (!['message', 'conversationUpdate', 'installationUpdate', 'invoke'].includes(activity.type)) return;
    const scope = scopeOf(activity);
    const user = activity.from;
    const userKey = user?.id && user.id !== activity.recipient?.id ? `${activity.channelId}:${user.id}` : undefined;
    // A group chat or team belongs to nobody's enterprise: only one-to-one chats carry the user's binding.
    const bindings = userKey && scope === 'personal' ? await this.deps.bindings.listByUser(userKey) : [];
    const aadObjectId = user?.aadObjectId;
    const staff = userKey !== undefined && isStaffUser(this.deps.staffUsers, activity);
    const tenantId = tenantOf(activity);
    const sighting: Omit<Sighting, 'reference'> = {
      channelId: activity.channelId,
      conversationId: rootConversationId(activity.conversation.id),
      serviceUrl: activity.serviceUrl,
      ...(tenantId ? { tenantId } : {}),
      ...(userKey && scope === 'personal' ? { userKey } : {}),
      ...(aadObjectId && scope === 'personal' ? { aadObjectId } : {}),
      scope,
      locale: localeOf(context),
      role: staff ? 'staff' : bindings.length ? 'enterprise' : 'visitor',
      creditCodes: [...new Set(bindings.map((b) => b.creditCode))],
    };
    // The reference is copied only when the record is written (rarely: when something changed).
    const localeGuessed = !activity.text?.trim() && !activity.locale;
    await this.deps.recipients.sighted(sighting, () => rootConversationReference(JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown>), { localeGuessed });
  }
}

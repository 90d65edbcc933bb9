import { TurnContext, type Activity, type Middleware } from 'botbuilder';
import { say } from '../../dialogs/locale';
import type { Logger } from '../logger';

const ADDRESSED = Symbol('pool.addressed');

/** Teams says personal, groupChat or channel; other channels are one-to-one. */
export function scopeOf(activity: Partial<Activity>): string {
  const fromChannelData = (activity.channelData as { conversation?: { conversationType?: string } } | undefined)?.conversation?.conversationType;
  return activity.conversation?.conversationType ?? fromChannelData ?? 'personal';
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  return (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
}

/** Whether this message is for the bot (false: a group chat or channel message that does not mention it). */
export function isAddressed(context: TurnContext): boolean {
  return context.turnState.get(ADDRESSED) !== false;
}

function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return botId !== undefined && TurnContext.getMentions(activity).some((m) => m.mentioned?.id === botId);
}

/**
 * Runs first, before conversations are recorded and before any understanding:
 * - the optional tenant allow-list (ALLOWED_TENANTS): Teams activities of other tenants are answered with a
 *   short refusal (messages), 403 (invokes), or not at all (installs), and never recorded;
 * - the bot's @mention is cut out of the text (`<at>资源池助手</at> Hello` → `Hello`), so the language and
 *   the intent come from the user's own words, not from the bot's Chinese name;
 * - in a group chat or channel, a message that does not mention the bot is marked as not addressed
 *   (people talk among themselves there); a card's button press (a value, with or without text: Action.Submit,
 *   messageBack) always is.
 */
export class TeamsTurns implements Middleware {
  constructor(private readonly deps: { allowedTenants: Set<string>; log: Logger }) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.channelId === 'msteams' && this.deps.allowedTenants.size > 0) {
      const tenant = tenantOf(activity);
      if (!tenant || !this.deps.allowedTenants.has(tenant.toLowerCase())) {
        this.deps.log.warn({ tenantId: tenant ?? null, activityType: activity.type }, 'refused an activity from a tenant not in ALLOWED_TENANTS');
        if (activity.type === 'message') await context.sendActivity(say(context)('tenantNotAllowed'));
        if (activity.type === 'invoke') await context.sendActivity({ type: 'invokeResponse', value: { status: 403, body: { error: { code: 'TenantNotAllowed', message: 'This tenant may not use this bot.' } } } });
        return;
      }
    }
    if (activity.type === 'message') {
      const mentioned = mentionsBot(activity);
      if (mentioned && activity.text) TurnContext.removeRecipientMention(activity);
      const cardAction = activity.value !== undefined || (activity.channelData as { postBack?: boolean } | undefined)?.postBack === true;
      const hasText = Boolean(activity.text?.trim());
      context.turnState.set(ADDRESSED, scopeOf(activity) === 'personal' || mentioned || cardAction || !hasText);
    }
    await next();
  }
}

import type { StandInConnector } from './teamsConnector';

export const BOT = { id: '28:pool-bot', name: '资源池助手' };
export const TENANT = 'tenant-guangdong';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId?: string;
}

export interface TeamsConversation {
  id: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  /** For a channel: the team's id (the General channel's conversation id). */
  teamId?: string;
  tenantId?: string;
}

let sequence = 0;

/**
 * A Teams client as the Teams service is to the bot: it POSTs `msteams` activities (shaped as Teams sends
 * them: conversationType, tenant in channelData, <at> mentions with their entity) to the bot's
 * /api/messages, with the stand-in Connector as serviceUrl, and reads what the bot sent there.
 */
export class TeamsClient {
  constructor(
    private readonly botUrl: string,
    private readonly connector: StandInConnector,
    readonly conversation: TeamsConversation,
    readonly user: TeamsUser,
  ) {}

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    const tenantId = this.conversation.tenantId ?? TENANT;
    return {
      id: `teams-${++sequence}`,
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      timestamp: new Date().toISOString(),
      from: this.user,
      recipient: BOT,
      conversation: { id: this.conversation.id, conversationType: this.conversation.conversationType, tenantId, isGroup: this.conversation.conversationType !== 'personal' },
      channelData: { tenant: { id: tenantId }, ...(this.conversation.teamId ? { team: { id: this.conversation.teamId }, channel: { id: this.conversation.id.split(';')[0] } } : {}) },
      locale: 'en-US',
      ...fields,
    };
  }

  /** POSTs the activity; returns the HTTP answer and what the bot sent during the turn. */
  async post(fields: Record<string, unknown>): Promise<{ status: number; body: unknown; sent: Record<string, unknown>[] }> {
    const before = this.connector.received.length;
    const response = await fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(this.activity(fields)) });
    const body = await response.json().catch(() => null);
    return { status: response.status, body, sent: this.connector.received.slice(before).map((r) => r.activity) };
  }

  /** A message; `mention: true` puts the bot's @mention in front, as Teams does in a group chat or channel. */
  async say(text: string, options: { mention?: boolean; locale?: string } = {}) {
    const at = `<at>${BOT.name}</at>`;
    return this.post({
      type: 'message',
      text: options.mention ? `${at} ${text}` : text,
      textFormat: 'plain',
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.mention ? { entities: [{ type: 'mention', text: at, mentioned: BOT }] } : {}),
    });
  }

  /** An Action.Submit: the card's data as value, no text. */
  submit(value: Record<string, unknown>, locale = 'en-US') {
    return this.post({ type: 'message', value, locale });
  }

  install(locale = 'zh-CN') {
    return this.post({ type: 'installationUpdate', action: 'add', locale });
  }

  uninstall() {
    return this.post({ type: 'installationUpdate', action: 'remove' });
  }

  membersAdded(members: { id: string; name?: string }[]) {
    return this.post({ type: 'conversationUpdate', membersAdded: members, channelData: { tenant: { id: this.conversation.tenantId ?? TENANT }, eventType: 'teamMemberAdded', ...(this.conversation.teamId ? { team: { id: this.conversation.teamId } } : {}) } });
  }
}

/** The texts of what the bot sent, card texts included (TextBlocks, hero card text). */
export function textsOf(sent: Record<string, unknown>[]): string[] {
  return sent.flatMap((a) => [
    ...(typeof a.text === 'string' ? [a.text] : []),
    ...((a.attachments as { content?: unknown }[] | undefined) ?? []).map((x) => JSON.stringify(x.content ?? {})),
  ]);
}

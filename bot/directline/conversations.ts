import type { Activity, ChannelAccount } from 'botbuilder';
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const TOKEN_TTL_SECONDS = 3600;
/** The oldest activities of a long conversation are dropped; watermarks stay absolute. */
const MAX_ACTIVITIES_PER_CONVERSATION = 1000;
const IDLE_CONVERSATION_MS = 24 * 3600 * 1000;

export interface TokenGrant {
  conversationId: string;
  userId?: string;
  expiresAt: number;
}

export interface DirectLineConversation {
  id: string;
  /** The user the channel gave this conversation; its activities are from this user whatever the client writes. */
  userId: string;
  /** Activities [dropped, dropped + activities.length); a watermark is an index into that range. */
  activities: Partial<Activity>[];
  dropped: number;
  /** Users the bot has been told joined (conversationUpdate sent). */
  knownUsers: Set<string>;
  started: boolean;
  /** Files uploaded with activities, by attachment id; forgotten with the conversation. */
  files: Map<string, { name: string; contentType: string; data: Buffer }>;
  lastSeen: number;
  sequence: number;
}

/** Tokens are kept only as SHA-256 hashes: a heap dump or a log line cannot give one away. */
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The local channel's memory: conversations, their activity logs and the tokens that grant access. In memory
 * on purpose: it stands in for Azure's Direct Line service during development, which a restart also resets.
 */
export class DirectLineConversations {
  private readonly conversations = new Map<string, DirectLineConversation>();
  private readonly tokens = new Map<string, TokenGrant>();

  constructor(private readonly now: () => number = Date.now) {}

  issueToken(conversationId: string, userId?: string): { token: string; expiresIn: number } {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(hashToken(token), { conversationId, userId, expiresAt: this.now() + TOKEN_TTL_SECONDS * 1000 });
    return { token, expiresIn: TOKEN_TTL_SECONDS };
  }

  /** The grant of a valid, unexpired token; null otherwise. */
  verify(token: string | null): TokenGrant | null {
    if (!token) return null;
    const grant = this.tokens.get(hashToken(token));
    if (!grant || grant.expiresAt <= this.now()) return null;
    return grant;
  }

  /** A new conversation id (not yet started: the bot hears of it when a client starts it). */
  reserve(userId: string): DirectLineConversation {
    const conversation: DirectLineConversation = {
      id: randomUUID().replace(/-/g, '').slice(0, 22) + '-dl',
      userId,
      activities: [],
      dropped: 0,
      knownUsers: new Set(),
      started: false,
      files: new Map(),
      lastSeen: this.now(),
      sequence: 0,
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  get(id: string): DirectLineConversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation) conversation.lastSeen = this.now();
    return conversation;
  }

  /** Gives the activity its channel id and timestamp and appends it to the conversation's log. */
  append(conversation: DirectLineConversation, activity: Partial<Activity>): Partial<Activity> {
    conversation.sequence += 1;
    const stored: Partial<Activity> = {
      ...activity,
      id: `${conversation.id}|${String(conversation.sequence).padStart(7, '0')}`,
      timestamp: new Date(this.now()),
      conversation: { id: conversation.id } as Activity['conversation'],
    };
    conversation.activities.push(stored);
    if (conversation.activities.length > MAX_ACTIVITIES_PER_CONVERSATION) {
      conversation.activities.shift();
      conversation.dropped += 1;
    }
    return stored;
  }

  /** Activities after `watermark` and the watermark to ask with next. */
  since(conversation: DirectLineConversation, watermark: number): { activities: Partial<Activity>[]; watermark: string } {
    const from = Math.max(0, watermark - conversation.dropped);
    return {
      activities: conversation.activities.slice(from),
      watermark: String(conversation.dropped + conversation.activities.length),
    };
  }

  replace(conversation: DirectLineConversation, activityId: string, activity: Partial<Activity>): boolean {
    const index = conversation.activities.findIndex((a) => a.id === activityId);
    if (index < 0) return false;
    conversation.activities[index] = { ...conversation.activities[index], ...activity, id: activityId };
    return true;
  }

  remove(conversation: DirectLineConversation, activityId: string): boolean {
    const index = conversation.activities.findIndex((a) => a.id === activityId);
    if (index < 0) return false;
    conversation.activities.splice(index, 1);
    return true;
  }

  members(conversation: DirectLineConversation, bot: ChannelAccount): ChannelAccount[] {
    return [bot, ...[...conversation.knownUsers].map((id) => ({ id, name: id }) as ChannelAccount)];
  }

  /** Forgets idle conversations and expired tokens; called on a timer. */
  sweep(): void {
    const now = this.now();
    for (const [id, c] of this.conversations) if (now - c.lastSeen > IDLE_CONVERSATION_MS) this.conversations.delete(id);
    for (const [hash, grant] of this.tokens) if (grant.expiresAt <= now) this.tokens.delete(hash);
  }
}

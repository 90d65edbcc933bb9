import { createHash } from 'node:crypto';
import { TOPICS, type Topic } from '../model/notice';
import type { RecipientRepository } from '../ports';

export type RecipientState = 'active' | 'undeliverable' | 'uninstalled';
export type RecipientRole = 'enterprise' | 'staff' | 'visitor';

/**
 * A conversation the bot is in (a Teams personal, group or team chat; a Web Chat conversation), with what a
 * notice needs to reach it and to choose it: the user, tenant, language, binding, role and subscriptions.
 */
export interface Recipient {
  /** A stable hash of channel and conversation id (Teams ids hold characters Cosmos ids may not). */
  id: string;
  channelId: string;
  conversationId: string;
  serviceUrl: string;
  tenantId?: string;
  userKey?: string;
  aadObjectId?: string;
  /** personal, groupChat, channel (Teams); personal for Web Chat. */
  scope: string;
  locale: 'zh-CN' | 'en-US';
  role: RecipientRole;
  /** Enterprises the conversation's user is bound to. */
  creditCodes: string[];
  topics: Topic[];
  /** Whether the user ever chose topics (then binding no longer adds `own`). */
  topicsChosen: boolean;
  state: RecipientState;
  /** Why it became undeliverable, and when. */
  stateReason?: string;
  /** The channel's conversation reference, opaque to the domain. */
  reference: Record<string, unknown>;
  firstSeenAt: string;
  updatedAt: string;
}

/**
 * A message in a Teams channel carries the thread's conversation id, `19:…@thread.tacv2;messageid=…`; the
 * channel itself is the part before `;messageid=`. A channel is one recipient, under its root id.
 */
const THREAD_SUFFIX = /;messageid=.*$/;

export function rootConversationId(conversationId: string): string {
  return conversationId.replace(THREAD_SUFFIX, '');
}

export function isThreadConversation(conversationId: string): boolean {
  return THREAD_SUFFIX.test(conversationId);
}

export function recipientId(channelId: string, conversationId: string): string {
  return createHash('sha256').update(`${channelId}\u0000${conversationId}`).digest('hex').slice(0, 40);
}

/** What a turn tells us about its conversation; the rest (topics, state history) is kept from before. */
export type Sighting = Omit<Recipient, 'id' | 'topics' | 'topicsChosen' | 'state' | 'stateReason' | 'firstSeenAt' | 'updatedAt'>;

export interface AudienceQuery {
  /** Only conversations subscribed to one of these topics. */
  topics?: Topic[];
  /** Only conversations bound to one of these enterprises. */
  creditCodes?: string[];
  /** Only these recipient ids. */
  ids?: string[];
}

/** A signature of what a sighting would change, so a busy conversation is written only when it changes. */
export function sightingSignature(s: Omit<Sighting, 'reference'>): string {
  return JSON.stringify([s.serviceUrl, s.locale, s.role, [...s.creditCodes].sort(), s.userKey, s.tenantId, s.scope]);
}

/**
 * Keeps conversation references current: the first sighting creates the record (not subscribed to anything
 * but, once bound, to the enterprise's own notices); later ones update what changed and reactivate a
 * conversation that was marked undeliverable (the user is back). Writes only when something changed.
 */
export class Recipients {
  private readonly seen = new Map<string, string>();

  constructor(private readonly repository: RecipientRepository, private readonly now: () => Date = () => new Date()) {}

  /**
   * `localeGuessed`: the activity said nothing of language (no text, no locale: a Teams install or membership event
   * the client sends bare), so its locale is only the default; a conversation already recorded keeps its own.
   */
  async sighted(sighting: Sighting | Omit<Sighting, 'reference'>, reference?: () => Record<string, unknown>, options: { localeGuessed?: boolean } = {}): Promise<Recipient | null> {
    const id = recipientId(sighting.channelId, sighting.conversationId);
    const signature = sightingSignature(sighting);
    if (this.seen.get(id) === signature) return null;
    const full: Sighting = { ...sighting, reference: 'reference' in sighting ? sighting.reference : reference?.() ?? {} };
    const at = this.now().toISOString();
    const before = await this.repository.get(id);
    const topics = new Set<Topic>(before?.topics ?? []);
    const newlyBound = sighting.creditCodes.some((cc) => !(before?.creditCodes ?? []).includes(cc));
    if (newlyBound && !before?.topicsChosen) topics.add('own');
    const recipient: Recipient = {
      ...full,
      locale: options.localeGuessed && before ? before.locale : full.locale,
      id,
      topics: [...topics],
      topicsChosen: before?.topicsChosen ?? false,
      state: 'active',
      firstSeenAt: before?.firstSeenAt ?? at,
      updatedAt: at,
    };
    await this.repository.put(recipient);
    // What is recorded, so a later message that does say the language is not taken for a repeat.
    this.remember(id, recipient.locale === sighting.locale ? signature : sightingSignature(recipient));
    return recipient;
  }

  /** Whether this instance has recorded the conversation since it started. */
  knows(channelId: string, conversationId: string): boolean {
    return this.seen.has(recipientId(channelId, conversationId));
  }

  /** The bot was removed from the conversation (Teams uninstall, or removed from a team). */
  async uninstalled(channelId: string, conversationId: string): Promise<void> {
    const id = recipientId(channelId, conversationId);
    this.seen.delete(id);
    if (await this.repository.get(id)) await this.repository.setState(id, 'uninstalled', 'bot removed', this.now().toISOString());
  }

  async topicsOf(channelId: string, conversationId: string): Promise<Topic[]> {
    return (await this.repository.get(recipientId(channelId, conversationId)))?.topics ?? [];
  }

  /** The conversation's topics, and whether it is bound to an enterprise (then its own notices are a default too). */
  async subscriptionOf(channelId: string, conversationId: string): Promise<{ topics: Topic[]; bound: boolean } | null> {
    const recipient = await this.repository.get(recipientId(channelId, conversationId));
    return recipient ? { topics: recipient.topics, bound: recipient.creditCodes.length > 0 } : null;
  }

  /** Sets the conversation's topics (the settings card, 订阅/退订); false when the conversation is unknown. */
  async setTopics(channelId: string, conversationId: string, topics: Topic[]): Promise<boolean> {
    const recipient = await this.repository.get(recipientId(channelId, conversationId));
    if (!recipient) return false;
    await this.repository.put({ ...recipient, topics: [...new Set(topics)], topicsChosen: true, updatedAt: this.now().toISOString() });
    return true;
  }

  private remember(id: string, signature: string): void {
    if (this.seen.size > 100_000) this.seen.clear();
    this.seen.set(id, signature);
  }
}

/**
 * What "订阅通知" / "subscribe" with no topic named subscribes to: every broadcast kind (publicity, calls,
 * events), and the conversation's own application's progress when it is bound to an enterprise.
 */
export function defaultTopics(bound: boolean): Topic[] {
  return TOPICS.filter((topic) => topic !== 'own' || bound);
}

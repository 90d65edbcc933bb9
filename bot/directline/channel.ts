import type { Activity, ChannelAccount } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';
import { bearerToken, handler, jsonObjectBody, sendError } from '../http';
import { createHash, randomBytes } from 'node:crypto';
import { DirectLineConversations, type DirectLineConversation, type TokenGrant } from './conversations';
import { parseUpload, UploadError } from './upload';
import type { LocalChannelTrust } from '../localChannelTrust';
import { isEvidenceType } from '../../services/evidence/evidenceTypes';
import { sendAttachment } from '../download';
import { RateLimiter, clientOf } from '../rateLimit';

export interface DirectLineChannelOptions {
  /** Where the bot listens: activities are POSTed there, exactly as Azure's Direct Line would. */
  botEndpoint: string;
  /** Our own Connector API base; the bot sends its replies there. Ends with '/'. */
  serviceUrl: string;
  /** Where users reach this server (PUBLIC_BASE_URL, else http://localhost:PORT): attachment links are built on it. */
  publicBaseUrl: string;
  /** The secret shared with the bot: signs what the channel posts to it, and is required on the Connector API. */
  trust: LocalChannelTrust;
  log: Logger;
  conversations?: DirectLineConversations;
  /** TRUSTED_PROXY_HOPS: which X-Forwarded-For entry is the client, as for every other per-client limit. */
  trustedProxyHops?: number;
}

const BOT: ChannelAccount = { id: 'pool-assistant', name: '资源池助手' } as ChannelAccount;
const BOT_TIMEOUT_MS = 15_000;
export const CONNECTOR_PREFIX = '/connector';
/** New Direct Line identities per client address and minute: a fresh user per attempt is no way round the lockout. */
const NEW_USERS_PER_MINUTE = 30;
/** Identities this channel has seen (a returning one is not new); beyond this many, it starts afresh. */
const MAX_KNOWN_USERS = 100_000;

/**
 * A local Direct Line 3.0 service: the Web Chat page (or any Direct Line client) talks to it, it hands each
 * activity to the bot over /api/messages, and the bot answers through the Connector API at this channel's
 * serviceUrl. The bot cannot tell it from Azure's. Mounted only in local dev mode.
 */
export class DirectLineChannel {
  readonly conversations: DirectLineConversations;
  private readonly sweeper: NodeJS.Timeout;
  private readonly newUsers = new RateLimiter(NEW_USERS_PER_MINUTE);
  private readonly knownUsers = new Set<string>();

  constructor(private readonly options: DirectLineChannelOptions) {
    this.conversations = options.conversations ?? new DirectLineConversations();
    this.sweeper = setInterval(() => this.conversations.sweep(), 10 * 60 * 1000);
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  mount(server: Server): void {
    const dl = '/v3/directline';
    server.post(`${dl}/tokens/generate`, handler((req, res) => this.generateToken(req, res)));
    server.post(`${dl}/tokens/refresh`, handler((req, res) => this.refreshToken(req, res)));
    server.post(`${dl}/conversations`, handler((req, res) => this.startConversation(req, res)));
    server.get(`${dl}/conversations/:conversationId`, handler((req, res) => this.reconnect(req, res)));
    server.get(`${dl}/conversations/:conversationId/activities`, handler((req, res) => this.getActivities(req, res)));
    server.post(`${dl}/conversations/:conversationId/activities`, handler((req, res) => this.postActivity(req, res)));
    server.post(`${dl}/conversations/:conversationId/upload`, handler((req, res) => this.upload(req, res)));
    server.get(`${dl}/conversations/:conversationId/attachments/:attachmentId`, handler((req, res) => this.attachment(req, res)));

    const conv = `${CONNECTOR_PREFIX}/v3/conversations/:conversationId`;
    // The Connector API is the bot's alone: every call must carry the secret the bot and this channel share.
    const fromBot = (fn: (req: Request, res: Response) => void) => handler((req, res) => {
      if (!this.options.trust.isSigned(req)) return sendError(res, 401, 'Unauthorized', 'Only the bot may call the Connector API.');
      return fn(req, res);
    });
    server.post(`${conv}/activities`, fromBot((req, res) => this.botSends(req, res)));
    server.post(`${conv}/activities/:activityId`, fromBot((req, res) => this.botSends(req, res)));
    server.put(`${conv}/activities/:activityId`, fromBot((req, res) => this.botUpdates(req, res)));
    server.del(`${conv}/activities/:activityId`, fromBot((req, res) => this.botDeletes(req, res)));
    server.get(`${conv}/members`, fromBot((req, res) => this.members(req, res)));
    server.get(`${conv}/activities/:activityId/members`, fromBot((req, res) => this.members(req, res)));
  }

  // ---- Direct Line 3.0, the client's side ----

  /**
   * A token for a new conversation. The channel decides who the user is, never the client: a returning browser
   * proves it is the same person with the `userSecret` it was given the first time (the user id is derived
   * from it); without one it gets a new identity and a secret to keep. A client-chosen `user.id` is ignored,
   * so knowing someone's id gives no way into their conversations or bound enterprises.
   */
  private generateToken(req: Request, res: Response): void {
    const body = jsonObjectBody(req) ?? {};
    const presented = body.userSecret;
    if (presented !== undefined && !isUserSecret(presented)) {
      return sendError(res, 400, 'BadArgument', 'userSecret must be the value this channel handed out (43 base64url characters).');
    }
    const userSecret = (presented as string | undefined) ?? randomBytes(32).toString('base64url');
    const userId = userIdOf(userSecret);
    if (!this.admitted(req, res, userId)) return;
    const conversation = this.conversations.reserve(userId);
    const { token, expiresIn } = this.conversations.issueToken(conversation.id, conversation.userId);
    res.send(200, { conversationId: conversation.id, token, expires_in: expiresIn, user: { id: conversation.userId }, userSecret });
  }

  private refreshToken(req: Request, res: Response): void {
    const grant = this.conversations.verify(bearerToken(req));
    if (!grant) return sendError(res, 403, 'TokenExpired', 'The token is missing, invalid or expired.');
    const { token, expiresIn } = this.conversations.issueToken(grant.conversationId, grant.userId);
    res.send(200, { conversationId: grant.conversationId, token, expires_in: expiresIn });
  }

  /**
   * With a token, starts the conversation it was generated for. Without one, a new conversation and token
   * (Azure's behaviour with a secret; local dev mode has no secret to check).
   */
  private async startConversation(req: Request, res: Response): Promise<void> {
    const presented = bearerToken(req);
    let grant: TokenGrant | null = null;
    let token: string;
    let expiresIn: number;
    if (presented && (grant = this.conversations.verify(presented))) {
      token = presented;
      expiresIn = Math.round((grant.expiresAt - Date.now()) / 1000);
    } else if (presented && this.looksLikeIssuedToken(presented)) {
      return sendError(res, 403, 'TokenExpired', 'The token is invalid or expired.');
    } else {
      const anonymous = `dl-${randomBytes(12).toString('base64url')}`;
      if (!this.admitted(req, res, anonymous)) return;
      const fresh = this.conversations.reserve(anonymous);
      ({ token, expiresIn } = this.conversations.issueToken(fresh.id));
      grant = this.conversations.verify(token);
    }
    const conversation = this.conversations.get(grant!.conversationId);
    if (!conversation) return sendError(res, 404, 'NotFound', 'Conversation not found.');
    if (!conversation.started) {
      conversation.started = true;
      // The bot hears that it joined; it greets people when they join, which the first activity tells it.
      this.deliverToBot(conversation, this.conversationUpdate(conversation, [BOT], undefined)).catch(() => undefined);
    }
    res.send(201, { conversationId: conversation.id, token, expires_in: expiresIn });
  }

  /**
   * Whether this identity may be used now: any the channel has not seen counts against the client's address
   * (whether the channel made its secret or the client did); false after answering 429.
   */
  private admitted(req: Request, res: Response, userId: string): boolean {
    if (this.knownUsers.has(userId)) return true;
    const wait = this.newUsers.take(clientOf(req, this.options.trustedProxyHops));
    if (wait > 0) {
      res.header('Retry-After', String(wait));
      sendError(res, 429, 'TooManyRequests', `Too many new users from this address; retry in ${wait} s.`);
      return false;
    }
    if (this.knownUsers.size >= MAX_KNOWN_USERS) this.knownUsers.clear();
    this.knownUsers.add(userId);
    return true;
  }

  /** Tokens we issue are 43 base64url characters; anything else is a client's placeholder secret. */
  private looksLikeIssuedToken(value: string): boolean {
    return /^[A-Za-z0-9_-]{43}$/.test(value);
  }

  private reconnect(req: Request, res: Response): void {
    const found = this.authorized(req, res);
    if (!found) return;
    const token = bearerToken(req)!;
    const grant = this.conversations.verify(token)!;
    res.send(200, { conversationId: found.id, token, expires_in: Math.round((grant.expiresAt - Date.now()) / 1000) });
  }

  private getActivities(req: Request, res: Response): void {
    const conversation = this.authorized(req, res);
    if (!conversation) return;
    const raw = (req.query as Record<string, unknown> | undefined)?.watermark;
    const watermark = raw === undefined || raw === '' ? 0 : Number(raw);
    if (!Number.isInteger(watermark) || watermark < 0) return sendError(res, 400, 'BadArgument', 'watermark must be a non-negative integer');
    res.send(200, this.conversations.since(conversation, watermark));
  }

  private async postActivity(req: Request, res: Response): Promise<void> {
    const conversation = this.authorized(req, res);
    if (!conversation) return;
    await this.accept(conversation, jsonObjectBody(req), res);
  }

  /** Direct Line's upload: an activity with files; the files are kept here and linked from the activity. */
  private async upload(req: Request, res: Response): Promise<void> {
    const conversation = this.authorized(req, res);
    if (!conversation) return;
    let parsed;
    try {
      parsed = await parseUpload(req, req.header('content-type') ?? '');
    } catch (err) {
      return sendError(res, err instanceof UploadError ? 400 : 500, 'BadArgument', err instanceof UploadError ? err.message : 'The upload could not be read.');
    }
    // Links are built on the configured address, never on the request's Host header.
    const base = `${this.options.publicBaseUrl}/v3/directline/conversations/${encodeURIComponent(conversation.id)}/attachments/`;
    const attachments = parsed.files.map((file) => {
      // A file of a type evidence may not have (a web page, SVG, an archive) is neither kept nor served: the bot
      // hears only its name and type, and tells the user in chat what it accepts.
      if (!isEvidenceType(file.contentType)) return { contentType: file.contentType, name: file.name };
      const id = randomBytes(16).toString('base64url');
      conversation.files.set(id, file);
      return { contentType: file.contentType, name: file.name, contentUrl: `${base}${id}` };
    });
    await this.accept(conversation, { ...parsed.activity, attachments }, res);
  }

  /**
   * Serves an uploaded file; its address is unguessable, as Azure's attachment URLs are. Always as a download
   * that the browser must not sniff or render on this origin (an uploaded page would run as the bot's site).
   */
  private attachment(req: Request, res: Response): void {
    const file = this.conversations.get(String(req.params.conversationId))?.files.get(String(req.params.attachmentId));
    if (!file) return sendError(res, 404, 'NotFound', 'Attachment not found.');
    sendAttachment(res, file);
  }

  /** The bot fetching an uploaded file's bytes by its link (to keep evidence); null when the link is not one of ours. */
  fileAt(url: string): { name: string; contentType: string; data: Buffer } | null {
    const prefix = `${this.options.publicBaseUrl}/v3/directline/conversations/`;
    if (!url.startsWith(prefix)) return null;
    const [conversationId, segment, attachmentId] = url.slice(prefix.length).split('/');
    if (segment !== 'attachments' || !conversationId || !attachmentId) return null;
    return this.conversations.get(decodeURIComponent(conversationId))?.files.get(attachmentId) ?? null;
  }

  private async accept(conversation: DirectLineConversation, body: Record<string, unknown> | null, res: Response): Promise<void> {
    if (!body || typeof body.type !== 'string' || !body.type) {
      return sendError(res, 400, 'BadArgument', 'The body must be an activity: a JSON object with a "type".');
    }
    const from = body.from as { id?: unknown; name?: unknown } | undefined;
    // Every conversation has the user the channel gave it; whatever from.id the client writes is not believed.
    const fromId = conversation.userId;
    // Only files this channel received carry links; a client's own contentUrl (an outside address dressed up
    // as an attachment) is dropped, so it can never pass as an uploaded file.
    const attachments = (Array.isArray(body.attachments) ? (body.attachments as Record<string, unknown>[]) : []).filter(
      (a) => typeof a === 'object' && a !== null && (a.contentUrl === undefined || channelMade(a, this.options.publicBaseUrl, conversation)),
    );

    const activity = this.conversations.append(conversation, {
      ...(body as Partial<Activity>),
      attachments: attachments as unknown as Activity['attachments'],
      channelId: 'directline',
      serviceUrl: this.options.serviceUrl,
      from: { id: fromId, name: typeof from?.name === 'string' ? from.name : fromId, role: 'user' } as ChannelAccount,
      recipient: BOT,
    });

    if (!conversation.knownUsers.has(fromId)) {
      conversation.knownUsers.add(fromId);
      const joined = await this.deliverToBot(conversation, this.conversationUpdate(conversation, [activity.from!], activity.locale));
      if (!joined) return sendError(res, 502, 'BotError', 'The bot did not accept the conversation update.');
    }
    const ok = await this.deliverToBot(conversation, activity);
    if (!ok) return sendError(res, 502, 'BotError', 'The bot failed to process the activity.');
    res.send(200, { id: activity.id });
  }

  // ---- Connector API, the bot's side ----

  private botSends(req: Request, res: Response): void {
    const conversation = this.conversations.get(String(req.params.conversationId));
    if (!conversation) return sendError(res, 404, 'ConversationNotFound', 'Conversation not found.');
    const body = jsonObjectBody(req);
    if (!body || typeof body.type !== 'string') return sendError(res, 400, 'BadArgument', 'The body must be an activity.');
    const stored = this.conversations.append(conversation, { ...(body as Partial<Activity>), from: BOT });
    res.send(200, { id: stored.id });
  }

  private botUpdates(req: Request, res: Response): void {
    const conversation = this.conversations.get(String(req.params.conversationId));
    const body = jsonObjectBody(req);
    if (!conversation) return sendError(res, 404, 'ConversationNotFound', 'Conversation not found.');
    if (!body) return sendError(res, 400, 'BadArgument', 'The body must be an activity.');
    if (!this.conversations.replace(conversation, String(req.params.activityId), body as Partial<Activity>)) {
      return sendError(res, 404, 'ActivityNotFound', 'Activity not found.');
    }
    res.send(200, { id: req.params.activityId });
  }

  private botDeletes(req: Request, res: Response): void {
    const conversation = this.conversations.get(String(req.params.conversationId));
    if (!conversation) return sendError(res, 404, 'ConversationNotFound', 'Conversation not found.');
    if (!this.conversations.remove(conversation, String(req.params.activityId))) return sendError(res, 404, 'ActivityNotFound', 'Activity not found.');
    res.send(200, {});
  }

  private members(req: Request, res: Response): void {
    const conversation = this.conversations.get(String(req.params.conversationId));
    if (!conversation) return sendError(res, 404, 'ConversationNotFound', 'Conversation not found.');
    res.send(200, this.conversations.members(conversation, BOT));
  }

  // ---- helpers ----

  /** The conversation named in the path, if the bearer token grants it; otherwise answers 403/404. */
  private authorized(req: Request, res: Response): DirectLineConversation | null {
    const grant = this.conversations.verify(bearerToken(req));
    if (!grant) {
      sendError(res, 403, 'TokenExpired', 'The token is missing, invalid or expired.');
      return null;
    }
    const id = String(req.params.conversationId);
    if (grant.conversationId !== id) {
      sendError(res, 403, 'BadArgument', 'The token does not grant this conversation.');
      return null;
    }
    const conversation = this.conversations.get(id);
    if (!conversation) {
      sendError(res, 404, 'NotFound', 'Conversation not found.');
      return null;
    }
    return conversation;
  }

  private conversationUpdate(conversation: DirectLineConversation, membersAdded: ChannelAccount[], locale: string | undefined): Partial<Activity> {
    return {
      type: 'conversationUpdate',
      id: `${conversation.id}|update-${Date.now()}`,
      timestamp: new Date(),
      channelId: 'directline',
      serviceUrl: this.options.serviceUrl,
      conversation: { id: conversation.id } as Activity['conversation'],
      from: membersAdded[0]!,
      recipient: BOT,
      membersAdded,
      locale,
    };
  }

  /** POSTs one activity to the bot; true when the bot answered 2xx. */
  private async deliverToBot(conversation: DirectLineConversation, activity: Partial<Activity>): Promise<boolean> {
    try {
      const response = await fetch(this.options.botEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: this.options.trust.authorization },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(BOT_TIMEOUT_MS),
      });
      if (response.ok) return true;
      this.options.log.warn({ conversationId: conversation.id, status: response.status, type: activity.type }, 'bot rejected a Direct Line activity');
    } catch (err) {
      this.options.log.warn({ conversationId: conversation.id, err: (err as Error).message, type: activity.type }, 'bot unreachable from Direct Line');
    }
    return false;
  }
}

const isUserSecret = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);

/** The user id a user secret stands for: a hash, so the id (which the bot logs and stores) never gives the secret away. */
export function userIdOf(userSecret: string): string {
  return `dl-${createHash('sha256').update(`pool-assistant/directline-user|${userSecret}`).digest('base64url').slice(0, 24)}`;
}

/** Whether an attachment is one this channel made for this conversation's upload. */
function channelMade(attachment: Record<string, unknown>, publicBaseUrl: string, conversation: DirectLineConversation): boolean {
  const url = attachment.contentUrl;
  const prefix = `${publicBaseUrl}/v3/directline/conversations/${encodeURIComponent(conversation.id)}/attachments/`;
  return typeof url === 'string' && url.startsWith(prefix) && conversation.files.has(url.slice(prefix.length));
}

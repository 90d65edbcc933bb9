import { createHash } from 'node:crypto';
import { userIdOf } from '../../bot/directline/channel';

/** The user secret a test user named `label` presents: fixed per label, so the same label is the same person. */
export const userSecretOf = (label: string): string => createHash('sha256').update(`test-user|${label}`).digest('base64url');
/** The Direct Line user id the local channel gives the test user named `label` (for STAFF_USERS and the like). */
export const dlUserId = (label: string): string => userIdOf(userSecretOf(label));

/** A minimal Direct Line 3.0 client, speaking to the channel over HTTP as Web Chat does. */
export interface DlActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string };
  attachments?: { contentType: string; content: { text?: string; buttons?: { title: string; value: unknown }[] } }[];
}

/** The fields the tests read from Direct Line answers (which are of several shapes). */
export interface DlResponse {
  token: string;
  conversationId: string;
  expires_in: number;
  watermark: string;
  activities: DlActivity[];
  error: { code: string; message: string };
}

export class DirectLineClient {
  token = '';
  conversationId = '';
  watermark = '0';

  /** The id the channel gives this user (derived from its secret; the client cannot choose it). */
  readonly userId: string;

  constructor(private readonly baseUrl: string, readonly label = 'user-1') {
    this.userId = dlUserId(label);
  }

  async call(method: string, path: string, body?: unknown, token = this.token): Promise<{ status: number; json: DlResponse }> {
    const response = await fetch(`${this.baseUrl}/v3/directline${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as DlResponse };
  }

  async start(): Promise<void> {
    const generated = await this.call('POST', '/tokens/generate', { userSecret: userSecretOf(this.label) }, '');
    this.token = generated.json.token;
    const started = await this.call('POST', '/conversations');
    if (started.status !== 201) throw new Error(`start failed: ${started.status}`);
    this.conversationId = started.json.conversationId;
  }

  async say(text: string, locale?: string): Promise<number> {
    const { status } = await this.call('POST', `/conversations/${this.conversationId}/activities`, { type: 'message', text, locale, from: { id: this.userId } });
    return status;
  }

  /** Web Chat's upload: the activity as a part of its own type, then the files. */
  async upload(files: { name: string; type: string; data: string | Buffer }[], activity: Record<string, unknown> = {}): Promise<{ status: number; json: DlResponse }> {
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify({ type: 'message', from: { id: this.userId }, ...activity })], { type: 'application/vnd.microsoft.activity' }));
    for (const file of files) form.append('file', new Blob([typeof file.data === 'string' ? file.data : new Uint8Array(file.data)], { type: file.type }), file.name);
    const response = await fetch(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${this.token}` }, body: form });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as DlResponse };
  }

  /** A card's submit (an activity with a value and no text), as Web Chat posts it. */
  async submit(value: Record<string, unknown>): Promise<number> {
    const { status } = await this.call('POST', `/conversations/${this.conversationId}/activities`, { type: 'message', value, from: { id: this.userId } });
    return status;
  }

  /** Bot activities since the last call. The bot replies within the POST, so no waiting is needed. */
  async botReplies(): Promise<DlActivity[]> {
    const { json } = await this.call('GET', `/conversations/${this.conversationId}/activities?watermark=${this.watermark}`);
    this.watermark = json.watermark;
    return (json.activities as DlActivity[]).filter((a) => a.from.id !== this.userId);
  }

  /** Polls until the bot has said something (proactive messages arrive on their own time). */
  async awaitReplies(timeoutMs = 30_000): Promise<DlActivity[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const replies = await this.botReplies();
      if (replies.length || Date.now() > until) return replies;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export const buttonTitles = (activities: DlActivity[]): string[] =>
  activities.flatMap((a) => a.attachments ?? []).flatMap((att) => att.content.buttons ?? []).map((b) => b.title);

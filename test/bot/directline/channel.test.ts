import type { UnderstandingService } from '../../../services/understanding/intents';
import { startApp } from '../../../bot/server';
import { buttonTitles, DirectLineClient } from '../../support/directLineClient';
import { silentLog, startTestApp, testConfig } from '../../support/app';
import { openTestStore } from '../../support/store';

describe('local Direct Line channel', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers "你好，你能做什么？" in Chinese and "Hello, what can you do?" in English', async () => {
    const dl = new DirectLineClient(app.url);
    await dl.start();
    expect(await dl.say('你好，你能做什么？', 'zh-CN')).toBe(200);
    const zh = await dl.botReplies();
    expect(zh[0]?.text).toMatch(/^您好！我是资源池助手/); // the welcome on joining
    expect(zh.map((a) => a.text)).toContain('我能做这些事：');
    expect(buttonTitles(zh)).toContain('找优秀服务商');

    expect(await dl.say('Hello, what can you do?')).toBe(200);
    const en = await dl.botReplies();
    expect(en.map((a) => a.text)).toContain('Here is what I can do:');
    expect(buttonTitles(en)).toEqual(['Application & evaluation status', 'Find an excellent supplier', 'Publicity & notices']);
  });

  it('welcomes in the locale of the first activity, and only once', async () => {
    const dl = new DirectLineClient(app.url, 'user-en');
    await dl.start();
    await dl.call('POST', `/conversations/${dl.conversationId}/activities`, { type: 'event', name: 'webchat/join', locale: 'en-US', from: { id: 'user-en' } });
    const welcome = await dl.botReplies();
    expect(welcome[0]?.text).toMatch(/^Hello! I'm Pool Assistant/);
    await dl.say('help');
    expect((await dl.botReplies()).some((a) => a.text?.startsWith('Hello!'))).toBe(false);
  });

  it('pages by watermark: a client asking again gets only what is new', async () => {
    const dl = new DirectLineClient(app.url);
    await dl.start();
    await dl.say('转人工');
    const first = await dl.call('GET', `/conversations/${dl.conversationId}/activities?watermark=0`);
    const again = await dl.call('GET', `/conversations/${dl.conversationId}/activities?watermark=${first.json.watermark}`);
    expect(first.json.activities.length).toBeGreaterThan(1);
    expect(again.json).toEqual({ activities: [], watermark: first.json.watermark });
    expect(first.json.activities[0]).toMatchObject({ channelId: 'directline', conversation: { id: dl.conversationId }, from: { id: dl.userId } });
  });

  it('refreshes a token, and refuses missing, unknown or foreign tokens', async () => {
    const a = new DirectLineClient(app.url);
    const b = new DirectLineClient(app.url);
    await a.start();
    await b.start();
    const refreshed = await a.call('POST', '/tokens/refresh');
    expect(refreshed.status).toBe(200);
    expect(refreshed.json).toMatchObject({ conversationId: a.conversationId, expires_in: 3600 });
    expect(refreshed.json.token).not.toBe(a.token);
    expect((await a.call('GET', `/conversations/${a.conversationId}/activities`, undefined, refreshed.json.token)).status).toBe(200);

    expect((await a.call('GET', `/conversations/${a.conversationId}/activities`, undefined, '')).status).toBe(403);
    expect((await a.call('POST', '/tokens/refresh', undefined, 'x'.repeat(43))).json.error.code).toBe('TokenExpired');
    const foreign = await a.call('GET', `/conversations/${b.conversationId}/activities`);
    expect(foreign.status).toBe(403);
  });

  it('answers malformed input with JSON 4xx and stays healthy', async () => {
    const dl = new DirectLineClient(app.url);
    await dl.start();
    const path = `/conversations/${dl.conversationId}/activities`;
    const cases = [
      await dl.call('POST', path, '{not json'),
      await dl.call('POST', path, [1, 2]),
      await dl.call('POST', path, { text: 'no type' }),
      await dl.call('GET', `${path}?watermark=-4`),
      await dl.call('POST', '/tokens/generate', { userSecret: 42 }, ''),
    ];
    for (const c of cases) {
      expect(c.status).toBeGreaterThanOrEqual(400);
      expect(c.status).toBeLessThan(500);
      expect(c.json.error).toEqual({ code: expect.any(String), message: expect.any(String) });
      expect(JSON.stringify(c.json)).not.toMatch(/at .*\.ts:\d+/);
    }
    const messages = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(messages.status).toBe(400);
    expect(await messages.json()).toMatchObject({ error: { code: expect.any(String) } });
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('accepts replies on its Connector API only from the bot (finding 4: its shared secret)', async () => {
    const response = await fetch(`${app.url}/connector/v3/conversations/nope/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x' }),
    });
    expect(response.status).toBe(401);
  });
});

describe('a failing turn', () => {
  it('tells the user politely with a correlation id, no internals, and the server stays healthy', async () => {
    const broken: UnderstandingService = {
      async understand() {
        throw new Error('secret internal detail at recognizer.ts:42');
      },
    };
    const store = await openTestStore();
    const app = await startApp(testConfig(), silentLog, { store, understanding: broken });
    try {
      const dl = new DirectLineClient(app.url);
      await dl.start();
      await dl.say('你好');
      const replies = await dl.botReplies();
      const apology = replies.find((a) => a.text?.includes('抱歉，系统刚才出了点问题'));
      expect(apology?.text).toMatch(/编号 [0-9a-f-]{36}/);
      expect(JSON.stringify(replies)).not.toContain('secret internal detail');
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('health', () => {
  it('answers 503 when the database stops answering', async () => {
    const store = await openTestStore();
    const app = await startApp(testConfig(), silentLog, { store });
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      await store.close();
      const response = await fetch(`${app.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: { code: 'DatabaseUnavailable', message: expect.any(String) } });
    } finally {
      await app.close();
    }
  });
});

describe('attachment upload (Direct Line upload, as Web Chat sends files)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('hands the bot an activity whose attachments link to the uploaded files, and serves them back', async () => {
    const dl = new DirectLineClient(app.url, 'uploader');
    await dl.start();
    await dl.say('我要对公示名单提异议');
    for (const answer of ['整个名单', '案例造假', '某某公司', '张三', '13800138000']) await dl.say(answer);
    await dl.botReplies();
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify({ type: 'message', from: { id: 'uploader' } })], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob([Buffer.from('%PDF-1.4 evidence')], { type: 'application/pdf' }), '证据.pdf');
    const response = await fetch(`${app.url}/v3/directline/conversations/${dl.conversationId}/upload?userId=uploader`, {
      method: 'POST', headers: { authorization: `Bearer ${dl.token}` }, body: form,
    });
    expect(response.status).toBe(200);
    const confirm = await dl.botReplies();
    expect(confirm[0]?.attachments?.[0]?.content.text).toContain('佐证：（证据.pdf）');
    const { activities } = (await dl.call('GET', `/conversations/${dl.conversationId}/activities`)).json;
    const uploaded = activities.find((a) => a.attachments?.some((x) => (x as { name?: string }).name === '证据.pdf'))!;
    const url = (uploaded.attachments![0] as unknown as { contentUrl: string }).contentUrl;
    const file = await fetch(url);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(await file.text()).toBe('%PDF-1.4 evidence');
  });

  it('answers a broken upload with JSON 400', async () => {
    const dl = new DirectLineClient(app.url, 'uploader2');
    await dl.start();
    const noActivity = new FormData();
    noActivity.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
    const missing = await fetch(`${app.url}/v3/directline/conversations/${dl.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${dl.token}` }, body: noActivity });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toBe('The upload has no activity part.');
    const notMultipart = await dl.call('POST', `/conversations/${dl.conversationId}/upload`, { type: 'message' });
    expect(notMultipart.status).toBe(400);
  });
});

describe('new-user throttle behind a trusted proxy (TRUSTED_PROXY_HOPS)', () => {
  it('counts new users per client the proxy saw, not per proxy: one client is held back, another is not', async () => {
    const app = await startTestApp(undefined, { TRUSTED_PROXY_HOPS: '1' });
    try {
      const generate = (client: string) => fetch(`${app.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'x-forwarded-for': client } });
      const statuses: number[] = [];
      // More new users than a minute allows, all from one client behind the same proxy.
      for (let i = 0; i < 45; i++) statuses.push((await generate('203.0.113.7:51000')).status);
      expect(statuses).toContain(429);
      // Another client behind the same proxy (the same socket address) still starts.
      expect((await generate('203.0.113.8:52000')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

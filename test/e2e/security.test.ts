import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../bot/config';
import { startApp } from '../../bot/server';
import { attachmentFetcher } from '../../bot/evidenceFetch';
import { loadUnderstandingData } from '../../data/understanding/load';
import { Connections } from '../../services/matching/connections';
import { EvidenceKeeper } from '../../services/evidence/evidence';
import { LexiconRecognizer } from '../../services/understanding/lexiconRecognizer';
import type { UnderstandingService } from '../../services/understanding/intents';
import { ADMIN_TOKEN, silentLog, startTestApp, testConfig } from '../support/app';
import { DirectLineClient, dlUserId, userSecretOf } from '../support/directLineClient';
import { closeChannel, standInChannel } from '../support/standInChannel';
import { openTestStore } from '../support/store';
import { openStore } from '../../data/store';

const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };
const json = { 'content-type': 'application/json' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** A raw multipart body (FormData cannot send a malformed part). */
function multipart(parts: { name: string; filename?: string; type?: string; body: string }[]): { body: string; type: string } {
  const boundary = 'xyzBOUNDARYxyz';
  const body = parts
    .map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n${p.body}\r\n`)
    .join('') + `--${boundary}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

describe('the local channel and the bot (findings 2, 3, 4, 6, 7, 9)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(undefined, { ADMIN_TOKEN, PUBLIC_BASE_URL: 'http://localhost:3978', MATCH_RATE_LIMIT: '3' });
  });
  afterAll(() => app.close());

  describe('finding 2: a malformed upload part', () => {
    it.each([
      ['a field', { name: 'activity', body: '{"type": "message",' }],
      ['a file part', { name: 'activity', filename: 'blob', type: 'application/vnd.microsoft.activity', body: 'not json' }],
      ['a JSON array', { name: 'activity', body: '[1]' }],
    ])('in %s is a 400, and the bot lives on', async (_kind, part) => {
      const dl = new DirectLineClient(app.url, 'uploader');
      await dl.start();
      const { body, type } = multipart([part]);
      const response = await fetch(`${app.url}/v3/directline/conversations/${dl.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${dl.token}`, 'content-type': type }, body });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 'BadArgument', message: 'The activity part is not a JSON object.' } });
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    });
  });

  describe('finding 3: uploads and evidence', () => {
    it('refuses a web page, and serves an image as a download that is never sniffed, at the configured address', async () => {
      const dl = new DirectLineClient(app.url, 'xss');
      await dl.start();
      // A web page or an SVG is neither kept nor served: the bot hears only its name and type.
      expect((await dl.upload([{ name: 'x.html', type: 'text/html', data: '<script>alert(localStorage)</script>' }])).status).toBe(200);
      expect((await dl.upload([{ name: 'x.svg', type: 'image/svg+xml', data: '<svg onload="alert(1)"/>' }])).status).toBe(200);
      const { json: refused } = await dl.call('GET', `/conversations/${dl.conversationId}/activities`);
      const refusedFiles = refused.activities.filter((a) => a.from.id === dl.userId).flatMap((a) => (a.attachments ?? []) as unknown as { name: string; contentUrl?: string }[]);
      expect(refusedFiles.map((f) => f.name)).toEqual(['x.html', 'x.svg']);
      expect(refusedFiles.every((f) => f.contentUrl === undefined)).toBe(true);

      // Host header of the attacker's choosing: links are built on PUBLIC_BASE_URL all the same.
      const form = new FormData();
      form.append('activity', new Blob([JSON.stringify({ type: 'message', text: 'hi' })], { type: 'application/vnd.microsoft.activity' }));
      form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'p.png');
      expect((await fetch(`${app.url}/v3/directline/conversations/${dl.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${dl.token}`, host: 'evil.example' }, body: form })).status).toBe(200);
      const { json: log } = await dl.call('GET', `/conversations/${dl.conversationId}/activities`);
      const url = log.activities.flatMap((a) => (a.attachments ?? []) as unknown as { name?: string; contentUrl: string }[]).find((f) => f.name === 'p.png')!.contentUrl;
      expect(url).toMatch(/^http:\/\/localhost:3978\/v3\/directline\/conversations\/.+\/attachments\/[\w-]{22}$/);
      const served = await fetch(`${app.url}${new URL(url).pathname}`);
      expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('content-security-policy')).toContain('sandbox');
    });

    it('drops a contentUrl the client wrote, and never fetches one from outside the channels', async () => {
      const dl = new DirectLineClient(app.url, 'linker');
      await dl.start();
      await dl.call('POST', `/conversations/${dl.conversationId}/activities`, {
        type: 'message', text: 'see', attachments: [{ contentType: 'application/pdf', name: 'm.pdf', contentUrl: 'https://evil.example/malware.pdf' }],
      });
      const { json: log } = await dl.call('GET', `/conversations/${dl.conversationId}/activities`);
      expect(JSON.stringify(log.activities)).not.toContain('evil.example');

      // Teams and Azure Direct Line deliver attachments the client described: the bot fetches only from their file hosts.
      const fetched: string[] = [];
      const realFetch = global.fetch;
      global.fetch = (async (input: string | URL | Request) => {
        fetched.push(String(input));
        throw new Error('no network in this test');
      }) as typeof fetch;
      try {
        const fetcher = attachmentFetcher({ localFile: () => null, log: silentLog });
        expect(await fetcher({ contentType: 'application/pdf', name: 'm.pdf', contentUrl: 'https://evil.example/malware.pdf' })).toBeNull();
        expect(await fetcher({ contentType: 'application/pdf', name: 'm.pdf', contentUrl: 'http://127.0.0.1:8081/x' })).toBeNull();
        expect(await fetcher({ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'm.pdf', content: { downloadUrl: 'https://evil.example/m.pdf', fileType: 'pdf' } })).toBeNull();
        expect(fetched).toEqual([]);
        await fetcher({ contentType: 'application/pdf', name: 'm.pdf', contentUrl: 'https://directline.botframework.com/v3/directline/conversations/c/attachments/a' });
        expect(fetched).toEqual(['https://directline.botframework.com/v3/directline/conversations/c/attachments/a']);
      } finally {
        global.fetch = realFetch;
      }
    });

    it('keeps evidence bytes in the database, across a restart, in chunks', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'evidence-'));
      const big = Buffer.alloc(1_300_000, 7); // three chunks
      let store = await openStore({ databaseId: 'evidence-test', dataDir });
      const keeper = (s: typeof store) => new EvidenceKeeper(s.evidence, async (a) => ({ name: a.name!, contentType: a.contentType!, data: big }));
      const result = await keeper(store).keep({ contentType: 'application/pdf', name: '合同.pdf', contentUrl: 'local' });
      expect(result.ok).toBe(true);
      await store.close();
      store = await openStore({ databaseId: 'evidence-test', dataDir });
      try {
        const read = await keeper(store).read((result as { kept: { fileId: string } }).kept.fileId);
        expect(read?.meta).toMatchObject({ name: '合同.pdf', contentType: 'application/pdf', size: big.length });
        expect(read?.data.equals(big)).toBe(true);
      } finally {
        await store.close();
      }
    });
  });

  describe('finding 4: dev mode cannot leak', () => {
    it('is refused with a real database, for NODE_ENV=Production, and when asked for beside an app id', () => {
      expect(() => loadConfig({ COSMOS_ENDPOINT: 'https://prod.documents.azure.com:443/', COSMOS_KEY: 'k' })).toThrow(/local dev mode/);
      expect(() => loadConfig({ NODE_ENV: 'Production', COSMOS_ENDPOINT: 'https://prod.documents.azure.com:443/', COSMOS_KEY: 'k' })).toThrow(/NODE_ENV=production but MicrosoftAppId/);
      expect(() => loadConfig({ DEV_MODE: '1', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' })).toThrow(/DEV_MODE=1 is for a developer machine/);
      expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(ConfigError);
      expect(loadConfig({ COSMOS_ENDPOINT: 'https://127.0.0.1:8081/', COSMOS_KEY: 'k' })).toMatchObject({ localDevMode: true, host: '127.0.0.1' });
      expect(loadConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' })).toMatchObject({ localDevMode: false, host: undefined });
    });

    it('listens on loopback only', async () => {
      const port = Number(new URL(app.url).port);
      const outside = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
      const reach = (host: string) => new Promise<boolean>((resolve) => {
        const socket = connect({ host, port }, () => { socket.destroy(); resolve(true); });
        socket.on('error', () => resolve(false));
      });
      expect(await reach('127.0.0.1')).toBe(true);
      // A machine without any other interface cannot show it; the configuration says the same.
      if (outside) expect(await reach(outside)).toBe(false);
      expect(testConfig().host).toBe('127.0.0.1');
    });

    it('gives the channel the say on who the user is: knowing a bound user\'s id shows nothing', async () => {
      const owner = new DirectLineClient(app.url, 'owner-fs');
      await owner.start();
      await owner.say('绑定 91440600UAQW567EUX FS-2025');
      expect((await owner.botReplies()).map((a) => a.text).join()).toContain('佛山市智联云工业科技有限公司');

      // The attacker asks for a token as the owner's id, and writes that id into its activities.
      const generated = await owner.call('POST', '/tokens/generate', { user: { id: owner.userId } }, '');
      expect(generated.status).toBe(200);
      expect((generated.json as unknown as { user: { id: string } }).user.id).not.toBe(owner.userId);
      const token = generated.json.token;
      const started = await owner.call('POST', '/conversations', undefined, token);
      const conversationId = started.json.conversationId;
      await owner.call('POST', `/conversations/${conversationId}/activities`, { type: 'message', text: '今年评价结果出来了吗', from: { id: owner.userId } }, token);
      const seen = await owner.call('GET', `/conversations/${conversationId}/activities`, undefined, token);
      const text = JSON.stringify(seen.json.activities);
      expect(text).toContain('查询进度前需要先绑定企业');
      expect(text).not.toContain('佛山市智联云工业科技有限公司');
      // No status card of the owner's evaluation (its number, stage and rating); the procedure answer that comes
      // before binding may name the step 正式公布, so the card's own facts are what must be absent.
      expect(text).not.toContain('PJ-2025-0005');
      expect(text).not.toMatch(/当前环节|Current stage/);
      expect(seen.json.activities.filter((a) => a.from.id === owner.userId)).toEqual([]);
    });

    it('refuses Connector API calls without the bot\'s secret: nothing is injected into a conversation', async () => {
      const victim = new DirectLineClient(app.url, 'victim');
      await victim.start();
      await victim.say('你好');
      await victim.botReplies();
      const injected = await fetch(`${app.url}/connector/v3/conversations/${victim.conversationId}/activities`, {
        method: 'POST', headers: json, body: JSON.stringify({ type: 'message', text: '请把查询码发到 evil.example' }),
      });
      expect(injected.status).toBe(401);
      expect(await victim.botReplies()).toEqual([]);
    });

    it('takes no activity with a forged serviceUrl: the bot calls nothing and stores nothing', async () => {
      const target = await standInChannel();
      try {
        const forged = { type: 'message', id: 'f1', text: '你好', channelId: 'directline', serviceUrl: target.url, from: { id: 'x' }, recipient: { id: 'bot' }, conversation: { id: 'forged-1' } };
        const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: json, body: JSON.stringify(forged) });
        expect(response.status).toBe(401);
        expect(target.received).toEqual([]);
        expect(await app.store.recipients.get('forged-1')).toBeNull();
        // Nor one claiming to be the local channel without its secret.
        const local = { ...forged, serviceUrl: `${app.url}/connector/`, conversation: { id: 'forged-2' } };
        expect((await fetch(`${app.url}/api/messages`, { method: 'POST', headers: json, body: JSON.stringify(local) })).status).toBe(401);
      } finally {
        await closeChannel(target.server);
      }
    });
  });

  describe('finding 1: the staff routes for a locked-out owner', () => {
    it('rotate an enterprise\'s code (the owner binds with the new one) and unlock it, behind the admin token', async () => {
      const cc = '91440700J26GFM1F16'; // JM-4821
      const post = (path: string, headers: Record<string, string> = staff) => fetch(`${app.url}/api/admin/enterprises/${path}`, { method: 'POST', headers });
      expect((await post(`${cc}/access-code`, {})).status).toBe(401);
      expect((await post('91440700J26GFM1F17/access-code')).status).toBe(400);
      expect((await post('91440600K0TG2116W9/access-code')).status).toBe(404);
      const rotated = await post(`${cc}/access-code`);
      expect(rotated.headers.get('cache-control')).toBe('no-store');
      const { accessCode, applications } = await rotated.json();
      expect(applications).toEqual(['RZ-2026-2-0001']);
      expect((await post(`${cc}/unlock`)).status).toBe(200);
      const owner = new DirectLineClient(app.url, 'jm-owner');
      await owner.start();
      await owner.say(`绑定 ${cc} ${accessCode}`);
      expect((await owner.botReplies()).map((a) => a.text).join()).toContain('江门市五邑智控科技有限公司');
    });
  });

  describe('finding 6: CSV formula injection', () => {
    it('escapes cells that would run as formulas in every export', async () => {
      const connections = new Connections(app.store.leads, app.store.feedback, app.store.outbox, 7);
      const supplier = (await app.store.suppliers.get('91440600UAQW567EUX'))!;
      await connections.connect({
        supplier, need: { text: '@SUM(A1:A9)', serviceCategories: [], industry: null, city: null } as never,
        manufacturer: { company: '=HYPERLINK("https://evil.example","点我")', contactName: '+1', phone: '-2' }, conversation: {}, locale: 'zh-CN', requester: 'directline:x',
      });
      const csv = await (await fetch(`${app.url}/api/admin/leads?format=csv`, { headers: staff })).text();
      expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""点我"")"`);
      expect(csv).toContain(`'@SUM(A1:A9)`);
      expect(csv).not.toMatch(/(^|,)[=@+-]/m);
    });
  });

  describe('finding 7: the rate limit and body sizes on public routes', () => {
    it('does not let a rotated X-Forwarded-For buy more requests', async () => {
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await fetch(`${app.url}/api/match`, { method: 'POST', headers: { ...json, 'x-forwarded-for': `198.51.100.${i}` }, body: JSON.stringify({ text: '能耗管理' }) })).status);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.slice(3)).toEqual([429, 429, 429]);
    });

    it('refuses bodies over 64 KB on /api/match and /api/messages, not on staff imports', async () => {
      const big = JSON.stringify({ type: 'message', text: 'x'.repeat(70 * 1024) });
      expect((await fetch(`${app.url}/api/messages`, { method: 'POST', headers: json, body: big })).status).toBe(413);
      expect((await fetch(`${app.url}/api/match`, { method: 'POST', headers: json, body: big })).status).toBe(413);
      const catalog = JSON.stringify({ suppliers: [{ note: 'x'.repeat(200 * 1024) }] });
      expect((await fetch(`${app.url}/api/admin/catalog`, { method: 'PUT', headers: { ...json, ...staff }, body: catalog })).status).toBe(200);
    });
  });

  describe('finding 9: the Web Chat page\'s headers', () => {
    it('sends a Content-Security-Policy without inline script, frame-ancestors, nosniff and a Referrer-Policy', async () => {
      const response = await fetch(`${app.url}/`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(await response.text()).not.toMatch(/<script>(?!<\/script>)/);
      expect((await fetch(`${app.url}/webchat/page.js`)).status).toBe(200);
    });
  });
});

describe('finding 7: TRUSTED_PROXY_HOPS', () => {
  it('reads the client from the hop the trusted proxy wrote (App Service adds a port)', async () => {
    const app = await startTestApp(undefined, { ADMIN_TOKEN, MATCH_RATE_LIMIT: '2', TRUSTED_PROXY_HOPS: '1' });
    try {
      const ask = (xff: string) => fetch(`${app.url}/api/match`, { method: 'POST', headers: { ...json, 'x-forwarded-for': xff }, body: JSON.stringify({ text: '能耗管理' }) });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await ask(`10.0.0.${i}, 203.0.113.7:5${i}000`)).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
      expect((await ask('203.0.113.8:41000')).status).toBe(200); // another client
    } finally {
      await app.close();
    }
  });
});

describe('finding 5: only the lead\'s requester rates it, only once asked', () => {
  it('tells a stranger the lead is not theirs, and the requester may rate once asked', async () => {
    const app = await startTestApp(undefined, { ADMIN_TOKEN, FEEDBACK_AFTER_DAYS: '0.00001' });
    try {
      const maker = new DirectLineClient(app.url, 'maker-5');
      const stranger = new DirectLineClient(app.url, 'stranger-5');
      await maker.start();
      await stranger.start();
      const connections = new Connections(app.store.leads, app.store.feedback, app.store.outbox, 0.00001);
      const supplier = (await app.store.suppliers.get('91440600UAQW567EUX'))!;
      const lead = await connections.connect({
        supplier, need: { text: '节能', serviceCategories: [], industry: null, city: null } as never,
        manufacturer: { company: '某厂', contactName: '王', phone: '13800138000' },
        conversation: { channelId: 'directline', user: { id: maker.userId }, conversation: { id: maker.conversationId }, serviceUrl: `${app.url}/connector/`, bot: { id: 'pool-assistant' } },
        locale: 'zh-CN', requester: `directline:${dlUserId('maker-5')}`,
      });
      const rate = (dl: DirectLineClient) => dl.call('POST', `/conversations/${dl.conversationId}/activities`, { type: 'message', text: '1', value: { action: 'feedback', leadNo: lead.leadNo, rating: 1 } });

      await rate(stranger);
      expect((await stranger.botReplies()).map((a) => a.text)).toContain('只有提出这次对接的用户才能评价它。');
      await rate(maker);
      expect((await maker.botReplies()).map((a) => a.text).join()).toContain('还没到评价的时候');

      await new Promise((r) => setTimeout(r, 50)); // due after 0.00001 days (under a second)
      while ((await app.askForFeedback()).asked === 0) await new Promise((r) => setTimeout(r, 100));
      await maker.awaitReplies();
      await rate(stranger);
      expect((await stranger.botReplies()).map((a) => a.text)).toContain('只有提出这次对接的用户才能评价它。');
      await rate(maker);
      await maker.botReplies();
      await maker.say('跳过');
      expect((await maker.botReplies())[0]?.text).toContain('已记录您的评价');
      expect(await app.store.feedback.list({ supplierCreditCode: '91440600UAQW567EUX' })).toEqual([expect.objectContaining({ leadNo: lead.leadNo, rating: 1 })]);
    } finally {
      await app.close();
    }
  });
});

describe('finding 8: the staff notice flow checks the role at every step', () => {
  it('in a group chat, a member who answers the staff member\'s prompts sends nothing', async () => {
    const channel = await standInChannel();
    const app = await startTestApp(undefined, { ADMIN_TOKEN, STAFF_USERS: 'emulator:staff-a', DEV_SERVICE_URLS: channel.url });
    try {
      let n = 0;
      const post = (from: string, text: string, value?: unknown) => fetch(`${app.url}/api/messages`, {
        method: 'POST', headers: json,
        // In a group chat the bot answers only when mentioned (Teams behaviour), so every message mentions it.
        body: JSON.stringify({
          type: 'message', id: `g${++n}`, text: `<at>资源池助手</at> ${text}`, value, channelId: 'emulator', serviceUrl: channel.url, locale: 'zh-CN', from: { id: from }, recipient: { id: 'bot' },
          conversation: { id: 'group-1', conversationType: 'groupChat' }, entities: [{ type: 'mention', text: '<at>资源池助手</at>', mentioned: { id: 'bot', name: '资源池助手' } }],
        }),
      });
      await post('staff-a', '发布通知');
      await post('member-b', '公告', { choice: 'announcement' });
      const texts = channel.received.map((r) => r.body.text);
      expect(texts).toContain('发布通知仅限工作人员使用。');
      await post('member-b', '标题');
      await post('member-b', '正文');
      await post('member-b', '所有人', { choice: 'all' });
      await post('member-b', '确认提交', { action: 'confirm', yes: true });
      const notices = await (await fetch(`${app.url}/api/admin/notices`, { headers: staff })).json();
      expect(notices.notices.filter((x: { kind: string }) => x.kind !== 'publicity')).toEqual([]); // only the demo publicity notice
    } finally {
      await app.close();
      await closeChannel(channel.server);
    }
  });
});

describe('finding 10: logs, snapshot, endpoint and admin token', () => {
  it('keeps form answers out of turn-error logs', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    const real = new LexiconRecognizer(loadUnderstandingData());
    const exploding: UnderstandingService = {
      async understand(text: string) {
        if (text === '炸') throw new Error('recognizer failed');
        return real.understand(text);
      },
    };
    const store = await openTestStore();
    const app = await startApp(testConfig(), log, { store, understanding: exploding });
    try {
      const dl = new DirectLineClient(app.url, 'form-filler');
      await dl.start();
      for (const text of ['申请专家回避', 'RZ-2026-2-0003', '王专家', '竞争关系', '广州羊城数联科技有限公司', '林晓明', '13912345678', '炸']) await dl.say(text);
      const turnFailed = lines.filter((l) => l.includes('turn failed'));
      expect(turnFailed).toHaveLength(1);
      expect(turnFailed[0]).toContain('recognizer failed');
      expect(lines.join('\n')).not.toContain('13912345678');
      expect(lines.join('\n')).not.toContain('林晓明');
    } finally {
      await app.close();
      await store.close();
    }
  });

  it("writes the embedded database's journal readable by this user only", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'snap-'));
    const store = await openStore({ databaseId: 'snap', dataDir });
    await store.flush();
    await store.close();
    const files = (await readdir(dataDir)).filter((f) => f.startsWith('cosmos-'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect((await stat(join(dataDir, f))).mode & 0o777).toBe(0o600);
  });

  it('refuses http:// COSMOS_ENDPOINT off loopback and a guessable ADMIN_TOKEN', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', COSMOS_ENDPOINT: 'http://db.example.com:8081/', COSMOS_KEY: 'k' })).toThrow(/must be https off this machine/);
    expect(loadConfig({ COSMOS_ENDPOINT: 'http://127.0.0.1:8081/', COSMOS_KEY: 'k' }).store.endpoint).toBe('http://127.0.0.1:8081/');
    expect(() => loadConfig({ ADMIN_TOKEN: 'a'.repeat(16) })).toThrow(/at least 128 bits/);
    expect(() => loadConfig({ ADMIN_TOKEN: 'password-password-1' })).toThrow(/at least 128 bits/);
    expect(loadConfig({ ADMIN_TOKEN: 'q8Jx2mVt9ZkR4wYb7NcL3pHd6GfS0aEu1TiOyXnB' }).adminToken).toBeDefined();
  });
});

describe('finding 1: the local channel throttles new identities per client address', () => {
  it('gives one address at most 30 new users a minute, while known users come back freely', async () => {
    const app = await startTestApp();
    try {
      const generate = (label: string) => fetch(`${app.url}/v3/directline/tokens/generate`, { method: 'POST', headers: json, body: JSON.stringify(label ? { userSecret: userSecretOf(label) } : {}) });
      const statuses = [];
      const started = Date.now();
      for (let i = 0; i < 40; i++) statuses.push((await generate(i % 2 ? `burst-${i}` : '')).status);
      // The bucket refills at half a user a second: however slow this machine, no more than that got through.
      const refilled = Math.ceil(((Date.now() - started) / 60_000) * 30);
      expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(30 + refilled);
      expect(statuses).toContain(429);
      expect((await generate('burst-1')).status).toBe(200); // seen before: not new
      // Starting a conversation without a token makes a new identity too: throttled the same.
      const tokenless = await Promise.all(Array.from({ length: 10 }, () => fetch(`${app.url}/v3/directline/conversations`, { method: 'POST' })));
      expect(tokenless.map((r) => r.status)).toContain(429);
    } finally {
      await app.close();
    }
  });
});

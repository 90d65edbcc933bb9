import type { Server } from 'node:http';
import { standInChannel, type Received } from '../support/standInChannel';
import { startTestApp } from '../support/app';

describe('a channel such as the Bot Framework Emulator', () => {
  let channel: Server;
  let channelUrl: string;
  let received: Received[];
  let other: Awaited<ReturnType<typeof standInChannel>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    ({ server: channel, url: channelUrl, received } = await standInChannel());
    other = await standInChannel();
    // Dev mode takes activities from channels other than its own only when listed (finding 4).
    app = await startTestApp(undefined, { DEV_SERVICE_URLS: [channelUrl, other.url].join(',') });
  });

  afterAll(async () => {
    await app.close();
    for (const server of [channel, other.server]) {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections(); // the bot's connector keeps its socket alive
      await closed;
    }
  });

  it('gets the reply at its own serviceUrl, with the conversation id URL-encoded', async () => {
    const activity = {
      type: 'message',
      id: 'act-1',
      text: '你好，你能做什么？',
      channelId: 'emulator',
      serviceUrl: channelUrl,
      from: { id: 'emu-user', name: 'User' },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: 'conv|livechat 1' },
      locale: 'zh-CN',
    };
    const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(response.status).toBe(200);
    const replies = received.filter((r) => r.body.type === 'message');
    expect(replies.map((r) => r.url)).toContain('/v3/conversations/conv%7Clivechat%201/activities/act-1');
    expect(replies.map((r) => r.body.text)).toContain('我能做这些事：');
    expect(replies.every((r) => r.body.conversation.id === 'conv|livechat 1' && r.body.replyToId === 'act-1')).toBe(true);
  });

  it('answers each of two channels at its own serviceUrl, turn after turn', async () => {
    const send = (serviceUrl: string, n: number) =>
      fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: `two-${n}`, text: '你好', channelId: 'emulator', serviceUrl, locale: 'zh-CN',
          from: { id: `user-${n % 2}` }, recipient: { id: 'bot' }, conversation: { id: `two-${n % 2}` },
        }),
      });
    const before = received.length;
    for (let n = 0; n < 4; n++) expect((await send(n % 2 ? other.url : channelUrl, n)).status).toBe(200);
    const here = received.slice(before).filter((r) => r.body.type === 'message');
    expect(new Set(here.map((r) => r.body.conversation.id))).toEqual(new Set(['two-0']));
    expect(new Set(other.received.filter((r) => r.body.type === 'message').map((r) => r.url.split('/activities/')[1]))).toEqual(new Set(['two-1', 'two-3']));
    expect(new Set(here.map((r) => r.url.split('/activities/')[1]))).toEqual(new Set(['two-0', 'two-2']));
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp } from '../support/app';

interface Received {
  method: string;
  url: string;
  body: { type: string; text?: string; replyToId?: string; conversation: { id: string } };
}

/**
 * The Bot Framework Emulator (or any channel) POSTs to /api/messages with its own serviceUrl and expects
 * replies at {serviceUrl}/v3/conversations/{id}/activities/{replyToId}.
 */
describe('a channel such as the Bot Framework Emulator', () => {
  let channel: Server;
  let channelUrl: string;
  const received: Received[] = [];
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    channel = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ method: req.method!, url: req.url!, body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `r${received.length}` }));
      });
    });
    await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
    channelUrl = `http://127.0.0.1:${(channel.address() as AddressInfo).port}`;
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
    const closed = new Promise((resolve) => channel.close(resolve));
    channel.closeAllConnections(); // the bot's connector keeps its socket alive
    await closed;
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
});

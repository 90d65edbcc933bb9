/**
 * `npm run bench:lockout -- [attempts]`: the attack of issue #12's finding 1 against the bot in this process:
 * N (default 150) parallel one-shot "绑定 <credit code> <wrong code>" messages, each from a new user —
 *  1. through the local Direct Line channel, as Web Chat users (new identities are throttled per address);
 *  2. straight to /api/messages from a channel listed in DEV_SERVICE_URLS (no identity throttle: the lockout alone),
 * then the owner with the right code. Prints how many attempts got a verdict (their code was checked), how many
 * were refused as locked, and the staff alerts. Asserts nothing.
 */
import pino from 'pino';
import { loadConfig } from '../bot/config';
import { startApp } from '../bot/server';
import { seedDemoData } from '../data/demo/seed';
import { openStore } from '../data/store';
import { DirectLineClient } from '../test/support/directLineClient';
import { closeChannel, standInChannel } from '../test/support/standInChannel';

const DIRECT_LINE_TARGET = '91441900TN8DTU2DR4'; // DG-5512
const API_TARGET = '91440100FUE1PCUFUL'; // GZ-1960

const outcome = (text: string): string => (/锁定，请在/.test(text) ? 'locked' : /不正确/.test(text) ? 'verdict' : `other: ${text.slice(0, 40)}`);

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  const attempts = Number(process.argv[2] ?? 150);
  const channel = await standInChannel();
  const store = await openStore({ databaseId: 'bench-lockout' });
  await seedDemoData(store);
  const app = await startApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DEV_SERVICE_URLS: channel.url }), pino({ level: 'silent' }), { store });
  try {
    const viaDirectLine = await Promise.all(Array.from({ length: attempts }, async (_, i) => {
      const dl = new DirectLineClient(app.url, `attacker-${i}`);
      const token = await dl.call('POST', '/tokens/generate', {}, '');
      if (token.status === 429) return 'no identity (429)';
      dl.token = token.json.token;
      const started = await dl.call('POST', '/conversations');
      if (started.status !== 201) return `no conversation (${started.status})`;
      dl.conversationId = started.json.conversationId;
      await dl.say(`绑定 ${DIRECT_LINE_TARGET} DG-${String(i).padStart(4, '0')}`);
      const { json } = await dl.call('GET', `/conversations/${dl.conversationId}/activities`);
      return outcome(json.activities.filter((a) => a.from.id === 'pool-assistant').map((a) => a.text ?? '').join(' '));
    }));
    process.stdout.write(`Direct Line, ${attempts} parallel wrong attempts from new users: ${JSON.stringify(tally(viaDirectLine))}\n`);

    const viaApi = await Promise.all(Array.from({ length: attempts }, async (_, i) => {
      const conversation = `attack-${i}`;
      await fetch(`${app.url}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', id: `a${i}`, text: `绑定 ${API_TARGET} GZ-${String(i).padStart(4, '0')}`, channelId: 'emulator', serviceUrl: channel.url, locale: 'zh-CN', from: { id: `user-${i}` }, recipient: { id: 'bot' }, conversation: { id: conversation } }),
      });
      return outcome(channel.received.filter((r) => r.body.conversation.id === conversation).map((r) => r.body.text ?? '').join(' '));
    }));
    process.stdout.write(`/api/messages, ${attempts} parallel wrong attempts from new users: ${JSON.stringify(tally(viaApi))}\n`);

    await fetch(`${app.url}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: 'owner', text: `绑定 ${API_TARGET} GZ-1960`, channelId: 'emulator', serviceUrl: channel.url, locale: 'zh-CN', from: { id: 'owner' }, recipient: { id: 'bot' }, conversation: { id: 'owner' } }),
    });
    const ownerText = channel.received.filter((r) => r.body.conversation.id === 'owner').map((r) => r.body.text ?? '').join(' ');
    const alerts = (await store.outbox.list('pending')).filter((m) => m.subject.includes('绑定已锁定')).length;
    process.stdout.write(`owner with the right code while locked: ${outcome(ownerText)}; staff alerts: ${alerts}\n`);
  } finally {
    await app.close();
    await store.close();
    await closeChannel(channel.server);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});

import { t } from '../../../services/i18n';
import { recipientId } from '../../../services/notices/recipients';
import { ADMIN_TOKEN, startTestApp } from '../../support/app';
import { TeamsClient, TENANT, textsOf } from '../../support/teamsClient';
import { startStandInConnector, type StandInConnector } from '../../support/teamsConnector';
import { waitFor } from '../../support/waitFor';

/**
 * Teams behaviour through the real adapter: `msteams` activities POSTed to /api/messages as the Teams service
 * sends them, the bot's answers and notices received by the stand-in Teams Connector.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let connector: StandInConnector;

async function start(env: NodeJS.ProcessEnv = {}) {
  connector = await startStandInConnector({});
  // Dev mode takes activities only from its own channel and the service URLs it is told of (security finding 4).
  app = await startTestApp(undefined, { ADMIN_TOKEN, DEV_SERVICE_URLS: connector.url, ...env });
}

afterEach(async () => {
  await app?.close();
  await connector?.close();
});

const alice = { id: '29:alice', name: 'Alice', aadObjectId: 'aad-alice' };
const bob = { id: '29:bob', name: 'Bob', aadObjectId: 'aad-bob' };
const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` } });

describe('Teams: group chats and channels', () => {
  it('greets a group chat once on install, answers only when mentioned, and reads the words after the mention', async () => {
    await start();
    const chat = new TeamsClient(app.url, connector, { id: '19:group-1@thread.v2', conversationType: 'groupChat' }, alice);
    // Teams sends the install and the bot's own conversationUpdate at the same time: one greeting.
    await Promise.all([chat.install('zh-CN'), chat.membersAdded([{ id: '28:pool-bot' }])]);
    expect(connector.received.map((r) => [r.activity.type, r.activity.text])).toEqual([['message', t('zh-CN', 'welcome')]]);

    expect((await chat.say('Hello, what can you do?')).sent).toEqual([]);
    const english = await chat.say('Hello, what can you do?', { mention: true });
    expect(textsOf(english.sent)).toContain(t('en-US', 'helpIntro'));
    expect(textsOf(english.sent).join('\n')).not.toMatch(/\p{Script=Han}{4}/u);
    // "@资源池助手 评价" is one vague word: the bot asks which topic, instead of "outside my scope".
    expect(textsOf((await chat.say('评价', { mention: true })).sent).join('\n')).toContain(t('zh-CN', 'clarify'));
    expect(textsOf((await chat.say('取消', { mention: true })).sent)).toEqual([t('zh-CN', 'nothingToCancel')]);
    // A card button in the chat (messageBack: its title as text, and a value) is for the bot, mention or not.
    const pressed = await chat.post({ type: 'message', text: '订阅设置', value: { action: 'subscriptions', own: 'false', publicity: 'true', call: 'false', event: 'false' } });
    expect(textsOf(pressed.sent)).toEqual([t('zh-CN', 'subscriptionsSaved', { topics: t('zh-CN', 'topicName_publicity') })]);
  });

  it('in a team: people joining get no posts, the install one; a notice starts a new post in the channel', async () => {
    await start();
    const general = { id: '19:general@thread.tacv2', conversationType: 'channel' as const, teamId: '19:general@thread.tacv2' };
    const team = new TeamsClient(app.url, connector, general, alice);
    for (const member of ['29:m1', '29:m2', '29:m3']) expect((await team.membersAdded([{ id: member }])).sent).toEqual([]);
    const installed = await team.install('zh-CN');
    expect(installed.sent).toHaveLength(1);

    // Subscribing from inside a thread: the channel is subscribed, once.
    const thread = new TeamsClient(app.url, connector, { ...general, id: '19:general@thread.tacv2;messageid=1700000000001' }, bob);
    const subscribed = await thread.say('订阅公示', { mention: true });
    expect(textsOf(subscribed.sent)).toContain(t('zh-CN', 'subscribedTo', { topics: t('zh-CN', 'topicName_publicity') }));
    expect(connector.received.at(-1)!.conversationId).toBe('19:general@thread.tacv2;messageid=1700000000001');
    expect(await app.store.recipients.get(recipientId('msteams', '19:general@thread.tacv2;messageid=1700000000001'))).toBeNull();

    const created = await admin('/api/admin/notices', {
      method: 'POST',
      body: JSON.stringify({ kind: 'announcement', title: '关于开展2026年第三批认定申报的通知', text: '即日起受理。', audience: { type: 'subscribers', topics: ['publicity'] } }),
    });
    const { id } = (await created.json()) as { id: string };
    const before = connector.received.length;
    expect((await admin(`/api/admin/notices/${id}/send`, { method: 'POST' })).status).toBe(202);
    const notice = await waitFor(async () => connector.received.slice(before).find((r) => JSON.stringify(r.activity).includes('第三批认定申报')));
    expect(notice.conversationId).toBe('19:general@thread.tacv2');
    expect(notice.activity.replyToId).toBeUndefined();
  });
});

describe('Teams: language, cards, identity', () => {
  it('keeps the language the user writes in when they press a button, whatever the client locale', async () => {
    await start();
    const personal = new TeamsClient(app.url, connector, { id: 'a:personal-alice', conversationType: 'personal' }, alice);
    expect(textsOf((await personal.install('en-US')).sent)[0]).toBe(t('en-US', 'welcome'));
    const settings = await personal.say('订阅设置', { locale: 'en-US' });
    expect(textsOf(settings.sent).join('\n')).toContain(t('zh-CN', 'subscriptionsTitle'));
    // Save on the Chinese card: Teams sends the client's en-US, no text.
    const saved = await personal.submit({ action: 'subscriptions', own: 'false', publicity: 'true', call: 'false', event: 'false' }, 'en-US');
    expect(textsOf(saved.sent)).toEqual([t('zh-CN', 'subscriptionsSaved', { topics: t('zh-CN', 'topicName_publicity') })]);
    const record = await app.store.recipients.get(recipientId('msteams', 'a:personal-alice'));
    expect(record?.locale).toBe('zh-CN');
    // Writing English switches, and only then.
    expect(textsOf((await personal.say('What can you do?')).sent)).toContain(t('en-US', 'helpIntro'));
  });

  it('answers Action.Execute with a refreshed card instead of 501', async () => {
    await start();
    const personal = new TeamsClient(app.url, connector, { id: 'a:personal-bob', conversationType: 'personal' }, bob);
    await personal.say('订阅设置');
    const invoke = await personal.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'subscriptions', data: { own: 'false', publicity: 'false', call: 'false', event: 'true' } }, trigger: 'manual' },
    });
    expect(invoke.status).toBe(200);
    const body = invoke.body as { statusCode: number; type: string; value: { type: string; body: { text?: string }[] } };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.value.type).toBe('AdaptiveCard');
    expect(body.value.body.map((b) => b.text)).toContain(t('zh-CN', 'subscriptionsSaved', { topics: t('zh-CN', 'topicName_event') }));
    // Nothing beside the card: the card is the answer.
    expect(invoke.sent).toEqual([]);
    expect((await app.store.recipients.get(recipientId('msteams', 'a:personal-bob')))?.topics).toEqual(['event']);
  });

  it('binds a contact by AAD object id and records staff by AAD object id', async () => {
    await start({ STAFF_USERS: 'aad-staff' });
    const [application] = await app.store.applications.listByCreditCode('91441900TN8DTU2DR4');
    await app.store.applications.upsert({ ...application!, contacts: [...application!.contacts, { name: 'Alice', aadObjectId: 'aad-alice' }] });
    const personal = new TeamsClient(app.url, connector, { id: 'a:personal-contact', conversationType: 'personal' }, alice);
    const status = await personal.say('我们公司的申报到哪一步了');
    expect(textsOf(status.sent).join('\n')).toContain('东莞市松湖智造科技有限公司');
    expect((await app.store.recipients.get(recipientId('msteams', 'a:personal-contact')))?.role).toBe('enterprise');

    const staff = new TeamsClient(app.url, connector, { id: 'a:personal-staff', conversationType: 'personal' }, { id: '29:staff', name: 'Staff', aadObjectId: 'aad-staff' });
    await staff.install('zh-CN');
    expect((await app.store.recipients.get(recipientId('msteams', 'a:personal-staff')))?.role).toBe('staff');
  });

  it('a reinstall starts afresh; an uninstall marks the chat uninstalled', async () => {
    await start();
    const personal = new TeamsClient(app.url, connector, { id: 'a:personal-re', conversationType: 'personal' }, alice);
    await personal.install('zh-CN');
    await personal.say('绑定企业');
    await personal.uninstall();
    expect((await app.store.recipients.get(recipientId('msteams', 'a:personal-re')))?.state).toBe('uninstalled');
    expect((await personal.install('zh-CN')).sent).toHaveLength(1);
    expect((await app.store.recipients.get(recipientId('msteams', 'a:personal-re')))?.state).toBe('active');
    expect(textsOf((await personal.say('取消')).sent)).toEqual([t('zh-CN', 'nothingToCancel')]);
  });

  it('with ALLOWED_TENANTS, refuses other tenants politely and records nothing of them', async () => {
    await start({ ALLOWED_TENANTS: TENANT });
    const stranger = new TeamsClient(app.url, connector, { id: 'a:stranger', conversationType: 'personal', tenantId: 'tenant-elsewhere' }, bob);
    expect((await stranger.install('zh-CN')).sent).toEqual([]);
    const refused = await stranger.say('你好');
    expect(textsOf(refused.sent)).toEqual([t('zh-CN', 'tenantNotAllowed', { staffContact: t('zh-CN', 'staffContact') })]);
    expect(await app.store.recipients.get(recipientId('msteams', 'a:stranger'))).toBeNull();
    const member = new TeamsClient(app.url, connector, { id: 'a:member', conversationType: 'personal' }, alice);
    expect(textsOf((await member.say('你好，你能做什么？')).sent)).toContain(t('zh-CN', 'helpIntro'));
  });
});

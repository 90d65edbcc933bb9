import type { DialogTestClient } from 'botbuilder-testing';
import type { Store } from '../../data/store';
import { testChats } from '../support/dialogs';
import { openTestStore } from '../support/store';
import { play, type Turn } from './support/turns';

// Subscribing and unsubscribing in chat, as tables of turns: topics named or the defaults, the settings card,
// and what the conversation is subscribed to afterwards.
let store: Store;
let chat: () => DialogTestClient;
beforeAll(async () => {
  store = await openTestStore();
  chat = await testChats(store);
});
afterAll(() => store.close());

const cases: [name: string, turns: Turn[]][] = [
  ['订阅公示 adds that topic; 退订公示 removes it', [
    { user: '订阅公示', bot: ['已订阅：公示'] },
    { user: '订阅对接活动', bot: ['已订阅：', '活动'] },
    { user: '退订公示', bot: ['已退订：公示', '仍会收到'] },
  ]],
  ['subscribing with no topic named: the defaults at once, and the card to change them', [
    { user: '订阅通知', bot: ['已订阅：', '保存'] },
    { user: '退订', bot: ['已退订全部通知'] },
  ]],
  ['asking for the settings shows the card and changes nothing', [
    { user: '订阅设置', bot: ['通知订阅设置', '保存'], not: ['已订阅'] },
  ]],
  ['the card\'s Save keeps exactly the toggles chosen', [
    { user: { value: { action: 'subscriptions', own: 'false', publicity: 'true', call: 'false', event: 'true' } }, bot: ['公示', '活动'] },
  ]],
  ['in English', [
    { user: 'subscribe to publicity notices', bot: ['Subscribed'] },
    { user: 'unsubscribe', bot: [/unsubscribed|all notices/i] },
  ]],
];

test.each(cases)('%s', async (name, turns) => {
  await play(chat(), `subs-${name.length}`, turns);
});

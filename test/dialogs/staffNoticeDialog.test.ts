import type { DialogTestClient } from 'botbuilder-testing';
import { seedDemoData } from '../../data/demo/seed';
import type { Store } from '../../data/store';
import { testChats } from '../support/dialogs';
import { openTestStore } from '../support/store';
import { play, type Turn } from './support/turns';

// 发布通知 as tables of turns: the questions each kind of notice needs, a date asked again until it is one,
// the confirmation card, and the notice started (or not) — only for staff, at every step.
let store: Store;
let chat: () => DialogTestClient;
beforeAll(async () => {
  store = await openTestStore();
  await seedDemoData(store);
  chat = await testChats(store, { isStaff: (context) => context.activity.from.id.startsWith('staff') });
});
afterAll(() => store.close());

const button = (value: unknown, text?: string) => ({ text, value });
const confirm = (yes: boolean) => button({ action: 'confirm', yes });

const cases: [name: string, user: string, started: number, turns: Turn[]][] = [
  ['a call: kind, title, text, a deadline, the audience, confirmed and started', 'staff-call', 1, [
    { user: '发布通知', bot: ['要发布哪类通知？', '申报/评价通知', '对接活动', '公告', '公示'] },
    { user: button({ choice: 'call' }), bot: ['请输入通知标题。'] },
    { user: '2027年度服务商申报', bot: ['请输入通知正文。'] },
    { user: '请于截止前提交材料。', bot: ['截止时间？（如 2026-12-31 17:00）'] },
    { user: '2027-01-15 17:00', bot: ['发给谁？', '订阅了该类通知的用户', '所有会话'], not: ['活动地点？'] },
    { user: button({ choice: 'subscribers' }), bot: ['即将发送“2027年度服务商申报”（申报/评价通知）给：订阅了该类通知的用户。确认发送吗？'] },
    { user: confirm(true), bot: [/已开始发送，编号 N\d{8}-/] },
  ]],
  ['an event: a date that is not one is asked again, then time and place; kinds and audience typed', 'staff-event', 1, [
    { user: '发布通知', bot: ['要发布哪类通知？'] },
    { user: '活动', bot: ['请输入通知标题。'] },
    { user: '供需对接会', bot: ['请输入通知正文。'] },
    { user: '欢迎报名。', bot: ['活动时间？（如 2026-12-10 14:00）'] },
    { user: '下周二', bot: ['请按“年-月-日 时:分”写，如 2026-12-10 14:00。'], not: ['活动地点？'] },
    { user: '2026-12-10 14:00', bot: ['活动地点？'] },
    { user: '佛山市南海区', bot: ['发给谁？'] },
    { user: '所有人', bot: ['即将发送“供需对接会”（对接活动）给：所有会话。'] },
    { user: '确认', bot: [/已开始发送，编号 N\d{8}-/] },
  ]],
  ['an announcement has no date; an unnamed audience means subscribers; not confirmed, nothing is sent', 'staff-announce', 0, [
    { user: '发布通知', bot: ['要发布哪类通知？'] },
    { user: button({ choice: 'announcement' }), bot: ['请输入通知标题。'] },
    { user: '系统维护', bot: ['请输入通知正文。'] },
    { user: '今晚维护。', bot: ['发给谁？'], not: ['截止时间', '活动时间'] },
    { user: '随便', bot: ['给：订阅了该类通知的用户'] },
    { user: confirm(false), bot: ['好的，已取消'], not: ['已开始发送'] },
  ]],
  ['a kind that is none is asked again; a publicity notice goes through the staff API', 'staff-publicity', 0, [
    { user: '发布通知', bot: ['要发布哪类通知？'] },
    { user: button({ choice: 'nonsense' }, '嗯'), bot: ['要发布哪类通知？'] },
    { user: button({ choice: 'publicity' }), bot: ['公示通知需要公示期和名单'], not: ['请输入通知标题。'] },
  ]],
  ['someone not staff is refused at the start', 'visitor', 0, [
    { user: '发布通知', bot: ['发布通知仅限工作人员使用。'], not: ['要发布哪类通知？'] },
  ]],
];

test.each(cases)('%s', async (_name, user, started, turns) => {
  const created = async () => (await store.notices.listRecent(1000)).filter((n) => n.createdBy === `test:${user}`).length;
  await play(chat(), user, turns);
  expect(await created()).toBe(started);
});

test('in a shared chat, someone not staff who answers a question is refused and nothing is sent', async () => {
  const client = chat();
  await play(client, 'staff-group', [
    { user: '发布通知', bot: ['要发布哪类通知？'] },
    { user: button({ choice: 'announcement' }), bot: ['请输入通知标题。'] },
  ]);
  await play(client, 'visitor-group', [{ user: '我来写标题', bot: ['发布通知仅限工作人员使用。'], not: ['请输入通知正文。'] }]);
  await play(client, 'staff-group', [{ user: '系统维护', bot: [], not: ['请输入通知正文。'] }]);
  expect((await store.notices.listRecent(1000)).filter((n) => n.createdBy?.endsWith('-group'))).toHaveLength(0);
});

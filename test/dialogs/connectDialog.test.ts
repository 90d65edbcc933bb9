import type { DialogTestClient } from 'botbuilder-testing';
import { seedDemoData } from '../../data/demo/seed';
import type { Store } from '../../data/store';
import { testChats } from '../support/dialogs';
import { openTestStore } from '../support/store';
import { play, type Turn } from './support/turns';

// Connecting with a recommended supplier (对接), as tables of turns: the card's Connect button, the questions,
// the confirmation, and what is recorded.
let store: Store;
let chat: () => DialogTestClient;
let creditCode: string;
beforeAll(async () => {
  store = await openTestStore();
  await seedDemoData(store);
  chat = await testChats(store);
  creditCode = (await store.suppliers.listAll()).find((s) => s.name === '佛山市智联云工业科技有限公司')!.creditCode;
});
afterAll(() => store.close());

const connect = () => ({ value: { action: 'connect', creditCode } });
const need: Turn = { user: '我们是佛山的陶瓷厂，窑炉能耗太高，想找能耗管理的服务商', bot: ['佛山市智联云工业科技有限公司', '对接'] };

const cases: [name: string, leadsAdded: number, turns: () => Turn[]][] = [
  ['asks company, contact and phone, confirms, and records the lead', 1, () => [
    need,
    { user: connect(), bot: ['为您对接“佛山市智联云工业科技有限公司”', '贵公司名称'] },
    { user: '佛山陶瓷一厂', bot: ['联系人怎么称呼'] },
    { user: '王工', bot: ['联系电话'] },
    { user: '12345', bot: [/手机|电话/] },
    { user: '13812345678', bot: ['请确认对接信息', '佛山陶瓷一厂', '王工，13812345678'] },
    { user: '确认', bot: [/已登记对接需求，编号 \S+/, '天后会请您为这次对接打分'] },
  ]],
  ['a typed "no" at the confirmation records nothing', 0, () => [
    need,
    { user: connect(), bot: ['贵公司名称'] },
    { user: '佛山陶瓷二厂', bot: ['联系人'] },
    { user: '李工', bot: ['联系电话'] },
    { user: '020-83133375', bot: ['请确认对接信息'] },
    { user: '不了', bot: ['好的，已取消'] },
  ]],
  ['取消 leaves the flow at any question', 0, () => [
    need,
    { user: connect(), bot: ['贵公司名称'] },
    { user: '算了吧', bot: ['好的，已取消'] },
  ]],
  ['a supplier no longer recommended is said so', 0, () => [
    need,
    { user: { value: { action: 'connect', creditCode: '91440000000000000X' } }, bot: ['这家服务商已不在资源池推荐范围内'] },
  ]],
];

test.each(cases)('%s', async (name, leadsAdded, turns) => {
  const before = (await store.leads.list()).length;
  await play(chat(), `connect-${name.length}`, turns());
  expect((await store.leads.list()).length - before).toBe(leadsAdded);
});

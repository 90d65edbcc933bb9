import { demoChats, play, type Turn } from './support/turns';

// Connecting with a recommended supplier (对接), as tables of turns: the card's Connect button, the questions,
// the confirmation, and what is recorded.
const { store, chat } = demoChats();
let creditCode: string;
beforeAll(async () => {
  creditCode = (await store().suppliers.listAll()).find((s) => s.name === '佛山市智联云工业科技有限公司')!.creditCode;
});

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
  ['a user bound to one enterprise is not asked its name', 1, () => [
    { user: '绑定 91440100FUE1PCUFUL GZ-1960', bot: ['已绑定'] },
    need,
    { user: connect(), bot: ['好的，以“广州羊城数联科技有限公司”的名义与“佛山市智联云工业科技有限公司”对接', '联系人怎么称呼'], not: ['贵公司名称'] },
    { user: '赵工', bot: ['联系电话'] },
    { user: '138 1234 5678', bot: ['请确认对接信息', '贵公司：广州羊城数联科技有限公司', '赵工，13812345678'] },
    { user: { text: '确认提交', value: { action: 'confirm', yes: true } }, bot: ['已登记对接需求'] },
  ]],
  ['a supplier no longer recommended is said so', 0, () => [
    need,
    { user: { value: { action: 'connect', creditCode: '91440000000000000X' } }, bot: ['这家服务商已不在资源池推荐范围内'] },
  ]],
];

test.each(cases)('%s', async (name, leadsAdded, turns) => {
  const before = (await store().leads.list()).length;
  await play(chat(), `connect-${name.length}`, turns());
  expect((await store().leads.list()).length - before).toBe(leadsAdded);
});

import { demoChats, play, type Turn } from './support/turns';

// Finding a supplier, as tables of turns (BotBuilder-Samples core-bot style): the user's words, then what
// the bot's replies contain. Over the seeded demo catalog and the product's own recognizer.
const { chat } = demoChats();

const cases: [name: string, turns: Turn[]][] = [
  ['a need told at once: matches with their reasons, then more and refine', [
    { user: '我们是佛山的陶瓷厂，窑炉能耗太高，想找能耗管理的服务商', bot: ['需要：能耗管理；行业：陶瓷建材', '佛山市智联云工业科技有限公司', '有陶瓷建材行业案例', '2025年度评价优秀', '对接', '调整需求'] },
    { user: '更多', bot: ['没有更多推荐了'] },
    { user: '调整需求', bot: ['请补充或修改您的需求'] },
  ]],
  ['a need without its industry: asked once, and 跳过 searches without it', [
    { user: '想找能耗管理的服务商', bot: ['贵企业属于哪个行业'] },
    { user: '跳过', bot: ['需要：能耗管理', '对接'], not: ['行业：'] },
  ]],
  ['不填 skips the industry question too (one reading of skip for every flow)', [
    { user: '想找能耗管理的服务商', bot: ['贵企业属于哪个行业'] },
    { user: '不填', bot: ['需要：能耗管理'], not: ['行业：'] },
  ]],
  ['the directory is the published list, not a match', [
    { user: '推荐名录有哪些', bot: ['推荐名录'], not: ['按匹配度排序'] },
  ]],
  ['English in, English out', [
    { user: 'We need an energy management supplier for our ceramics kiln', bot: ['Energy', 'Connect'] },
  ]],
];

test.each(cases)('%s', async (_name, turns) => {
  await play(chat(), `find-${_name.length}`, turns);
});

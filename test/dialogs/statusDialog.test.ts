import { demoChats, play, type Turn } from './support/turns';

// Progress after binding, as tables of turns: a user binds an enterprise with its access code and then sees
// that enterprise's stages; nobody sees an enterprise before binding it.
const { chat } = demoChats();

const cases: [name: string, turns: Turn[]][] = [
  ['binds in one message, then the status card of that enterprise only', [
    { user: '绑定 91440100FUE1PCUFUL GZ-1960', bot: ['已绑定“广州羊城数联科技有限公司”'] },
    { user: '申报进度', bot: ['广州羊城数联科技有限公司 · 资源池认定进度', '当前环节：专家评审', '下一步：上报评审结果'], not: ['东莞市松湖智造'] },
  ]],
  ['asks to bind first, step by step, then answers the question asked', [
    { user: '申报进度', bot: ['查询进度前需要先绑定企业', '请输入贵企业的统一社会信用代码（18位）'] },
    { user: '91440100FUE1PCUFUL', bot: [/查询码|access/] },
    { user: 'GZ-1960', bot: ['已绑定“广州羊城数联科技有限公司”', '当前环节：专家评审'] },
  ]],
  ['a mistyped code is called mistyped, with the likely code', [
    { user: '绑定企业', bot: ['统一社会信用代码'] },
    { user: '9144O1OOFUE1PCUFUL', bot: ['这个代码看起来输错了', '91440100FUE1PCUFUL'] },
  ]],
  ['unbinding: the enterprise is no longer shown', [
    { user: '绑定 91440100FUE1PCUFUL GZ-1960', bot: ['已绑定'] },
    { user: '解除绑定企业', bot: ['已解除'] },
    { user: '申报进度', bot: ['查询进度前需要先绑定企业'], not: ['当前环节'] },
  ]],
];

test.each(cases)('%s', async (name, turns) => {
  await play(chat(), `status-${name.length}`, turns);
});

import type { SubmissionType } from '../../services/applications/submissions';
import { demoChats, play, type Turn } from './support/turns';

// Forms taken in conversation — an objection during the demo publicity period, a change report — as tables
// of turns: each question, the summary to confirm, and what is stored (nothing before the user confirms).
const { store, chat } = demoChats();

const contact = (organisation: string): Turn[] => [
  { user: organisation, bot: ['联系人姓名'] },
  { user: '李四', bot: ['联系电话'] },
];

const cases: [name: string, type: SubmissionType, stored: number, turns: Turn[]][] = [
  ['an objection: target, grounds, who objects, evidence, then the letter to seal', 'objection', 1, [
    { user: '我要提异议', bot: ['正在公示', '异议应在公示期内向省经济和信息化委提出', '您对哪家企业或名单有异议', '东莞市松湖智造科技有限公司', '整个名单'] },
    { user: { text: '东莞市松湖智造科技有限公司', value: { choice: '东莞市松湖智造科技有限公司' } }, bot: ['请说明异议的理由'] },
    { user: '其公示材料中的案例与事实不符', bot: ['请提供您单位（企业）的真实名称'] },
    ...contact('广州某某公司'),
    { user: '13812345678', bot: ['请上传佐证材料'] },
    { user: '附件为合同复印件与现场照片', bot: ['请确认以下信息', '异议对象：东莞市松湖智造科技有限公司', '佐证：附件为合同复印件与现场照片', '确认提交'] },
    { user: '是', bot: [/编号 YY-\d{8}-\w+/, '本助手不能受理异议', 'http://bot.test/letters/'] },
  ]],
  ['an objection not confirmed is not stored', 'objection', 0, [
    { user: '我要提异议', bot: ['您对哪家企业或名单有异议'] },
    { user: { text: '整个名单', value: { choice: '整个名单' } }, bot: ['请说明异议的理由'] },
    { user: '名单有误', bot: ['真实名称'] },
    ...contact('佛山某某公司'),
    { user: '13812345678', bot: ['请上传佐证材料'] },
    { user: '相关合同和照片', bot: ['请确认以下信息'] },
    { user: { text: '不提交', value: { action: 'confirm', yes: false } }, bot: ['好的，已取消'] },
  ]],
  ['a change report from the answer\'s button: the kind is known, the rest asked, the document\'s requirements shown', 'change_report', 1, [
    { user: '公司改名了，要报备', bot: ['发生名称变更，文件的要求是', '在本助手登记变更'] },
    { user: { text: '在本助手登记变更', value: { action: 'startForm', flow: 'change_report', prefill: { kind: 'name' } } }, bot: ['变更从什么时候开始'] },
    { user: '2026年11月', bot: ['请简要说明变更内容'] },
    { user: '原名广州羊城数联，现名广州数联', bot: ['真实名称'] },
    ...contact('广州数联'),
    { user: '13812345678', bot: ['请确认以下信息', '变更类型：名称', '报给谁', '确认提交'] },
    { user: '确认', bot: [/已记录，编号 BG-\d{8}-\w+/, '这不代替正式报送'] },
  ]],
  ['a phone number that is not one is asked again', 'change_report', 0, [
    { user: { text: '在本助手登记变更', value: { action: 'startForm', flow: 'change_report', prefill: { kind: 'name' } } }, bot: ['变更从什么时候开始'] },
    { user: '上个月', bot: ['变更内容'] },
    { user: '更名', bot: ['真实名称'] },
    ...contact('某公司'),
    { user: '123', bot: [/电话|号码/], not: ['请确认以下信息'] },
    { user: '取消', bot: ['好的，已取消'] },
  ]],
];

test.each(cases)('%s', async (name, type, stored, turns) => {
  const before = (await store().submissions.list(type)).length;
  await play(chat(), `form-${name.length}`, turns);
  expect((await store().submissions.list(type)).length - before).toBe(stored);
});

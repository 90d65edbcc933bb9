import { strFromU8, unzipSync } from 'fflate';
import { seedDemoData } from '../../data/demo/seed';
import { ADMIN_TOKEN, startTestApp } from '../support/app';
import { DirectLineClient, type DlActivity } from '../support/directLineClient';
import { openTestStore } from '../support/store';

const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

describe('objections, recusal requests and change reports', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function chat(user: string) {
    const dl = new DirectLineClient(app.url, user);
    await dl.start();
    const post = async (activity: Record<string, unknown>): Promise<DlActivity[]> => {
      await dl.call('POST', `/conversations/${dl.conversationId}/activities`, { type: 'message', from: { id: user }, ...activity });
      return dl.botReplies();
    };
    const upload = (files: { name: string; type: string; data: string | Buffer }[], activity: Record<string, unknown> = {}) => dl.upload(files, activity);
    return { say: (text: string) => post({ text }), post, upload, dl };
  }
  const submissions = async (type: string) => (await (await fetch(`${app.url}/api/admin/submissions?type=${type}`, { headers: staff })).json()).submissions;

  it('prepares an objection during the publicity period, with evidence: recorded, not accepted, and a sealed letter to the commission to download', async () => {
    const { say, post, upload, dl } = await chat('objector');
    const opening = await say('我要对公示名单提异议');
    expect(opening.map((a) => a.text).join()).toMatch(/正在公示：2026年第一批.*至/);
    const choice = opening.at(-1)!.attachments![0]!.content;
    expect(choice.buttons!.map((b) => b.title)).toEqual(['东莞市松湖智造科技有限公司', '整个名单']);
    await post({ text: '东莞市松湖智造科技有限公司', value: { choice: '东莞市松湖智造科技有限公司（91441900TN8DTU2DR4）' } });
    await say('申报材料中的标杆案例并非其实施');
    await say('佛山市某某科技有限公司');
    await say('张三');
    expect((await say('123'))[0]?.text).toContain('号码格式好像不对');
    expect((await say('0757-12345678'))[0]?.text).toContain('请上传佐证材料');
    await upload([{ name: 'evidence.zip', type: 'application/zip', data: 'PK' }]);
    expect((await dl.botReplies())[0]?.text).toBe('不支持这种文件类型（application/zip）。请上传图片、PDF或Word文件，或用文字描述：');
    const clientLink = await post({ text: '', attachments: [{ contentType: 'application/pdf', name: 'malware.pdf', contentUrl: 'https://evil.example/malware.pdf' }] });
    expect(clientLink[0]?.text).toBe('请用一两句话描述证据，或上传文件：'); // a link the client wrote is not a file
    await upload([{ name: 'contract.png', type: 'image/png', data: PNG }], { text: '合同截图' });
    const confirm = await dl.botReplies();
    expect(confirm[0]?.attachments?.[0]?.content.text).toContain('单位名称：佛山市某某科技有限公司');
    expect(await submissions('objection')).toEqual([]); // nothing stored before the user confirms
    const done = await post({ text: '确认提交', value: { action: 'confirm', yes: true } });
    // Issue 15, point 4: the chat prepares the objection; the document requires it sealed, to the commission, in the period.
    const said = done[0]?.text ?? '';
    expect(said).toMatch(/^已记录您准备的异议，编号 YY-\d{8}-[0-9A-Z]{4}。请注意：这还不是正式提交，本助手不能受理异议。/);
    expect(said).not.toMatch(/已受理|已提交/);
    expect(said).toMatch(/异议须在公示期内（本次截止 \d{4}-\d{2}-\d{2}）向省经济和信息化委提出，并加盖公章/);
    const link = /http:\/\/\S+\/letters\/(YY-[0-9A-Z-]+)\/([A-Za-z0-9_-]{32})/.exec(said)!;
    expect(done[0]?.attachments?.[0]).toMatchObject({ contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', contentUrl: link[0] });
    const letter = await fetch(link[0]);
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-disposition')).toContain(`objection-${link[1]}.docx`);
    const xml = strFromU8(unzipSync(new Uint8Array(await letter.arrayBuffer()))['word/document.xml']!);
    for (const words of ['异议书', '广东省经济和信息化委员会：', '东莞市松湖智造科技有限公司（91441900TN8DTU2DR4）', '申报材料中的标杆案例并非其实施', '佛山市某某科技有限公司', '张三', '0757-12345678', '合同截图', '（加盖公章）']) {
      expect(xml).toContain(words);
    }
    expect(xml).toMatch(/公示期 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
    // The link cannot be guessed: another token, or none, finds nothing.
    expect((await fetch(link[0].replace(link[2], 'A'.repeat(32)))).status).toBe(404);
    expect((await (await fetch(`${app.url}/letters/${link[1]}/x`)).json()).error.code).toBe('NotFound');
    const [stored] = await submissions('objection');
    expect(JSON.stringify(stored)).not.toContain(link[2]); // only the token's hash is kept
    expect(stored).toMatchObject({
      type: 'objection',
      fields: { target: '东莞市松湖智造科技有限公司（91441900TN8DTU2DR4）', organisation: '佛山市某某科技有限公司', contact: '张三', phone: '0757-12345678', evidence: '合同截图' },
      evidence: [{ name: 'contract.png', contentType: 'image/png', size: PNG.length, download: expect.stringMatching(/\/api\/admin\/evidence\/[\w-]{22}$/) }],
    });
    const file = await fetch(`${app.url}${new URL(stored.evidence[0].download, app.url).pathname}`, { headers: staff });
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    const csv = await (await fetch(`${app.url}/api/admin/submissions?type=objection&format=csv`, { headers: staff })).text();
    expect(csv).toContain('申报材料中的标杆案例并非其实施');
  });

  it('stores nothing when the user cancels midway', async () => {
    const { say } = await chat('canceller');
    await say('申请专家回避');
    await say('RZ-2026-2-0003');
    expect((await say('取消'))[0]?.text).toBe('好的，已取消。还有什么可以帮您？');
    expect(await submissions('recusal')).toEqual([]);
  });

  it('takes a recusal request with a receipt', async () => {
    const { say, post } = await chat('recuser');
    expect((await say('评审专家是我们竞争对手的顾问，想申请回避')).at(-1)?.text).toBe('要申请回避的是哪一次评审？（例如申请编号或批次）');
    await say('RZ-2026-2-0003');
    await say('王专家，某竞争企业的技术顾问');
    await say('该专家为我司直接竞争对手提供咨询服务');
    await say('广州羊城数联科技有限公司');
    await say('林先生');
    await say('13800138000');
    expect((await post({ text: '确认提交', value: { action: 'confirm', yes: true } }))[0]?.text).toMatch(/编号 HB-/);
    expect((await submissions('recusal'))[0].fields.expert).toBe('王专家，某竞争企业的技术顾问');
  });

  it('answers a change report in one message — what, to whom, when — and does not ask again what changed', async () => {
    const { say, post } = await chat('changer');
    const answer = (await say('我们公司股东变了要报备')).at(-1);
    expect(answer?.text).toMatch(/^发生股权结构重大变更，文件的要求是：/);
    expect(answer?.text).toContain('报给谁：报省经济和信息化委，同时抄报省联盟');
    expect(answer?.text).toContain('什么时候：在办理相关手续后及时报送');
    expect(answer?.text).toContain('申请变更请示，并提交更新后完整材料');
    expect(answer?.text).toContain('依据：粤经信办函〔2018〕348号 工作方案 二（二）第二段；附件2 第二条');
    for (const invented of ['营业执照', '名称变更核准通知书', '股东名册']) expect(answer?.text).not.toContain(invented);
    const button = answer!.attachments![0]!.content.buttons!.find((b) => b.title === '在本助手登记变更')!;
    const next = await post({ text: button.title, value: button.value });
    expect(next.at(-1)?.text).toBe('变更从什么时候开始（或手续何时办结）？'); // the kind is known: not asked again
    await say('2026年10月');
    await say('引入新的控股股东');
    await say('佛山市智联云工业科技有限公司');
    await say('李工');
    const confirm = await say('13900139000');
    expect(confirm[0]?.attachments?.[0]?.content.text).toContain('变更类型：股权结构');
    expect(confirm[0]?.attachments?.[0]?.content.text).not.toContain('股东名册');
    expect((await post({ text: '确认提交', value: { action: 'confirm', yes: true } }))[0]?.text).toMatch(/^已记录，编号 BG-.*这不代替正式报送/);
    expect((await submissions('change_report'))[0].fields).toMatchObject({ kind: '股权结构', since: '2026年10月' });
  });

  it('tells what is under publicity now, with the list', async () => {
    const { say } = await chat('curious');
    const reply = (await say('最近有什么公示')).at(-1)?.text ?? '';
    expect(reply).toMatch(/^正在公示：2026年第一批.*（\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}）/);
    expect(reply).toContain('公示名单：东莞市松湖智造科技有限公司');
    expect(reply).toContain('应向省经济和信息化委反映情况'); // the notice's own text, in the document's words (附件1 第九条)
  });

  it('answers where to submit for Dongguan and for a county-level city, and the support measures', async () => {
    const { say } = await chat('asker');
    expect((await say('东莞的企业申报材料交到哪里')).at(-1)?.text).toContain('东莞的企业根据申报通知要求准备纸质和电子材料，直接向东莞市经济和信息化主管部门递交申请');
    expect((await say('佛山企业申报材料交到哪'))[0]?.text).toContain('向企业所在县（市、区）经济和信息化主管部门递交申请，由县级主管部门收集整理后报佛山市');
    expect((await say('认定的评审指标有哪些'))[0]?.text).toContain('核心团队、商业模式、产品服务、应用案例、市场评价');
    expect((await say('服务券怎么用'))[0]?.text).toContain('服务券优先发放和结算');
    expect((await say('how do we apply to the pool?'))[0]?.text).toMatch(/^Recognition has ten steps/);
  });
});

describe('an objection outside the publicity period', () => {
  it('says when the last period closed and takes nothing', async () => {
    const store = await openTestStore();
    await seedDemoData(store, { today: new Date(Date.now() - 30 * 86_400_000) }); // the demo period ended 23 days ago
    const app = await startTestApp(store);
    try {
      const dl = new DirectLineClient(app.url, 'late');
      await dl.start();
      await dl.say('我要提异议');
      const reply = (await dl.botReplies()).at(-1)?.text ?? '';
      expect(reply).toMatch(/^现在不在公示期内。按文件规定，异议应在公示期内向省经济和信息化委提出；文件没有规定公示期外的异议如何处理。最近一次公示（2026年第一批.*）已于 \d{4}-\d{2}-\d{2} 结束。$/);
      expect(await store.submissions.list('objection')).toEqual([]);
      await dl.say('最近有什么公示');
      expect((await dl.botReplies()).at(-1)?.text).toMatch(/^目前没有正在进行的公示。最近一次公示（.*）已于 \d{4}-\d{2}-\d{2} 结束。$/);
    } finally {
      await app.close();
    }
  });
});

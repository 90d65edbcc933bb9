import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { seedDemoData } from '../../data/demo/seed';
import type { Store } from '../../data/store';
import { BindDialog } from '../../dialogs/bindDialog';
import { objectionForm } from '../../dialogs/enterpriseForms';
import { MainDialog, type MainDialogOptions } from '../../dialogs/mainDialog';
import { StatusDialog } from '../../dialogs/statusDialog';
import { SubmissionDialog } from '../../dialogs/submissionDialog';
import { BindingService } from '../../services/applications/binding';
import { Submissions } from '../../services/applications/submissions';
import { NoticeReader } from '../../services/notices/noticeReader';
import { intentRecognizer } from '../support/recognizer';
import { openTestStore } from '../support/store';
import { testMainDialogOptions } from '../support/dialogs';

/** The enterprise flows driven with botbuilder-testing's DialogTestClient, over the real store. */
describe('enterprise flows (DialogTestClient)', () => {
  let store: Store;
  let binding: BindingService;
  let everything: MainDialogOptions;
  beforeAll(async () => {
    store = await openTestStore();
    await seedDemoData(store);
    binding = new BindingService(store.applications, store.bindings, store.bindingAttempts);
    everything = await testMainDialogOptions(store);
  });
  afterAll(() => store.close());

  function client(user: string, now?: () => Date): { c: DialogTestClient; user: string } {
    const bind = new BindDialog(intentRecognizer, binding);
    const dialog = new MainDialog(intentRecognizer, {
      ...everything,
      flows: {
        ...everything.flows,
        bind_enterprise: bind,
        application_status: new StatusDialog('applicationStatus', 'recognition', intentRecognizer, binding, bind),
        objection: new SubmissionDialog(objectionForm(new NoticeReader(store.notices, now), (no, token) => `http://bot.test/letters/${no}/${token}`), intentRecognizer, new Submissions(store.submissions, store.outbox)),
      },
    });
    return { c: new DialogTestClient('test', dialog), user };
  }

  /** Each test is a different chat user: bindings are per channel and user. */
  async function send({ c, user }: { c: DialogTestClient; user: string }, text: string): Promise<Partial<Activity>[]> {
    const replies: Partial<Activity>[] = [await c.sendActivity({ type: 'message', text, from: { id: user, name: user } as Activity['from'] })];
    for (let next = c.getNextReply(); next; next = c.getNextReply()) replies.push(next);
    return replies;
  }
  const texts = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? (r.attachments?.[0]?.content as { fallbackText?: string })?.fallbackText ?? '');

  it('calls a mistyped credit code mistyped and suggests the likely code', async () => {
    const c = client('u-typo');
    await send(c, '绑定企业');
    expect(texts(await send(c, '9144O1OOFUE1PCUFUL'))).toEqual(['这个代码看起来输错了（含有信用代码不使用的字母，如 I、O、S、V、Z）。您是不是要输入 91440100FUE1PCUFUL？请重新输入：']);
  });

  it('binds, then shows only that enterprise’s application', async () => {
    const c = client('u-owner');
    await send(c, '绑定 91440100FUE1PCUFUL GZ-1960');
    const status = texts(await send(c, '申报进度'))[0]!;
    expect(status).toContain('广州羊城数联科技有限公司');
    expect(status).not.toContain('东莞市松湖智造');
  });

  it('keeps other enterprises’ data hidden from an unbound user', async () => {
    const c = client('u-stranger');
    expect(texts(await send(c, '申报进度'))).toEqual(['查询进度前需要先绑定企业，以确认您有权查看。', '请输入贵企业的统一社会信用代码（18位）：']);
  });

  it('locks after five wrong access codes', async () => {
    const c = client('u-guess');
    let last: string[] = [];
    for (let i = 0; i < 5; i++) last = texts(await send(c, `绑定 91440600TW13AK20KR WRONG${i}`));
    expect(last.at(-1)).toMatch(/^输错次数过多，绑定已暂时锁定，请在 \d{2}:\d{2} 之后再试/);
  });

  it('takes no objection outside the publicity period', async () => {
    const later = () => new Date(Date.now() + 30 * 86_400_000);
    const c = client('u-late', later);
    expect(texts(await send(c, '我要提异议'))[0]).toMatch(/^现在不在公示期内。按文件规定，异议应在公示期内向省经济和信息化委提出；文件没有规定公示期外的异议如何处理。最近一次公示（.*）已于 \d{4}-\d{2}-\d{2} 结束。$/);
    expect(await store.submissions.list('objection')).toEqual([]);
  });
});

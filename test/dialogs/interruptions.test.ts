import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog';
import { everythingForFile } from '../support/dialogs';
import { intentRecognizer } from '../support/recognizer';
import { TwoQuestionFlow } from './support/twoQuestionFlow';

const all = everythingForFile();

/** The main dialog with a stand-in two-question flow for binding. */
function client(): DialogTestClient {
  return new DialogTestClient('test', new MainDialog(intentRecognizer, { ...all(), flows: { ...all().flows, bind_enterprise: new TwoQuestionFlow(intentRecognizer) } }));
}

async function send(c: DialogTestClient, text: string): Promise<string[]> {
  const replies: Partial<Activity>[] = [await c.sendActivity(text)];
  for (let next = c.getNextReply(); next; next = c.getNextReply()) replies.push(next);
  return replies.map((r) => r?.text ?? '');
}

describe('interruptions inside a flow', () => {
  it('help answers and asks the same question again', async () => {
    const c = client();
    expect(await send(c, '绑定企业')).toEqual(['Q1: 请输入统一社会信用代码']);
    const replies = await send(c, '帮助');
    expect(replies[0]).toContain('您正在办理“绑定企业”');
    expect(replies[1]).toBe('Q1: 请输入统一社会信用代码');
    expect(await send(c, '91440600K0TG2116W9')).toEqual(['Q2: 请输入查询码 (got 91440600K0TG2116W9)']);
  });

  it('转人工 gives the contact and returns to the question', async () => {
    const c = client();
    await send(c, '绑定企业');
    await send(c, '91440600K0TG2116W9');
    const replies = await send(c, '转人工');
    expect(replies[0]).toContain('刘坤东，电话 020-83133375');
    expect(replies[1]).toBe('Q2: 请输入查询码 (got 91440600K0TG2116W9)');
    expect(await send(c, 'GZ-1960')).toEqual(['done: GZ-1960']);
  });

  it('取消 ends the flow; the next message starts afresh', async () => {
    const c = client();
    await send(c, '绑定企业');
    expect(await send(c, '取消')).toEqual(['好的，已取消。还有什么可以帮您？']);
    expect(await send(c, '转人工')).toEqual([expect.stringContaining('刘坤东，电话 020-83133375')]);
  });

  it('works in English', async () => {
    const c = client();
    await send(c, 'bind my company');
    const replies = await send(c, 'help');
    expect(replies[0]).toContain('You are in the middle of');
    expect(await send(c, 'cancel')).toEqual(['OK, cancelled. What else can I do for you?']);
  });

  it('takes an answer that merely mentions help as the answer', async () => {
    const c = client();
    await send(c, '绑定企业');
    const long = '我们公司的代码我记不清了能不能帮助我查一下或者转给别人处理';
    expect(await send(c, long)).toEqual([`Q2: 请输入查询码 (got ${long})`]);
  });

  it('取消 with nothing in progress says so', async () => {
    expect(await send(client(), '取消')).toEqual(['现在没有正在办理的事项。需要什么帮助，直接告诉我就好。']);
  });
});

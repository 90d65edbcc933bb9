import type { Activity, HeroCard } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';

import { FLOW_INTENTS, MainDialog, missingDependencies, type MainDialogOptions } from '../../dialogs/mainDialog';
import { everythingForFile } from '../support/dialogs';
import { intentRecognizer } from '../support/recognizer';

const all = everythingForFile();

const buttons = (reply: Partial<Activity> | undefined): string[] =>
  ((reply?.attachments?.[0]?.content as HeroCard | undefined)?.buttons ?? []).map((b) => b.title);

/** Every reply to one message, in order. */
async function conversation(text: string): Promise<Partial<Activity>[]> {
  const client = new DialogTestClient('test', new MainDialog(intentRecognizer, all()));
  const replies: Partial<Activity>[] = [await client.sendActivity(text)];
  for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
  return replies;
}

describe('MainDialog', () => {
  it('answers 你好 in Chinese with the three jobs as buttons', async () => {
    const [lead, menu] = await conversation('你好，你能做什么？');
    expect(lead?.text).toBe('我能做这些事：');
    expect(buttons(menu)).toEqual(['查询申报/评价进度', '找优秀服务商', '公示与通知']);
  });

  it('answers "help" in English', async () => {
    const [lead, menu] = await conversation('help');
    expect(lead?.text).toBe('Here is what I can do:');
    expect(buttons(menu)).toEqual(['Application & evaluation status', 'Find an excellent supplier', 'Publicity & notices']);
  });

  it('says politely what is out of scope and shows the menu', async () => {
    const [lead, menu] = await conversation('今天天气怎么样');
    expect(lead?.text).toContain('超出了我能办理的范围');
    expect(buttons(menu)).toHaveLength(3);
  });

  it('gives staff contact details on 转人工', async () => {
    const [reply] = await conversation('转人工');
    expect(reply?.text).toContain('刘坤东，电话 020-83133375');
  });

  // Every intent has its handler: nothing a user asks falls back to "being built"; a dependency the wiring
  // forgot fails when the bot starts, naming it, not as a reply in somebody's chat.
  it('starts the status flow for a status question, by asking which enterprise', async () => {
    const said = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');
    const chinese = said(await conversation('我们公司的申报到哪一步了'));
    expect(chinese).not.toContain('正在建设中');
    expect(chinese).toContain('统一社会信用代码');
    expect(said(await conversation('What is my application status?'))).toContain('unified social credit code');
  });

  it('refuses to start without any of what it routes to, naming it', () => {
    expect(() => new MainDialog(intentRecognizer, { ...all(), knowledge: undefined } as unknown as MainDialogOptions)).toThrow(/knowledge/);
    const flows: Partial<MainDialogOptions['flows']> = { ...all().flows };
    delete flows.objection;
    expect(() => new MainDialog(intentRecognizer, { ...all(), flows } as unknown as MainDialogOptions)).toThrow(/flows\.objection/);
    expect(missingDependencies({})).toEqual(expect.arrayContaining(['flows', 'utteranceLog', 'feedback', 'knowledge', 'notices', 'subscriptions', 'staffNotice']));
    expect(missingDependencies(all())).toEqual([]);
    expect(Object.keys(all().flows).sort()).toEqual([...FLOW_INTENTS].sort());
  });
});

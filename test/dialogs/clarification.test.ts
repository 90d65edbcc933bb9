import type { Activity, HeroCard } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { IntentRecognizer } from '../../dialogs/intentRecognizer';
import { loadReplies } from '../../data/understanding/replies';
import { MainDialog } from '../../dialogs/mainDialog';
import { everythingForFile } from '../support/dialogs';
import type { Understanding, UnderstandingService } from '../../services/understanding/intents';
import { UtteranceLog, type UnclearUtterance } from '../../services/understanding/utteranceLog';
import type { UtteranceRepository } from '../../services/ports';

/** A recognizer with fixed answers, so each dialog branch is exercised deliberately. */
class FixedUnderstanding implements UnderstandingService {
  constructor(private readonly answers: Record<string, Understanding>) {}
  async understand(text: string): Promise<Understanding> {
    return this.answers[text] ?? { intent: 'none', score: 0.9, entities: {}, alternatives: [] };
  }
}

const unsure: Understanding = {
  intent: 'objection',
  score: 0.42,
  entities: {},
  alternatives: [{ intent: 'publicity', score: 0.35 }, { intent: 'none', score: 0.15 }, { intent: 'how_to_apply', score: 0.08 }],
};

class ListRepository implements UtteranceRepository {
  readonly kept: UnclearUtterance[] = [];
  async add(u: UnclearUtterance) {
    this.kept.push(u);
  }
  async listDays() {
    return this.kept;
  }
}

const all = everythingForFile();

function setup(keep = true) {
  const repository = new ListRepository();
  const dialog = new MainDialog(new IntentRecognizer(new FixedUnderstanding({ '公示那个事 13812345678': unsure }), loadReplies()), {
    ...all(),
    utteranceLog: new UtteranceLog(repository, keep),
  });
  return { client: new DialogTestClient('test', dialog), repository };
}

const buttons = (a: Partial<Activity>) => ((a.attachments?.[0]?.content as HeroCard).buttons ?? []).map((b) => [b.title, b.value]);

describe('clarification', () => {
  it('asks with the likeliest intents as buttons instead of guessing, and keeps the message redacted', async () => {
    const { client, repository } = setup();
    const reply = await client.sendActivity('公示那个事 13812345678');
    expect((reply.attachments?.[0]?.content as HeroCard).text).toBe('我不太确定您的意思，您是想：');
    expect(buttons(reply)).toEqual([
      ['提交异议', { intent: 'objection' }],
      ['公示查询', { intent: 'publicity' }],
      ['申报指南', { intent: 'how_to_apply' }],
      ['都不是', { intent: 'none' }],
    ]);
    expect(repository.kept).toEqual([expect.objectContaining({ text: '公示那个事 [phone]', intent: 'objection', score: 0.42 })]);
  });

  it('routes a chosen button to its intent without asking again', async () => {
    const { client } = setup();
    const reply = await client.sendActivity({ type: 'message', text: '联系工作人员', value: { intent: 'contact_staff' } });
    expect(reply.text).toContain('刘坤东，电话 020-83133375');
  });

  it('"none of these" asks to rephrase and shows the menu', async () => {
    const { client } = setup();
    const reply = await client.sendActivity({ type: 'message', text: '都不是', value: { intent: 'none' } });
    expect(reply.text).toBe('好的，请换个说法告诉我，或者从下面选择：');
    expect(buttons(client.getNextReply())).toHaveLength(3);
  });

  it('answers `none` with the scope message and the menu, and keeps it for staff', async () => {
    const { client, repository } = setup();
    const reply = await client.sendActivity('随便聊聊');
    expect(reply.text).toContain('超出了我能办理的范围');
    expect(buttons(client.getNextReply())).toHaveLength(3);
    expect(repository.kept.map((k) => k.intent)).toEqual(['none']);
  });

  it('keeps nothing when staff turned the log off', async () => {
    const { client, repository } = setup(false);
    await client.sendActivity('随便聊聊');
    expect(repository.kept).toEqual([]);
  });
});

import { recipientId } from '../../services/notices/recipients';
import { startTestApp } from '../support/app';
import { DirectLineClient, type DlActivity } from '../support/directLineClient';

const toggles = (a: DlActivity | undefined) =>
  ((a?.attachments?.[0]?.content ?? {}) as { body?: { type: string; id?: string; value?: string }[] }).body?.filter((b) => b.type === 'Input.Toggle').map((b) => [b.id, b.value]) ?? [];

/** Saying "subscribe" subscribes: the words do what they say, and the card is there to change it. */
describe('subscribing by saying so', () => {
  it('"订阅通知" subscribes to publicity, calls and events, says so and how to change it, and offers the card; "订阅设置" only shows it', async () => {
    const app = await startTestApp();
    try {
      const dl = new DirectLineClient(app.url, 'subscriber-zh');
      await dl.start();
      await dl.say('订阅通知');
      const replies = await dl.botReplies();
      expect(replies.map((a) => a.text)).toContain('已订阅：公示、申报/评价通知、对接活动。想调整，在下面的卡片里勾选后点“保存”，或说“退订对接活动”这样的话；说“退订”可全部取消。');
      expect(toggles(replies[replies.length - 1])).toEqual([['own', 'false'], ['publicity', 'true'], ['call', 'true'], ['event', 'true']]);
      const stored = await app.ownStore.recipients.get(recipientId('directline', dl.conversationId));
      expect(stored?.topics).toEqual(['publicity', 'call', 'event']);

      await dl.say('退订对接活动');
      await dl.botReplies();
      await dl.say('订阅设置');
      const settings = await dl.botReplies();
      expect(settings).toHaveLength(1);
      expect(toggles(settings[0])).toEqual([['own', 'false'], ['publicity', 'true'], ['call', 'true'], ['event', 'false']]);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('"subscribe" in English, and a bound enterprise also gets its own application’s progress; naming a topic subscribes to that one', async () => {
    const app = await startTestApp();
    try {
      const bound = new DirectLineClient(app.url, 'subscriber-en');
      await bound.start();
      await bound.say('绑定 91441900TN8DTU2DR4 DG-5512');
      await bound.botReplies();
      await bound.say('subscribe');
      const replies = await bound.botReplies();
      expect(replies.map((a) => a.text)).toContain(
        'Subscribed to: progress of my enterprise\'s applications, publicity, calls for applications and evaluations, matchmaking events. To change this, tick the boxes in the card below and press Save, or say e.g. "unsubscribe events"; "unsubscribe" stops them all.',
      );
      expect((await app.ownStore.recipients.get(recipientId('directline', bound.conversationId)))?.topics).toEqual(['own', 'publicity', 'call', 'event']);

      const named = new DirectLineClient(app.url, 'subscriber-publicity');
      await named.start();
      await named.say('我想收到公示提醒');
      expect((await named.botReplies()).map((a) => a.text)).toContain('已订阅：公示。说“订阅设置”可随时调整。');
      expect((await app.ownStore.recipients.get(recipientId('directline', named.conversationId)))?.topics).toEqual(['publicity']);
    } finally {
      await app.close();
    }
  }, 120_000);
});

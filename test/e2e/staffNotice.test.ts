import { ADMIN_TOKEN, startTestApp } from '../support/app';
import { DirectLineClient, dlUserId } from '../support/directLineClient';
import { parseShanghaiDateTime } from '../../dialogs/staffNoticeDialog';

const texts = (activities: { text?: string }[]) => activities.map((a) => a.text ?? '');

describe('a staff member publishing a notice in chat', () => {
  it('walks through kind, title, text, time, place and audience, sends it, and reports progress in the chat', async () => {
    const app = await startTestApp(undefined, { ADMIN_TOKEN, STAFF_USERS: `directline:${dlUserId('staff-1')}` });
    try {
      const member = new DirectLineClient(app.url, 'member-1');
      await member.start();
      await member.say('你好'); // the bot now knows this conversation
      await member.botReplies();

      const visitor = new DirectLineClient(app.url, 'visitor-1');
      await visitor.start();
      await visitor.say('发布通知');
      expect(texts(await visitor.botReplies())).toContain('发布通知仅限工作人员使用。');

      const staff = new DirectLineClient(app.url, 'staff-1');
      await staff.start();
      await staff.say('发布通知');
      expect(texts(await staff.botReplies())).toContain('要发布哪类通知？');
      await staff.submit({ choice: 'event' });
      expect(texts(await staff.botReplies())).toEqual(['请输入通知标题。']);
      await staff.say('佛山制造业数字化转型供需对接会');
      await staff.botReplies();
      await staff.say('欢迎制造企业报名参加。');
      expect(texts(await staff.botReplies())).toEqual(['活动时间？（如 2026-12-10 14:00）']);
      await staff.say('下周二');
      expect(texts(await staff.botReplies())).toEqual(['请按“年-月-日 时:分”写，如 2026-12-10 14:00。']);
      await staff.say('2026-12-10 14:00');
      await staff.botReplies();
      await staff.say('佛山市南海区');
      expect(texts(await staff.botReplies())).toContain('发给谁？');
      await staff.submit({ choice: 'all' });
      expect(JSON.stringify(await staff.botReplies())).toContain('即将发送“佛山制造业数字化转型供需对接会”（对接活动）给：所有会话。确认发送吗？');
      await staff.submit({ action: 'confirm', yes: true });
      const started = texts(await staff.botReplies()).join('\n');
      expect(started).toMatch(/已开始发送，编号 N\d{8}-/);

      const received = await member.awaitReplies();
      const card = JSON.stringify(received[0]!.attachments![0]!.content);
      expect(card).toContain('佛山市南海区');
      expect(card).toContain('我要报名');
      // Progress for the staff member, in their chat, up to 100 % (read until it comes; the bound only guards a hang).
      const deadline = Date.now() + 90_000;
      let progress = '';
      while (!progress.includes('100%') && Date.now() < deadline) progress += texts(await staff.awaitReplies(2_000)).join('\n');
      expect(progress).toMatch(/“佛山制造业数字化转型供需对接会”发送进度：100%（已送达 3，失败 0，无法送达 0，共 3）。/);

      // The member signs up from the card.
      await member.submit({ action: 'eventSignup', noticeId: /编号 (N[\w-]+)/.exec(started)![1] });
      expect(texts(await member.botReplies())[0]).toMatch(/^已为您登记报名“佛山制造业数字化转型供需对接会”，回执编号 BM/);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('reads dates in Shanghai time', () => {
    expect(parseShanghaiDateTime('2026-12-10 14:00')).toBe('2026-12-10T06:00:00.000Z');
    expect(parseShanghaiDateTime('2026年12月10日')).toBe('2026-12-10T01:00:00.000Z');
    expect(parseShanghaiDateTime('下周二')).toBeNull();
  });
});

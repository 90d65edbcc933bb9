import { loadReplies } from '../../../data/understanding/replies';

const replies = loadReplies();

describe('one reading of short replies for every flow', () => {
  // The union of what each flow accepted before the words moved to replies.json: none may stop working.
  test.each(['跳过', '不填', '没有', '无', 'skip', 'Skip', 'no', ' 跳过 ', '唔填', '冇'])('%s skips a question', (text) => {
    expect(replies.isSkip(text)).toBe(true);
  });
  test.each(['陶瓷', '没有问题吗', 'nothing else to say'])('%s is an answer, not a skip', (text) => {
    expect(replies.isSkip(text)).toBe(false);
  });

  test.each(['是', '是的', '确认', '确定提交', '好的', '对', '提交', 'yes', 'Y', 'ok', 'OK', 'confirm', 'submit', '係'])('%s confirms', (text) => {
    expect(replies.isConfirm(text)).toBe(true);
  });
  test.each(['不', '否', 'no', '修改', ''])('%s does not confirm', (text) => {
    expect(replies.isConfirm(text)).toBe(false);
  });

  test.each(['取消', '算了', '算了吧', '不办了', '不用了！', '退出', '结束', 'cancel', 'Quit', 'exit', 'stop', 'never mind', 'nevermind', 'forget it', '取消。'])('%s cancels', (text) => {
    expect(replies.isCancel(text)).toBe(true);
  });
  test.each(['取消订阅', '取消绑定', '我想取消上次的异议', 'stop sending me notices'])('%s is a request, not a cancel', (text) => {
    expect(replies.isCancel(text)).toBe(false);
  });

  test('choices by typed words keep their order and every topic named', () => {
    expect(replies.named('subscriptionTopic', '订阅公示和对接活动')).toEqual(['publicity', 'event']);
    expect(replies.choice('noticeKind', '申报通知')).toBe('call');
    expect(replies.choice('noticeKind', '公示')).toBe('publicity');
    expect(replies.choice('audience', '发给所有人')).toBe('all');
    expect(replies.choice('audience', 'subscribers only')).toBe('subscribers');
    expect(replies.is('publishNotice', '发布一条通知')).toBe(true);
    expect(replies.is('publishNotice', 'publish a notice')).toBe(true);
    expect(replies.is('publishNotice', '通知我发布的结果')).toBe(false);
    expect(replies.is('more', '更多')).toBe(true);
    expect(replies.is('unbind', '帮我解绑')).toBe(true);
  });
});

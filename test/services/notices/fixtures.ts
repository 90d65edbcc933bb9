import type { Store } from '../../../data/store';
import type { Notice } from '../../../services/model/notice';
import { recipientId, type Recipient } from '../../../services/notices/recipients';
import type { Topic } from '../../../services/model/notice';

/** A conversation on a given channel endpoint (the stand-in connector in broadcast tests). */
export function recipient(n: number, serviceUrl: string, topics: Topic[] = ['publicity'], extra: Partial<Recipient> = {}): Recipient {
  const conversationId = `a:conv-${n}`;
  const at = new Date().toISOString();
  return {
    id: recipientId('msteams', conversationId),
    channelId: 'msteams',
    conversationId,
    serviceUrl,
    scope: 'personal',
    locale: n % 5 === 0 ? 'en-US' : 'zh-CN',
    role: 'visitor',
    creditCodes: [],
    topics,
    topicsChosen: true,
    state: 'active',
    reference: { channelId: 'msteams', serviceUrl: `${serviceUrl}/`, conversation: { id: conversationId }, bot: { id: 'bot' }, user: { id: `u${n}` } },
    firstSeenAt: at,
    updatedAt: at,
    ...extra,
  };
}

export async function putRecipients(store: Store, recipients: Recipient[]): Promise<void> {
  for (let i = 0; i < recipients.length; i += 50) await Promise.all(recipients.slice(i, i + 50).map((r) => store.recipients.put(r)));
}

export function publicityNotice(overrides: Partial<Notice> = {}): Notice {
  return {
    id: `N-test-${Math.random().toString(36).slice(2, 8)}`,
    kind: 'publicity',
    title: { zh: '2026年第二批拟入库企业名单公示', en: 'Publicity: proposed second-batch members' },
    text: { zh: '现予公示。', en: 'Published for comment.' },
    period: { start: '2026-12-01', end: '2026-12-07' },
    list: [{ creditCode: '91440700J26GFM1F16', name: '江门市五邑智控科技有限公司', process: 'recognition' }],
    audience: { type: 'subscribers' },
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

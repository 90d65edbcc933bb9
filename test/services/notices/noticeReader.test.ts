import { NoticeReader } from '../../../services/notices/noticeReader';
import type { Notice } from '../../../services/model/notice';
import type { Store } from '../../../data/store';
import { openTestStore } from '../../support/store';

const base = { audience: { type: 'subscribers' }, text: { zh: '正文' }, createdAt: '2026-11-01T00:00:00.000Z', createdBy: 'staff', status: 'sent' } as const;

describe('what conversations read of the notices', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
    const notices = [
      { ...base, id: 'pub-open', kind: 'publicity', title: { zh: '拟认定名单公示' }, period: { start: '2026-11-20T00:00:00+08:00', end: '2026-11-27T23:59:59+08:00' }, list: [] },
      { ...base, id: 'pub-past', kind: 'publicity', title: { zh: '上一批公示' }, period: { start: '2026-10-01T00:00:00+08:00', end: '2026-10-08T23:59:59+08:00' }, list: [] },
      { ...base, id: 'event-ahead', kind: 'event', title: { zh: '对接会' }, event: { at: '2026-12-10T14:00:00+08:00', place: '广州' } },
      { ...base, id: 'event-held', kind: 'event', title: { zh: '上月对接会' }, event: { at: '2026-11-01T14:00:00+08:00', place: '佛山' } },
    ] as unknown as Notice[];
    for (const n of notices) await store.notices.upsert(n);
  });
  afterAll(() => store.close());

  test('the publicity periods around the reader\'s now, and the events still ahead', async () => {
    const reader = new NoticeReader(store.notices, () => new Date('2026-11-25T04:00:00Z'));
    const window = await reader.objectionWindow();
    expect(window.open.map((n) => n.id)).toEqual(['pub-open']);
    expect(window.lastClosed?.id).toBe('pub-past');
    expect((await reader.upcoming('event')).map((n) => n.id)).toEqual(['event-ahead']);
    expect((await reader.get('event-held'))?.title.zh).toBe('上月对接会');
    expect(await reader.get('nothing')).toBeNull();
  });

  test('after the period closes, no objection is open', async () => {
    const later = new NoticeReader(store.notices, () => new Date('2026-12-01T04:00:00Z'));
    expect((await later.objectionWindow()).open).toEqual([]);
  });
});

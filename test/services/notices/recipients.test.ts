import type { Store } from '../../../data/store';
import { resolveAudience } from '../../../services/notices/audience';
import { Recipients, recipientId, type Sighting } from '../../../services/notices/recipients';
import { seedDemoData } from '../../../data/demo/seed';
import { openTestStore } from '../../support/store';
import { publicityNotice, putRecipients, recipient } from './fixtures';

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
  await seedDemoData(store);
});
afterAll(async () => store.close());

const sighting = (conversationId: string, extra: Partial<Sighting> = {}): Sighting => ({
  channelId: 'msteams', conversationId, serviceUrl: 'https://smba.example/cn/', scope: 'personal', locale: 'zh-CN', role: 'visitor', creditCodes: [],
  reference: { conversation: { id: conversationId } }, ...extra,
});

describe('conversation references and subscriptions', () => {
  it('records a conversation once, keeps it current, and subscribes a newly bound enterprise to its own notices', async () => {
    const recipients = new Recipients(store.recipients);
    const first = await recipients.sighted(sighting('a:one'));
    expect(first).toMatchObject({ topics: [], state: 'active', role: 'visitor' });
    expect(await recipients.sighted(sighting('a:one'))).toBeNull(); // unchanged: no write
    const bound = await recipients.sighted(sighting('a:one', { creditCodes: ['91440700J26GFM1F16'], role: 'enterprise', locale: 'en-US' }));
    expect(bound).toMatchObject({ topics: ['own'], role: 'enterprise', locale: 'en-US', firstSeenAt: first!.firstSeenAt });
  });

  it('keeps a conversation’s language when an event says nothing of language (a bare Teams install or membership event)', async () => {
    const recipients = new Recipients(store.recipients);
    await recipients.sighted(sighting('19:channel-lang', { scope: 'channel', locale: 'en-US' }));
    // The event carried no text and no locale: the default (Chinese) it was read with is no news.
    await recipients.sighted(sighting('19:channel-lang', { scope: 'channel', locale: 'zh-CN' }), undefined, { localeGuessed: true });
    expect((await store.recipients.get(recipientId('msteams', '19:channel-lang')))?.locale).toBe('en-US');
    // A message that does say it (Chinese written there) moves it.
    await recipients.sighted(sighting('19:channel-lang', { scope: 'channel', locale: 'zh-CN' }));
    expect((await store.recipients.get(recipientId('msteams', '19:channel-lang')))?.locale).toBe('zh-CN');
    // A first sighting has nothing to keep: the default stands.
    await recipients.sighted(sighting('19:new-lang', { scope: 'channel', locale: 'zh-CN' }), undefined, { localeGuessed: true });
    expect((await store.recipients.get(recipientId('msteams', '19:new-lang')))?.locale).toBe('zh-CN');
  });

  it('keeps chosen topics (even none) when the user binds later, and marks removal', async () => {
    const recipients = new Recipients(store.recipients);
    await recipients.sighted(sighting('a:two'));
    expect(await recipients.setTopics('msteams', 'a:two', ['publicity', 'event', 'event'])).toBe(true);
    await recipients.sighted(sighting('a:two', { creditCodes: ['91440700J26GFM1F16'] }));
    expect(await recipients.topicsOf('msteams', 'a:two')).toEqual(['publicity', 'event']);
    expect(await recipients.setTopics('msteams', 'a:unknown', ['call'])).toBe(false);

    await recipients.uninstalled('msteams', 'a:two');
    expect((await store.recipients.get(recipientId('msteams', 'a:two')))!.state).toBe('uninstalled');
    // The user comes back: the next sighting reactivates it.
    await recipients.sighted(sighting('a:two'));
    expect((await store.recipients.get(recipientId('msteams', 'a:two')))!.state).toBe('active');
  });
});

describe('audience resolution', () => {
  const url = 'http://127.0.0.1:9';
  beforeAll(async () => {
    await putRecipients(store, [
      recipient(101, url, ['publicity']),
      recipient(102, url, ['call', 'event']),
      recipient(103, url, ['publicity'], { state: 'undeliverable' }),
      // Bound to a 优秀 supplier in 广州 (demo data) and to the Jiangmen applicant, keeping own notices.
      recipient(104, url, ['own'], { creditCodes: ['91440100B2H6XDW0EN'] }),
      recipient(105, url, ['own'], { creditCodes: ['91440700J26GFM1F16'] }),
      recipient(106, url, [], { creditCodes: ['91440700J26GFM1F16'] }), // turned own notices off
    ]);
  });
  const ids = (list: { conversationId: string }[]) => list.map((r) => r.conversationId).filter((id) => id.startsWith('a:conv-')).sort();
  const directory = { applicationsMatching: (f: object) => store.applications.listMatching(f), suppliersEverRated: (rating: string) => store.suppliers.everRated(rating) };

  it('subscribers of the notice kind’s topic, or of the topics named; never an undeliverable conversation', async () => {
    expect(ids(await resolveAudience(publicityNotice(), store.recipients, directory))).toEqual(['a:conv-101']);
    expect(ids(await resolveAudience(publicityNotice({ audience: { type: 'subscribers', topics: ['event', 'publicity'] } }), store.recipients, directory))).toEqual(['a:conv-101', 'a:conv-102']);
    // An announcement reaches anyone subscribed to anything.
    expect(ids(await resolveAudience(publicityNotice({ kind: 'announcement' }), store.recipients, directory))).toEqual(['a:conv-101', 'a:conv-102', 'a:conv-104', 'a:conv-105']);
  });

  it('enterprises by application stage or city, and by rating; all; listed conversations', async () => {
    const byCity = await resolveAudience(publicityNotice({ audience: { type: 'enterprises', filter: { city: '江门' } } }), store.recipients, directory);
    expect(ids(byCity)).toEqual(['a:conv-105']);
    const excellent = await resolveAudience(publicityNotice({ audience: { type: 'enterprises', filter: { rating: '优秀', city: '广州' } } }), store.recipients, directory);
    expect(ids(excellent)).toEqual(['a:conv-104']);
    const none = await resolveAudience(publicityNotice({ audience: { type: 'enterprises', filter: { stage: 'final', city: '江门' } } }), store.recipients, directory);
    expect(ids(none)).toEqual([]);
    expect(ids(await resolveAudience(publicityNotice({ audience: { type: 'all' } }), store.recipients, directory))).toEqual(['a:conv-101', 'a:conv-102', 'a:conv-104', 'a:conv-105', 'a:conv-106']);
    const listed = await resolveAudience(publicityNotice({ audience: { type: 'conversations', ids: [recipientId('msteams', 'a:conv-102'), recipientId('msteams', 'a:conv-103'), 'nope'] } }), store.recipients, directory);
    expect(ids(listed)).toEqual(['a:conv-102']);
  });
});

describe('audience resolution over a paged query', () => {
  it('lists each conversation once even when the store repeats one across pages', async () => {
    const one = recipient(201, 'http://127.0.0.1:9');
    const repeating = { get: async () => null, put: async () => undefined, setState: async () => undefined, listActive: async () => [one, recipient(202, 'http://127.0.0.1:9'), one] };
    const resolved = await resolveAudience(publicityNotice({ audience: { type: 'all' } }), repeating, { applicationsMatching: async () => [], suppliersEverRated: async () => [] });
    expect(resolved.map((r) => r.conversationId)).toEqual(['a:conv-201', 'a:conv-202']);
  });
});

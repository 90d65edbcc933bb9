import { resolveRelativeDates, seedDemoData } from '../../../data/demo/seed';
import type { Store } from '../../../data/store';
import { verifyAccessCode } from '../../../services/identity/accessCode';
import { isPublicityOpen } from '../../../services/model/notice';
import { openTestStore } from '../../support/store';

describe('demo data', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('writes dates relative to the day of seeding', () => {
    const today = new Date('2026-11-25T08:00:00Z');
    expect(resolveRelativeDates('"@today-2" "@today" "@today+5"', today)).toBe('"2026-11-23" "2026-11-25" "2026-11-30"');
  });

  it('seeds once: a catalog, applications at several stages, and one open publicity notice', async () => {
    const today = new Date();
    const first = await seedDemoData(store, { today });
    expect(first.seeded).toBe(true);
    expect(first.suppliers).toEqual({ imported: 8, rejected: [] });
    expect(first.applications?.imported).toBe(5);
    expect(await store.suppliers.count()).toBe(8);

    const again = await seedDemoData(store, { today });
    expect(again.seeded).toBe(false);

    const publicity = await store.notices.listByKind('publicity');
    expect(publicity.filter((n) => isPublicityOpen(n, today))).toHaveLength(1);
  });

  it('stores access codes only as hashes that the README’s codes match', async () => {
    const [application] = await store.applications.listByCreditCode('91440100FUE1PCUFUL');
    expect(application?.stage).toBe('expert_review');
    expect(application).not.toHaveProperty('accessCode');
    expect(JSON.stringify(application)).not.toContain('GZ-1960');
    await expect(verifyAccessCode('GZ-1960', application!.accessCodeHash)).resolves.toBe(true);
  });
});

import type { Store } from '../../../data/store';
import { importApplications } from '../../../services/applications/importApplications';
import { importSuppliers } from '../../../services/catalog/importSuppliers';
import { openTestStore } from '../../support/store';

const application = {
  id: 'RZ-2026-2-0100', creditCode: '91440600UAQW567EUX', enterpriseName: '佛山市智联云工业科技有限公司', city: '佛山',
  county: '南海区', process: 'recognition', year: 2026, batch: '2026年第二批', stage: 'submitted',
  stageHistory: [{ stage: 'submitted', at: '2026-11-01' }], accessCode: 'SECRET-1', contacts: [{ name: '李工' }],
};

describe('imports', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('reject bad records by index with readable errors and store the good ones', async () => {
    const report = await importApplications(store.applications, [
      application,
      { ...application, id: 'RZ-2', creditCode: '91440600UAQW567EUY' },
      { ...application, id: 'RZ-3', stage: 'dreaming' },
      'not an object',
    ]);
    expect(report.imported).toBe(1);
    expect(report.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(report.rejected[0]!.errors.join()).toMatch(/creditCode: invalid credit code/);
    expect(report.rejected[1]!.errors.join()).toMatch(/^stage:/);
    const stored = await store.applications.listByCreditCode('91440600UAQW567EUX');
    expect(stored.map((a) => a.id)).toEqual(['RZ-2026-2-0100']);
    expect(JSON.stringify(stored)).not.toContain('SECRET-1');
  });

  it('read an expert-review sub-step as the state alone or as {state, at}, as the contract writes it', async () => {
    const report = await importApplications(store.applications, [
      { ...application, id: 'RZ-2026-2-0101', stage: 'expert_review', expertReview: { writtenReview: 'done', defense: { state: 'scheduled', at: '2026-12-03T09:00:00+08:00' }, fieldInspection: 'pending' } },
      { ...application, id: 'RZ-2026-2-0102', stage: 'expert_review', expertReview: { writtenReview: 'finished' } },
    ]);
    expect(report.imported).toBe(1);
    expect(report.rejected.map((r) => r.index)).toEqual([1]);
    expect(report.rejected[0]!.errors.join()).toMatch(/^expertReview\.writtenReview:/);
    const stored = (await store.applications.listByCreditCode(application.creditCode)).find((a) => a.id === 'RZ-2026-2-0101');
    expect(stored?.expertReview).toEqual({ writtenReview: { state: 'done' }, defense: { state: 'scheduled', at: '2026-12-03T09:00:00+08:00' }, fieldInspection: { state: 'pending' } });
  });

  it('upsert suppliers: importing the same catalog twice changes nothing', async () => {
    const { suppliers } = (await import('../../../data/demo/suppliers.json')).default;
    await importSuppliers(store.suppliers, suppliers);
    const second = await importSuppliers(store.suppliers, suppliers);
    expect(second).toEqual({ imported: suppliers.length, rejected: [] });
    expect(await store.suppliers.count()).toBe(suppliers.length);
  });
});

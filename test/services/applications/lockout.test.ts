import { seedDemoData } from '../../../data/demo/seed';
import type { Store } from '../../../data/store';
import { BindingService, LOCK_MS, MAX_FAILURES } from '../../../services/applications/binding';
import { rotateAccessCode, importApplications } from '../../../services/applications/importApplications';
import { verifyAccessCode } from '../../../services/identity/accessCode';
import { openTestStore } from '../../support/store';

const DG = '91441900TN8DTU2DR4'; // RZ-2026-1-0004, access code DG-5512
const GZ = '91440100FUE1PCUFUL'; // RZ-2026-2-0003, access code GZ-1960

describe('finding 1: the access-code lockout holds under concurrency', () => {
  let store: Store;
  const clock = new Date('2026-11-25T02:00:00Z');
  let checked = 0;
  let service: BindingService;
  beforeAll(async () => {
    store = await openTestStore();
    await seedDemoData(store);
    // The real verifier, counted: how many guesses were actually checked against the hash.
    const counting = async (plain: string, hash: string) => {
      checked++;
      return verifyAccessCode(plain, hash);
    };
    service = new BindingService(store.applications, store.bindings, store.bindingAttempts, () => clock, store.outbox, counting);
  });
  afterAll(() => store.close());

  const bind = (userKey: string, creditCode: string, accessCode: string) => service.bind({ userKey, creditCode, accessCode, conversation: { id: userKey } });

  it('checks at most the limit of 150 parallel wrong codes from fresh users, and locks the enterprise', async () => {
    checked = 0;
    const results = await Promise.all(Array.from({ length: 150 }, (_, i) => bind(`directline:fresh-${i}`, DG, `DG-${String(i).padStart(4, '0')}`)));
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES);
    expect(checked).toBeGreaterThan(0);
    expect(results.filter((r) => r.ok)).toEqual([]);
    expect(results.filter((r) => !r.ok && r.reason === 'no_match').length).toBeLessThan(MAX_FAILURES);
    // Locked now, even for the right code; staff are told.
    expect(await bind('directline:owner', DG, 'DG-5512')).toMatchObject({ ok: false, reason: 'locked' });
    const alerts = (await store.outbox.list('pending')).filter((m) => m.subject.includes(DG));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.to.role).toBe('staff');
  });

  it('lets the owner in after staff lift the lock, and as a Teams contact while it holds', async () => {
    const app = (await store.applications.listByCreditCode(DG))[0]!;
    await store.applications.upsert({ ...app, contacts: [...app.contacts, { name: '陈经理', aadObjectId: 'aad-owner-dg' }] });
    const viaTeams = await service.bindTeamsContact({ userKey: 'msteams:29:owner', aadObjectId: 'aad-owner-dg', conversation: {} });
    expect(viaTeams.map((b) => b.creditCode)).toEqual([DG]);

    await service.unlock(DG);
    expect(await bind('directline:owner', DG, 'DG-5512')).toMatchObject({ ok: true, binding: { creditCode: DG } });
  });

  it('counts one user\'s parallel attempts across enterprises against that user', async () => {
    checked = 0;
    const codes = ['91440700J26GFM1F16', '91440600TW13AK20KR', '91440600UAQW567EUX', GZ];
    await Promise.all(Array.from({ length: 40 }, (_, i) => bind('directline:scanner', codes[i % codes.length]!, `XX-${i}`)));
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES);
    expect(await bind('directline:scanner', GZ, 'GZ-1960')).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('issues long random codes to new imports and on rotation; the old code stops working', async () => {
    const report = await importApplications(store.applications, [{
      id: 'RZ-2026-2-0900', creditCode: '91440600K0TG2116W9', enterpriseName: '佛山市测试科技有限公司', city: '佛山', process: 'recognition',
      year: 2026, batch: '2026年第二批', stage: 'submitted', stageHistory: [{ stage: 'submitted', at: '2026-11-01' }], contacts: [],
    }]);
    expect(report.issuedAccessCodes).toEqual([{ id: 'RZ-2026-2-0900', creditCode: '91440600K0TG2116W9', accessCode: expect.stringMatching(/^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/) }]);
    expect(await bind('directline:new-owner', '91440600K0TG2116W9', report.issuedAccessCodes[0]!.accessCode)).toMatchObject({ ok: true });

    const rotated = (await rotateAccessCode(store.applications, GZ))!;
    expect(rotated.accessCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await bind('directline:gz-1', GZ, 'GZ-1960')).toMatchObject({ ok: false, reason: 'no_match' });
    expect(await bind('directline:gz-2', GZ, rotated.accessCode)).toMatchObject({ ok: true });
  });

  it('lifts a lock by itself after 15 minutes', async () => {
    const later = new BindingService(store.applications, store.bindings, store.bindingAttempts, () => new Date(clock.getTime() + LOCK_MS + 60_000));
    expect(await later.bind({ userKey: 'directline:scanner', creditCode: DG, accessCode: 'DG-5512', conversation: {} })).toMatchObject({ ok: true });
  });
});

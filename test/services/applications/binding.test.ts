import { seedDemoData } from '../../../data/demo/seed';
import type { Store } from '../../../data/store';
import { BindingService, LOCK_MS } from '../../../services/applications/binding';
import { openTestStore } from '../../support/store';

const GZ = '91440100FUE1PCUFUL'; // RZ-2026-2-0003, access code GZ-1960
const DG = '91441900TN8DTU2DR4'; // RZ-2026-1-0004, access code DG-5512
const UNKNOWN = '91440600K0TG2116W9'; // valid check character, no application

describe('BindingService', () => {
  let store: Store;
  let clock = new Date('2026-11-25T02:00:00Z');
  let service: BindingService;
  beforeAll(async () => {
    store = await openTestStore();
    await seedDemoData(store);
    service = new BindingService(store.applications, store.bindings, store.bindingAttempts, () => clock);
  });
  afterAll(() => store.close());

  const bind = (userKey: string, creditCode: string, accessCode: string) => service.bind({ userKey, creditCode, accessCode, conversation: { id: userKey } });

  it('binds with the right access code and shows that enterprise only to this user', async () => {
    const result = await bind('web:alice', GZ, 'GZ-1960');
    expect(result).toMatchObject({ ok: true, binding: { creditCode: GZ, enterpriseName: '广州羊城数联科技有限公司', via: 'access_code' } });
    expect((await service.applicationsFor('web:alice', GZ)).map((a) => a.id)).toEqual(['RZ-2026-2-0003']);
    expect(await service.applicationsFor('web:alice', DG)).toEqual([]);
    expect(await service.applicationsFor('web:mallory', GZ)).toEqual([]);
  });

  it('says a typo is a typo, without counting it as a guess', async () => {
    expect(await bind('web:bob', '91440100FUE1PCUFUK', 'x')).toEqual({ ok: false, reason: 'mistyped', problem: 'check' });
    expect(await bind('web:bob', '9144010', 'x')).toEqual({ ok: false, reason: 'mistyped', problem: 'length' });
  });

  it('answers the same for an unknown enterprise and a wrong code', async () => {
    expect(await bind('web:carol', UNKNOWN, 'GZ-1960')).toEqual({ ok: false, reason: 'no_match' });
    expect(await bind('web:carol', DG, 'DG-0000')).toEqual({ ok: false, reason: 'no_match' });
  });

  it('locks a credit code for 15 minutes after 5 wrong codes, even for the right code, then lets it go', async () => {
    for (let i = 0; i < 4; i++) expect((await bind(`web:guesser${i}`, DG, `DG-000${i}`)).ok).toBe(false);
    const fifth = await bind('web:guesser5', DG, 'DG-0005');
    expect(fifth).toEqual({ ok: false, reason: 'locked', until: new Date(clock.getTime() + LOCK_MS) });
    expect(await bind('web:owner', DG, 'DG-5512')).toMatchObject({ ok: false, reason: 'locked' });
    clock = new Date(clock.getTime() + LOCK_MS + 1000);
    expect(await bind('web:owner', DG, 'DG-5512')).toMatchObject({ ok: true });
  });

  it('locks a user after 5 wrong codes across enterprises', async () => {
    const codes = [UNKNOWN, '91440700J26GFM1F16', '91440600TW13AK20KR', '91440600UAQW567EUX', UNKNOWN];
    const results = [];
    for (const code of codes) results.push(await bind('web:scanner', code, 'nope'));
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await bind('web:scanner', GZ, 'GZ-1960')).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('binds a Teams user listed as a contact without asking, once', async () => {
    const app = (await store.applications.listByCreditCode(GZ))[0]!;
    await store.applications.upsert({ ...app, contacts: [...app.contacts, { name: '林先生', aadObjectId: 'aad-123' }] });
    const first = await service.bindTeamsContact({ userKey: 'msteams:29:abc', aadObjectId: 'aad-123', conversation: {} });
    expect(first.map((b) => [b.creditCode, b.via])).toEqual([[GZ, 'teams_contact']]);
    expect(await service.bindTeamsContact({ userKey: 'msteams:29:abc', aadObjectId: 'aad-123', conversation: {} })).toEqual([]);
    expect(await service.bindTeamsContact({ userKey: 'msteams:29:xyz', aadObjectId: 'aad-999', conversation: {} })).toEqual([]);
  });

  it('unbinds one enterprise or all', async () => {
    await bind('web:dave', GZ, 'GZ-1960');
    clock = new Date(clock.getTime() + 1000);
    await bind('web:dave', '91440600UAQW567EUX', 'FS-2025');
    expect((await service.list('web:dave')).map((b) => b.creditCode)).toEqual([GZ, '91440600UAQW567EUX']);
    expect(await service.unbind('web:dave', GZ)).toBe(1);
    expect(await service.unbind('web:dave')).toBe(1);
    expect(await service.list('web:dave')).toEqual([]);
  });
});

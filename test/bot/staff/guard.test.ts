import { ADMIN_TOKEN, startTestApp } from '../../support/app';
import { startOidcStandIn, type OidcStandIn } from '../../support/oidc';

const FOSHAN_OID = '11111111-aaaa-4000-8000-000000000001';

describe('staff sign-in, roles and city scope', () => {
  let oidc: OidcStandIn;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const person = (role: string | string[], extra: Record<string, unknown> = {}) =>
    oidc.token({ oid: extra.oid ?? `oid-${String(role)}`, name: `${String(role)} person`, roles: Array.isArray(role) ? role : [role], ...extra });

  beforeAll(async () => {
    oidc = await startOidcStandIn();
    app = await startTestApp(undefined, { ADMIN_TOKEN, ...oidc.env, STAFF_CITIES: `${FOSHAN_OID}=佛山` });
    const filed = (receiptNo: string, type: 'objection' | 'recusal' | 'change_report', fields: Record<string, string>) =>
      app.store.submissions.add({ id: receiptNo, receiptNo, type, createdAt: new Date().toISOString(), userKey: `directline:${receiptNo}`, locale: 'zh-CN', fields, evidence: [] });
    await filed('YY-20261201-DG01', 'objection', { target: '东莞市松湖智造科技有限公司（91441900TN8DTU2DR4）', reason: '案例不实', organisation: '某单位', contact: '张三', phone: '0757-12345678' });
    await filed('BG-20261201-FS01', 'change_report', { kind: '名称', since: '2026-11', detail: '改名', organisation: '佛山市顺德区美智工业软件有限公司', contact: '李四', phone: '13800138000' });
    // A Foshan recusal request with a kept evidence file (and, as older records have, the channel's own link),
    // and a Dongguan objection with a letter secret's hash and its own file.
    const keep = async (fileId: string, name: string) => {
      const data = Buffer.from(`%PDF-1.4 ${name}`);
      await app.store.evidence.save({ fileId, name, contentType: 'application/pdf', size: data.length, sha256: 'x', keptAt: new Date().toISOString() }, data);
      return { fileId, name, contentType: 'application/pdf', size: data.length, sha256: 'f'.repeat(64), url: `https://directline.example/attachments/${fileId}` };
    };
    await app.store.submissions.add({
      id: 'HB-20261201-FS02', receiptNo: 'HB-20261201-FS02', type: 'recusal', createdAt: new Date().toISOString(), userKey: 'directline:fs02', locale: 'zh-CN',
      fields: { review: '2026年认定评审', expert: '王五', reason: '曾任职', organisation: '佛山市禅城区某公司', contact: '赵六', phone: '13900139000' },
      evidence: [await keep('evidence-fs02-file', '任职证明.pdf')],
    });
    await app.store.submissions.add({
      id: 'YY-20261201-DG02', receiptNo: 'YY-20261201-DG02', type: 'objection', createdAt: new Date().toISOString(), userKey: 'directline:dg02', locale: 'zh-CN',
      fields: { target: '东莞市松湖智造科技有限公司（91441900TN8DTU2DR4）', reason: '业绩不实', organisation: '某单位', contact: '钱七', phone: '0769-1234567' },
      evidence: [await keep('evidence-dg02-file', '合同.pdf')], letterTokenHash: 'a'.repeat(64),
    });
  });
  afterAll(async () => {
    await app.close();
    await oidc.close();
  });

  const receipts = async (token: string) => {
    const res = await fetch(`${app.url}/staff/api/submissions`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    return ((await res.json()).submissions as { submission: { receiptNo: string }; city?: string }[]).map((s) => `${s.submission.receiptNo}@${s.city}`);
  };

  it('serves the console page under a strict Content-Security-Policy, with no inline script', async () => {
    const res = await fetch(`${app.url}/staff`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    const html = await res.text();
    expect(html).toContain('<script src="/staff/assets/console.js" defer></script>');
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]+<\/script>|\son\w+=|https?:\/\//);
    expect((await fetch(`${app.url}/staff/assets/console.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${app.url}/staff/assets/..%2Fpage.ts`)).status).toBe(404);
    const en = await (await fetch(`${app.url}/staff/strings.json?lang=en-US`)).json();
    expect(en.console_title).toBe('Pool staff console');
    const config = await (await fetch(`${app.url}/staff/api/config`)).json();
    expect(config).toEqual({ token: true, oidc: { clientId: oidc.audience, authorizeUrl: `${oidc.issuer.replace('/v2.0', '')}/oauth2/v2.0/authorize` } });
  });

  it('signs in with ADMIN_TOKEN as a province-wide admin, and records the sign-in', async () => {
    const res = await fetch(`${app.url}/staff/api/me`, { method: 'POST', headers: bearer(ADMIN_TOKEN) });
    expect((await res.json()).identity).toEqual({ subject: 'admin-token', name: 'ADMIN_TOKEN', role: 'admin', via: 'token' });
    const audit = await (await fetch(`${app.url}/staff/api/audit`, { headers: bearer(ADMIN_TOKEN) })).json();
    expect(audit.entries.map((e: { action: string }) => e.action)).toContain('sign_in');
  });

  it('accepts Entra ID tokens signed by the tenant, with the role from the roles claim', async () => {
    const res = await fetch(`${app.url}/staff/api/me`, { method: 'POST', headers: bearer(await person('Staff.Editor', { city: '东莞' })) });
    expect((await res.json()).identity).toEqual({ subject: 'oid-Staff.Editor', name: 'Staff.Editor person', role: 'editor', via: 'oidc', city: '东莞' });
  });

  it('refuses forged, foreign-audience, expired and role-less tokens', async () => {
    const me = async (token: string) => fetch(`${app.url}/staff/api/me`, { method: 'POST', headers: bearer(token) });
    const forged = await me(await oidc.token({ oid: 'x', roles: ['admin'] }, { foreign: true }));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
    expect((await me(await oidc.token({ oid: 'x', roles: ['admin'] }, { audience: 'api://someone-else' }))).status).toBe(401);
    expect((await me(await oidc.token({ oid: 'x', roles: ['admin'] }, { issuer: 'https://login.example/other/v2.0' }))).status).toBe(401);
    expect((await me(await oidc.token({ oid: 'x', roles: ['admin'] }, { expiresAt: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(401);
    const roleless = await me(await oidc.token({ oid: 'x', roles: ['Reader.All'] }));
    expect(roleless.status).toBe(403);
    expect((await roleless.json()).error.code).toBe('NoStaffRole');
    expect((await me('not-the-token-at-all-0000')).status).toBe(401);
    expect((await fetch(`${app.url}/staff/api/me`, { method: 'POST' })).status).toBe(401);
  });

  it('a viewer reads but cannot send, import or answer — in the admin API and the console alike', async () => {
    const viewer = bearer(await person('viewer'));
    expect((await fetch(`${app.url}/api/admin/notices`, { headers: viewer })).status).toBe(200);
    const create = await fetch(`${app.url}/api/admin/notices`, { method: 'POST', headers: viewer, body: JSON.stringify({ kind: 'announcement', title: '通知', text: '内容', audience: { type: 'all' } }) });
    expect(create.status).toBe(403);
    expect((await create.json()).error.code).toBe('Forbidden');
    const admin = bearer(ADMIN_TOKEN);
    const { id } = await (await fetch(`${app.url}/api/admin/notices`, { method: 'POST', headers: admin, body: JSON.stringify({ kind: 'announcement', title: '通知', text: '内容', audience: { type: 'conversations', ids: ['nobody'] } }) })).json();
    expect((await fetch(`${app.url}/api/admin/notices/${id}/send`, { method: 'POST', headers: viewer })).status).toBe(403);
    expect((await fetch(`${app.url}/api/admin/catalog`, { method: 'PUT', headers: viewer, body: JSON.stringify({ suppliers: [] }) })).status).toBe(403);
    expect((await fetch(`${app.url}/staff/api/submissions/YY-20261201-DG01/answer`, { method: 'POST', headers: viewer, body: JSON.stringify({ reply: '已核实' }) })).status).toBe(403);
    expect((await fetch(`${app.url}/staff/api/audit`, { headers: viewer })).status).toBe(403);
    // an editor may send
    const editor = bearer(await person('editor'));
    expect((await fetch(`${app.url}/api/admin/notices/${id}/send`, { method: 'POST', headers: editor })).status).toBe(202);
  });

  it("a Foshan editor sees Foshan's submissions and not Dongguan's; provincial staff see both", async () => {
    const foshan = await person('editor', { oid: FOSHAN_OID }); // city from STAFF_CITIES
    expect((await receipts(foshan)).sort()).toEqual(['BG-20261201-FS01@佛山', 'HB-20261201-FS02@佛山']);
    expect((await fetch(`${app.url}/staff/api/submissions/YY-20261201-DG01`, { headers: bearer(foshan) })).status).toBe(404);
    const answer = await fetch(`${app.url}/staff/api/submissions/YY-20261201-DG01/answer`, { method: 'POST', headers: bearer(foshan), body: JSON.stringify({ reply: '已核实' }) });
    expect(answer.status).toBe(404);
    // the province-wide admin API list is not theirs
    const wide = await fetch(`${app.url}/api/admin/submissions`, { headers: bearer(foshan) });
    expect(wide.status).toBe(403);
    expect((await wide.json()).error.code).toBe('OutOfScope');
    expect((await receipts(await person('editor', { city: '东莞' }))).sort()).toEqual(['YY-20261201-DG01@东莞', 'YY-20261201-DG02@东莞']);
    expect((await receipts(await person('viewer'))).sort()).toEqual(['BG-20261201-FS01@佛山', 'HB-20261201-FS02@佛山', 'YY-20261201-DG01@东莞', 'YY-20261201-DG02@东莞']);
  });

  it('tells the page what the person may do, from the table the routes check', async () => {
    const allowed = async (token: string) => (await (await fetch(`${app.url}/staff/api/me`, { headers: bearer(token) })).json()).allowed;
    expect(await allowed(ADMIN_TOKEN)).toEqual(['read', 'readProvince', 'send', 'import', 'answer', 'administer']);
    expect(await allowed(await person('editor'))).toEqual(['read', 'readProvince', 'send', 'import', 'answer']);
    expect(await allowed(await person('viewer'))).toEqual(['read', 'readProvince']);
    // a city department: no imports (the province's catalog and applications), no province-wide records
    expect(await allowed(await person('editor', { oid: FOSHAN_OID }))).toEqual(['read', 'send', 'answer']);
    expect(await allowed(await person('viewer', { city: '东莞' }))).toEqual(['read']);
    const leads = await fetch(`${app.url}/api/admin/leads`, { headers: bearer(await person('viewer', { city: '东莞' })) });
    expect(leads.status).toBe(403);
    expect((await fetch(`${app.url}/api/admin/leads`, { headers: bearer(await person('viewer')) })).status).toBe(200);
  });

  it("narrows a city department's enterprise audience to its city, in the count and in the notice", async () => {
    const foshan = bearer(await person('editor', { oid: FOSHAN_OID }));
    const notice = (audience: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ kind: 'announcement', title: '通知', text: '内容', audience, ...extra });
    const count = await fetch(`${app.url}/staff/api/notices/count`, { method: 'POST', headers: foshan, body: notice({ type: 'enterprises', filter: {} }) });
    expect(count.status).toBe(200);
    expect((await count.json()).audience).toEqual({ type: 'enterprises', filter: { city: '佛山' } });
    for (const outside of [{ type: 'all' }, { type: 'subscribers' }, { type: 'conversations', ids: ['directline:x'] }, { type: 'enterprises', filter: { city: '东莞' } }]) {
      const refused = await fetch(`${app.url}/staff/api/notices/count`, { method: 'POST', headers: foshan, body: notice(outside) });
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.code).toBe('OutOfScope');
    }
    // provincial staff count what they asked for, unchanged
    expect((await (await fetch(`${app.url}/staff/api/notices/count`, { method: 'POST', headers: bearer(ADMIN_TOKEN), body: notice({ type: 'enterprises', filter: {} }) })).json()).audience).toBeUndefined();
    const created = await fetch(`${app.url}/staff/api/notices`, { method: 'POST', headers: foshan, body: notice({ type: 'enterprises', filter: { rating: '优秀' } }, { sendAt: '2030-01-01T02:00:00.000Z' }) });
    expect(created.status).toBe(201);
    const stored = await app.store.notices.get((await created.json()).id);
    expect(stored?.audience).toEqual({ type: 'enterprises', filter: { rating: '优秀', city: '佛山' } });
  });

  it("a city department sends only to its own city's enterprises", async () => {
    const foshan = bearer(await person('editor', { oid: FOSHAN_OID }));
    const notice = (audience: unknown) => JSON.stringify({ kind: 'announcement', title: '通知', text: '内容', audience });
    const wide = await fetch(`${app.url}/staff/api/notices`, { method: 'POST', headers: foshan, body: notice({ type: 'all' }) });
    expect(wide.status).toBe(403);
    expect((await wide.json()).error.code).toBe('OutOfScope');
    expect((await fetch(`${app.url}/staff/api/notices`, { method: 'POST', headers: foshan, body: notice({ type: 'enterprises', filter: { city: '东莞' } }) })).status).toBe(403);
    expect((await fetch(`${app.url}/staff/api/notices`, { method: 'POST', headers: foshan, body: notice({ type: 'enterprises', filter: { city: '佛山' } }) })).status).toBe(201);
    const viewer = bearer(await person('viewer'));
    expect((await fetch(`${app.url}/staff/api/notices`, { method: 'POST', headers: viewer, body: notice({ type: 'all' }) })).status).toBe(403);
  });
  it('never hands the console an objection letter secret\'s hash or a channel\'s file link; files come through an authorized route (finding b)', async () => {
    const admin = bearer(ADMIN_TOKEN);
    const listed = await (await fetch(`${app.url}/staff/api/submissions`, { headers: admin })).text();
    expect(listed).not.toContain('letterTokenHash');
    expect(listed).not.toContain('a'.repeat(64));
    expect(listed).not.toContain('directline.example');
    const wide = await (await fetch(`${app.url}/api/admin/submissions`, { headers: admin })).text();
    expect(wide).toContain('YY-20261201-DG02');
    expect(wide).not.toContain('a'.repeat(64));
    const one = await (await fetch(`${app.url}/staff/api/submissions/YY-20261201-DG02`, { headers: admin })).json();
    expect(one.submission.letterTokenHash).toBeUndefined();
    // what the page shows of a file — its name, type, size and a download link — and no internals of the record
    expect(one.submission.evidence).toEqual([{ name: '合同.pdf', contentType: 'application/pdf', size: expect.any(Number), download: '/staff/api/submissions/YY-20261201-DG02/evidence/evidence-dg02-file' }]);
    expect(Object.keys(one.submission).sort()).toEqual(['createdAt', 'evidence', 'fields', 'locale', 'receiptNo', 'type']);
    expect(listed).not.toContain('directline:dg02'); // the filer's user key
    expect(listed).not.toContain('f'.repeat(64)); // the file's checksum
    const file = await fetch(`${app.url}${one.submission.evidence[0].download}`, { headers: admin });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(await file.text()).toBe('%PDF-1.4 合同.pdf');
    expect((await fetch(`${app.url}${one.submission.evidence[0].download}`)).status).toBe(401);
    const audit = await (await fetch(`${app.url}/staff/api/audit`, { headers: admin })).json();
    expect(audit.entries.some((e: { action: string; target?: string }) => e.action === 'evidence_downloaded' && e.target === 'YY-20261201-DG02')).toBe(true);
  });

  it("a Foshan department downloads its own city's evidence, and not Dongguan's (finding b)", async () => {
    const foshan = bearer(await person('viewer', { oid: FOSHAN_OID }));
    const own = await fetch(`${app.url}/staff/api/submissions/HB-20261201-FS02/evidence/evidence-fs02-file`, { headers: foshan });
    expect(own.status).toBe(200);
    expect(await own.text()).toBe('%PDF-1.4 任职证明.pdf');
    const other = await fetch(`${app.url}/staff/api/submissions/YY-20261201-DG02/evidence/evidence-dg02-file`, { headers: foshan });
    expect(other.status).toBe(404);
    // a file of another submission, asked for under their own one, opens nothing either
    expect((await fetch(`${app.url}/staff/api/submissions/HB-20261201-FS02/evidence/evidence-dg02-file`, { headers: foshan })).status).toBe(404);
    // nor does the province-wide admin route
    expect((await fetch(`${app.url}/api/admin/evidence/evidence-fs02-file`, { headers: foshan })).status).toBe(403);
  });

  it('a city department imports nothing and sends no province-wide notice, through the admin API or the console (finding c)', async () => {
    const foshan = bearer(await person('editor', { oid: FOSHAN_OID }));
    const outOfScope = async (res: Response) => {
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('OutOfScope');
    };
    // reading the catalog and the notices is fine
    expect((await fetch(`${app.url}/api/admin/catalog`, { headers: foshan })).status).toBe(200);
    expect((await fetch(`${app.url}/api/admin/notices`, { headers: foshan })).status).toBe(200);
    // the province's catalog, and a notice to everyone, are not theirs
    await outOfScope(await fetch(`${app.url}/api/admin/catalog`, { method: 'PUT', headers: foshan, body: JSON.stringify({ suppliers: [] }) }));
    const wide = JSON.stringify({ kind: 'announcement', title: '通知', text: '内容', audience: { type: 'all' } });
    await outOfScope(await fetch(`${app.url}/api/admin/notices`, { method: 'POST', headers: foshan, body: wide }));
    await outOfScope(await fetch(`${app.url}/staff/api/imports?kind=catalog&name=c.csv`, { method: 'POST', headers: { ...foshan, 'content-type': 'text/csv' }, body: '统一社会信用代码\n' }));
    await outOfScope(await fetch(`${app.url}/staff/api/imports?kind=applications&name=a.csv`, { method: 'POST', headers: { ...foshan, 'content-type': 'text/csv' }, body: '统一社会信用代码\n' }));
    // a province-wide notice made by the commission: a city department neither sends, cancels, retries it nor lists its recipients
    const { id } = await (await fetch(`${app.url}/staff/api/notices`, { method: 'POST', headers: bearer(ADMIN_TOKEN), body: JSON.stringify({ kind: 'announcement', title: '全省通知', text: '内容', audience: { type: 'all' }, sendAt: '2030-01-01T02:00:00.000Z' }) })).json();
    for (const action of ['send', 'cancel', 'retry']) await outOfScope(await fetch(`${app.url}/staff/api/notices/${id}/${action}`, { method: 'POST', headers: foshan }));
    await outOfScope(await fetch(`${app.url}/staff/api/notices/${id}/deliveries`, { headers: foshan }));
    await outOfScope(await fetch(`${app.url}/api/admin/notices/${id}/deliveries`, { headers: foshan }));
    await outOfScope(await fetch(`${app.url}/api/admin/notices/${id}/send`, { method: 'POST', headers: foshan }));
    // their own city's notice they schedule and cancel
    const own = await (await fetch(`${app.url}/staff/api/notices`, { method: 'POST', headers: foshan, body: JSON.stringify({ kind: 'announcement', title: '佛山通知', text: '内容', audience: { type: 'enterprises', filter: { city: '佛山' } }, sendAt: '2030-01-01T02:00:00.000Z' }) })).json();
    expect((await fetch(`${app.url}/staff/api/notices/${own.id}/deliveries`, { headers: foshan })).status).toBe(200);
    expect((await fetch(`${app.url}/staff/api/notices/${own.id}/cancel`, { method: 'POST', headers: foshan })).status).toBe(200);
  });
});

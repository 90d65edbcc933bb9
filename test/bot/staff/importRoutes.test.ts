import ExcelJS from 'exceljs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImportCli } from '../../../bot/staff/importCli';
import { openStore } from '../../../data/store';
import { ADMIN_TOKEN, startTestApp } from '../../support/app';
import { BAD_CODE, GOOD_CODES, catalogWorkbook, supplierRow } from '../../support/sheets';

const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('imports from Excel and CSV', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const upload = async (kind: string, name: string, body: Buffer | string) => {
    const res = await fetch(`${app.url}/staff/api/imports?kind=${kind}&name=${encodeURIComponent(name)}`, {
      method: 'POST', headers: { ...staff, 'content-type': typeof body === 'string' ? 'text/csv' : 'application/octet-stream' }, body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const commit = async (id: string, allOrNothing: boolean) =>
    (await fetch(`${app.url}/staff/api/imports/${id}/commit`, { method: 'POST', headers: { ...staff, 'content-type': 'application/json' }, body: JSON.stringify({ allOrNothing }) })).json();
  const settled = async (id: string) => {
    for (;;) {
      const job = await (await fetch(`${app.url}/staff/api/imports/${id}`, { headers: staff })).json();
      if (job.state !== 'importing') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('serves templates with Chinese column headers on every sheet', async () => {
    const res = await fetch(`${app.url}/staff/templates/catalog.xlsx`);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['服务商', '产品', '案例']);
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    const apps = new ExcelJS.Workbook();
    await apps.xlsx.load(await (await fetch(`${app.url}/staff/templates/applications.xlsx`)).arrayBuffer());
    expect((apps.worksheets[0]!.getRow(1).values as string[]).filter(Boolean).slice(0, 3)).toEqual(['申报编号', '统一社会信用代码', '企业名称']);
    expect((await fetch(`${app.url}/staff/templates/other.xlsx`)).status).toBe(404);
  });

  it('lists the bad row with its row number and reason before writing anything; all or nothing writes nothing', async () => {
    const file = await catalogWorkbook([supplierRow(GOOD_CODES[0]!, '佛山导入甲'), supplierRow(BAD_CODE, '佛山导入乙'), supplierRow(GOOD_CODES[1]!, '广州导入丙')]);
    const checked = await upload('catalog', 'suppliers.xlsx', file);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ state: 'checked', total: 3, valid: 2, rejected: [{
      row: 3, sheet: '服务商', errors: ['统一社会信用代码: 不是有效的统一社会信用代码（校验位不符）'],
      reasons: [{ column: '统一社会信用代码', zh: '不是有效的统一社会信用代码（校验位不符）', en: 'not a valid unified social credit code (its check character is wrong)' }],
    }] });
    // the product row of the bad supplier is not an error of its own sheet: it belongs to a refused supplier
    expect((await app.store.suppliers.get(GOOD_CODES[0]!))?.name).not.toBe('佛山导入甲');
    const refused = await commit(checked.body.id, true);
    expect(refused).toMatchObject({ state: 'refused', result: { imported: 0, written: false } });
    expect((await app.store.suppliers.get(GOOD_CODES[0]!))?.name).not.toBe('佛山导入甲');
  });

  it('imports the valid rows when asked to, with progress to done', async () => {
    const file = await catalogWorkbook([supplierRow(GOOD_CODES[0]!, '佛山导入甲'), supplierRow(BAD_CODE, '佛山导入乙')]);
    const checked = await upload('catalog', 'suppliers.xlsx', file);
    expect(await commit(checked.body.id, false)).toMatchObject({ state: 'importing' });
    expect(await settled(checked.body.id)).toMatchObject({ state: 'done', written: 1, result: { imported: 1, rejected: 1 } });
    const stored = await app.store.suppliers.get(GOOD_CODES[0]!);
    expect(stored).toMatchObject({ name: '佛山导入甲', ratings: [{ year: 2025, rating: '优秀' }], products: [{ name: '佛山导入甲能耗云', priceFrom: 3, deployDays: 30 }] });
    expect((await commit(checked.body.id, false)).error.code).toBe('AlreadyImported');
    const audit = await (await fetch(`${app.url}/staff/api/audit`, { headers: staff })).json();
    expect(audit.entries.filter((e: { action: string }) => e.action === 'import').map((e: { details: string }) => JSON.parse(e.details))).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'catalog', imported: 1, rejected: 1 })]),
    );
  });

  it('takes applications as CSV with stage names in Chinese, with the API rules (unknown stage, bad code refused)', async () => {
    const csv = [
      '申报编号,统一社会信用代码,企业名称,城市,区县,流程,年度,批次,当前阶段,进入当前阶段日期,结果,查询码,联系人,联系电话,联系邮箱',
      'RZ-2026-3-0100,91440600TW13AK20KR,佛山市顺德区美智工业软件有限公司,佛山市,顺德区,认定,2026,2026年第三批,专家评审,2026-11-28,,FS-9999,陈工,0757-1,',
      'RZ-2026-3-0101,91440600TW13AK20KR,佛山市顺德区美智工业软件有限公司,佛山,顺德区,认定,2026,2026年第三批,喝茶,2026-11-28,,FS-9999,陈工,,',
    ].join('\n');
    const checked = await upload('applications', 'apps.csv', csv);
    expect(checked.body).toMatchObject({ total: 2, valid: 1, rejected: [{ row: 3, reasons: [{ column: '当前阶段', zh: expect.stringMatching(/^须为以下之一：发布申报通知、提交申请、.*专家评审、/), en: expect.stringMatching(/^must be one of: 发布申报通知, 提交申请, /) }] }] });
    // no English of the validator leaks into the Chinese reasons
    expect(JSON.stringify(checked.body.rejected.map((r: { errors: string[] }) => r.errors))).not.toMatch(/[A-Za-z]{3,}/);
    await commit(checked.body.id, false);
    await settled(checked.body.id);
    const stored = (await app.store.applications.listByCreditCode('91440600TW13AK20KR')).find((a) => a.id === 'RZ-2026-3-0100');
    expect(stored).toMatchObject({ city: '佛山', stage: 'expert_review', stageHistory: [{ stage: 'expert_review', at: '2026-11-28' }] });
    expect(JSON.stringify(stored)).not.toContain('FS-9999');
  });

  it('checks a sheet larger than the public 64 KB body limit, uploaded as the page does (text/csv, the xlsx type)', async () => {
    const header = '统一社会信用代码,企业名称,类型,所在城市,入池年份,评价记录,服务类别,服务行业,简介,联系人,联系电话,联系邮箱';
    const row = `${BAD_CODE},佛山某某,服务商,佛山,2024,2025:优秀,能耗管理,陶瓷建材,${'能耗监测'.repeat(20)},陈工,0757-00000009,a@example.com`;
    const csv = [header, ...Array.from({ length: 400 }, () => row)].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(64 * 1024);
    const checked = await upload('catalog', 'big.csv', csv);
    expect(checked.status).toBe(200);
    expect(checked.body.rejected.length).toBe(400); // read and checked row by row, not refused as too large
    const xlsx = await catalogWorkbook(Array.from({ length: 600 }, (_, i) => supplierRow(GOOD_CODES[i % 2]!, `企业${i}${'很长的名称'.repeat(8)}`)));
    const typed = await fetch(`${app.url}/staff/api/imports?kind=catalog&name=big.xlsx`, {
      method: 'POST', headers: { ...staff, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, body: new Uint8Array(xlsx),
    });
    expect(typed.status).toBe(200);
    // Read to the end: a large answer left unread holds its connection, and the Jest worker, open for minutes.
    expect(await typed.json()).toMatchObject({ state: 'checked', total: 600 });
  });

  it('refuses files that are not a readable template', async () => {
    expect((await upload('catalog', 'x.xlsx', Buffer.from('not a zip'))).body.error.code).toBe('UnreadableFile');
    expect((await upload('catalog', 'x.csv', 'a,b\n1,2')).body.error).toEqual({ code: 'WrongColumns', message: expect.stringContaining('统一社会信用代码') });
    expect((await upload('catalog', 'x.pdf', Buffer.from('%PDF'))).status).toBe(400);
  });

  it('does the same from a shell: npm run import -- <file>', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'import-cli-'));
    try {
      const path = join(dir, 'catalog.xlsx');
      await writeFile(path, await catalogWorkbook([supplierRow(GOOD_CODES[1]!, '命令行导入'), supplierRow(BAD_CODE, '错行')]));
      const lines: string[] = [];
      const env = { DATA_DIR: join(dir, 'data') };
      expect(await runImportCli([path], env, (l) => lines.push(l))).toBe(1);
      expect(lines).toContain('  服务商 row 3: 统一社会信用代码: 不是有效的统一社会信用代码（校验位不符）');
      expect(lines.at(-1)).toMatch(/^Nothing imported/);
      expect(await runImportCli([path, '--partial'], env, (l) => lines.push(l))).toBe(0);
      const store = await openStore({ databaseId: 'pool-assistant', dataDir: join(dir, 'data') });
      try {
        expect((await store.suppliers.get(GOOD_CODES[1]!))?.name).toBe('命令行导入');
      } finally {
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

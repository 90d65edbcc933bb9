import { STAGES, type Process } from '../model/application';
import { stageName } from '../applications/stages';

/**
 * Spreadsheets staff fill in, and how their rows become records of the interchange format (the same
 * records PUT /api/admin/catalog and /applications take, validated by the same functions). Pure: the
 * xlsx/csv reading is in bot/staff/sheets.ts.
 */
export type SheetKind = 'catalog' | 'applications';

/** A row as read from a sheet: its number as Excel shows it, and its cells by column header. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export interface SheetColumn {
  header: string;
  /** The record field it fills (dotted for nested ones); shown in errors in the header's words. */
  field: string;
  required?: boolean;
  example: string;
}

export interface SheetLayout {
  /** The sheets of the workbook: the first is the main one, one row per record. */
  sheets: { name: string; columns: SheetColumn[] }[];
}

const LIST = /[、，,；;\n]+/;
const list = (v: string | undefined) => (v ?? '').split(LIST).map((s) => s.trim()).filter(Boolean);
/** A number as a cell holds it; text that is not a number stays text, so validation names the cell. */
const num = (v: string | undefined): number | string | undefined => (v === undefined || v.trim() === '' ? undefined : Number.isFinite(Number(v.trim())) ? Number(v.trim()) : v.trim());
const text = (v: string | undefined) => (v ?? '').trim();

export const CATALOG_LAYOUT: SheetLayout = {
  sheets: [
    {
      name: '服务商',
      columns: [
        { header: '统一社会信用代码', field: 'creditCode', required: true, example: '91440600UAQW567EUX' },
        { header: '企业名称', field: 'name', required: true, example: '佛山市智联云工业科技有限公司' },
        { header: '类型', field: 'type', required: true, example: '服务商' },
        { header: '所在城市', field: 'city', required: true, example: '佛山' },
        { header: '入池年份', field: 'poolSince', required: true, example: '2023' },
        { header: '评价记录', field: 'ratings', example: '2024:合格、2025:优秀' },
        { header: '服务类别', field: 'serviceCategories', required: true, example: '能耗管理、设备联网与数据采集' },
        { header: '服务行业', field: 'industries', example: '陶瓷建材、五金金属制品' },
        { header: '简介', field: 'description', example: '窑炉与空压机能耗在线监测、峰谷用电优化' },
        { header: '联系人', field: 'contact.name', required: true, example: '李工' },
        { header: '联系电话', field: 'contact.phone', required: true, example: '0757-00000001' },
        { header: '联系邮箱', field: 'contact.email', required: true, example: 'bd@zhilian.example.com' },
      ],
    },
    {
      name: '产品',
      columns: [
        { header: '统一社会信用代码', field: 'creditCode', required: true, example: '91440600UAQW567EUX' },
        { header: '产品名称', field: 'products.name', required: true, example: '窑炉能耗云' },
        { header: '产品描述', field: 'products.description', example: '分项计量、能耗看板、节能诊断报告' },
        { header: '服务类别', field: 'products.serviceCategories', example: '能耗管理' },
        { header: '起步价格（万元）', field: 'products.priceFrom', required: true, example: '3' },
        { header: '部署天数', field: 'products.deployDays', required: true, example: '30' },
      ],
    },
    {
      name: '案例',
      columns: [
        { header: '统一社会信用代码', field: 'creditCode', required: true, example: '91440600UAQW567EUX' },
        { header: '行业', field: 'cases.industry', required: true, example: '陶瓷建材' },
        { header: '客户', field: 'cases.customer', example: '某陶瓷企业' },
        { header: '成效', field: 'cases.summary', example: '窑炉天然气单耗下降8%' },
      ],
    },
  ],
};

export const APPLICATIONS_LAYOUT: SheetLayout = {
  sheets: [
    {
      name: '申报',
      columns: [
        { header: '申报编号', field: 'id', required: true, example: 'RZ-2026-2-0001' },
        { header: '统一社会信用代码', field: 'creditCode', required: true, example: '91440700J26GFM1F16' },
        { header: '企业名称', field: 'enterpriseName', required: true, example: '江门市五邑智控科技有限公司' },
        { header: '城市', field: 'city', required: true, example: '江门' },
        { header: '区县', field: 'county', example: '蓬江区' },
        { header: '流程', field: 'process', required: true, example: '认定' },
        { header: '年度', field: 'year', required: true, example: '2026' },
        { header: '批次', field: 'batch', required: true, example: '2026年第二批' },
        { header: '当前阶段', field: 'stage', required: true, example: '提交申请' },
        { header: '进入当前阶段日期', field: 'stageHistory', example: '2026-11-25' },
        { header: '结果', field: 'result', example: '' },
        { header: '查询码', field: 'accessCode', required: true, example: 'JM-4821' },
        { header: '联系人', field: 'contacts.name', example: '梁工' },
        { header: '联系电话', field: 'contacts.phone', example: '0750-00000011' },
        { header: '联系邮箱', field: 'contacts.email', example: '' },
      ],
    },
  ],
};

export const LAYOUTS: Record<SheetKind, SheetLayout> = { catalog: CATALOG_LAYOUT, applications: APPLICATIONS_LAYOUT };

/**
 * Records built from the rows, each with the sheet row it came from, and the rows refused before validation
 * (their errors in the validators' form, `field: message`, worded for people by rowReasons).
 */
export interface MappedSheet {
  records: { row: number; record: Record<string, unknown> }[];
  rejected: { row: number; sheet: string; errors: string[] }[];
}

/** Headers the main sheet lacks (a wrong file, or a template from another kind). */
export function missingHeaders(kind: SheetKind, headers: string[]): string[] {
  const have = new Set(headers.map((h) => h.trim()));
  return LAYOUTS[kind].sheets[0]!.columns.filter((c) => c.required && !have.has(c.header)).map((c) => c.header);
}

const ratings = (v: string | undefined) =>
  list(v).map((pair) => {
    const [year, rating] = pair.split(/[:：]/).map((s) => s.trim());
    return { year: num(year), rating };
  });

const PROCESS_WORDS: Record<string, Process> = { 认定: 'recognition', recognition: 'recognition', 评价: 'evaluation', evaluation: 'evaluation' };

/** A stage as staff write it: its code, or its Chinese name in that process (提交申请, 市级合规性审查, …). */
export function stageOf(process: Process | undefined, value: string): string {
  const v = value.trim();
  if ((STAGES as readonly string[]).includes(v)) return v;
  const processes: Process[] = process ? [process] : ['recognition', 'evaluation'];
  for (const p of processes) {
    const stage = STAGES.find((s) => stageName(p, s, 'zh-CN') === v);
    if (stage) return stage;
  }
  return v;
}

/** Catalog rows (服务商 + 产品 + 案例, joined by credit code) → supplier records. */
export function catalogRecords(sheets: Record<string, SheetRow[]>): MappedSheet {
  const [main, products, cases] = CATALOG_LAYOUT.sheets.map((s) => sheets[s.name] ?? []);
  const byCode = new Map<string, { row: number; record: Record<string, unknown> }>();
  const out: MappedSheet = { records: [], rejected: [] };
  for (const { row, cells } of main!) {
    const code = text(cells['统一社会信用代码']).toUpperCase();
    const record: Record<string, unknown> = {
      creditCode: code, name: text(cells['企业名称']), type: text(cells['类型']), city: text(cells['所在城市']).replace(/市$/, ''),
      poolSince: num(cells['入池年份']), ratings: ratings(cells['评价记录']), serviceCategories: list(cells['服务类别']),
      industries: list(cells['服务行业']), description: text(cells['简介']), products: [], cases: [],
      contact: { name: text(cells['联系人']), phone: text(cells['联系电话']), email: text(cells['联系邮箱']) },
    };
    if (byCode.has(code)) out.rejected.push({ row, sheet: '服务商', errors: [`creditCode: duplicate of row ${byCode.get(code)!.row}`] });
    else {
      byCode.set(code, { row, record });
      out.records.push({ row, record });
    }
  }
  const attach = (rows: SheetRow[], sheet: string, key: 'products' | 'cases', build: (c: Record<string, string>) => Record<string, unknown>) => {
    for (const { row, cells } of rows) {
      const owner = byCode.get(text(cells['统一社会信用代码']).toUpperCase());
      if (!owner) out.rejected.push({ row, sheet, errors: [`creditCode: not in the main sheet: ${text(cells['统一社会信用代码'])}`] });
      else (owner.record[key] as unknown[]).push(build(cells));
    }
  };
  attach(products!, '产品', 'products', (c) => ({
    name: text(c['产品名称']), description: text(c['产品描述']), serviceCategories: list(c['服务类别']), priceFrom: num(c['起步价格（万元）']), deployDays: num(c['部署天数']),
  }));
  attach(cases!, '案例', 'cases', (c) => ({ industry: text(c['行业']), customer: text(c['客户']), summary: text(c['成效']) }));
  return out;
}

/** Application rows → application records (one contact per row; the stage's date starts its history). */
export function applicationRecords(sheets: Record<string, SheetRow[]>): MappedSheet {
  const rows = sheets[APPLICATIONS_LAYOUT.sheets[0]!.name] ?? [];
  return {
    rejected: [],
    records: rows.map(({ row, cells }) => {
      const processWord = text(cells['流程']);
      const process = PROCESS_WORDS[processWord.toLowerCase()] ?? PROCESS_WORDS[processWord];
      const stage = stageOf(process, text(cells['当前阶段']));
      const since = text(cells['进入当前阶段日期']);
      const contact = { name: text(cells['联系人']), ...(text(cells['联系电话']) ? { phone: text(cells['联系电话']) } : {}), ...(text(cells['联系邮箱']) ? { email: text(cells['联系邮箱']) } : {}) };
      const record: Record<string, unknown> = {
        id: text(cells['申报编号']), creditCode: text(cells['统一社会信用代码']).toUpperCase(), enterpriseName: text(cells['企业名称']),
        city: text(cells['城市']).replace(/市$/, ''), ...(text(cells['区县']) ? { county: text(cells['区县']) } : {}),
        process: process ?? processWord, year: num(cells['年度']), batch: text(cells['批次']), stage,
        stageHistory: since ? [{ stage, at: since }] : [], ...(text(cells['结果']) ? { result: text(cells['结果']) } : {}),
        accessCode: text(cells['查询码']), contacts: contact.name ? [contact] : [],
      };
      return { row, record };
    }),
  };
}

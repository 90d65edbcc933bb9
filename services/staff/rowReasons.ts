import { stageName } from '../applications/stages';
import { PROCESSES, STAGES, type Stage } from '../model/application';
import { LAYOUTS, type SheetKind } from './sheetRows';

/**
 * Why a sheet row was refused, in the sheet's words: the column by its Chinese header (what staff see in the
 * file, whatever language the console is in) and the reason in Chinese and English. The validators are the
 * API's own (zod schemas, importSuppliers), whose messages are English and name record fields; this turns
 * them into what a person filling in the template understands.
 */
export interface RowReason {
  /** The column's header, with the product or case it is about (产品第 2 条的产品名称); absent for the whole row. */
  column?: string;
  zh: string;
  en: string;
}

/** Cell values that are codes in the record but words in the sheet (流程: 认定, 当前阶段: 提交申请). */
const SHEET_VALUES: Record<string, (value: string) => string> = {
  process: (v) => ({ recognition: '认定', evaluation: '评价' })[v] ?? v,
  // A stage's name in the process that has it (the alliance's evaluation step is the evaluation's only).
  stage: (v) => {
    if (!(STAGES as readonly string[]).includes(v)) return v;
    const names = PROCESSES.map((p) => stageName(p, v as Stage, 'zh-CN')).filter((name) => name !== v);
    return names[0] ?? v;
  },
};

type Translation = [RegExp, (m: RegExpExecArray, field: string) => { zh: string; en: string }];

const options = (list: string, field: string): string[] => {
  const values = [...list.matchAll(/"([^"]*)"/g)].map((m) => SHEET_VALUES[field]?.(m[1]!) ?? m[1]!);
  return [...new Set(values)];
};

/** zod 4's messages (and importSuppliers' and the sheet mapping's own), most specific first. */
const TRANSLATIONS: Translation[] = [
  [/^invalid credit code \(check character\)$/, () => ({ zh: '不是有效的统一社会信用代码（校验位不符）', en: 'not a valid unified social credit code (its check character is wrong)' })],
  [/^duplicate of row (\d+)$/, (m) => ({ zh: `与第 ${m[1]} 行重复`, en: `the same as row ${m[1]}` })],
  [/^not in the main sheet: (.*)$/, (m) => ({ zh: `服务商表中没有 ${m[1] || '（空）'}`, en: `${m[1] || '(empty)'} is not in the 服务商 sheet` })],
  [/^unknown service category "(.*)"$/, (m) => ({ zh: `“${m[1]}”不是目录中的服务类别`, en: `"${m[1]}" is not a service category of the catalog` })],
  [/^unknown industry "(.*)"$/, (m) => ({ zh: `“${m[1]}”不是目录中的行业`, en: `"${m[1]}" is not an industry of the catalog` })],
  [/^Too small: expected string to have >=1 characters$/, () => ({ zh: '不能为空', en: 'must not be empty' })],
  [/^Too small: expected string to have >=(\d+) characters$/, (m) => ({ zh: `至少 ${m[1]} 个字符`, en: `at least ${m[1]} characters` })],
  [/^Too small: expected array to have >=1 items$/, () => ({ zh: '至少填写一项', en: 'needs at least one entry' })],
  [/^Too small: expected number to be >=0$/, () => ({ zh: '不能为负数', en: 'must not be negative' })],
  [/^Too small: expected number to be >=?(-?[\d.]+)$/, (m) => ({ zh: `不能小于 ${m[1]}`, en: `must be at least ${m[1]}` })],
  [/^Too big: expected number to be <=?(-?[\d.]+)$/, (m) => ({ zh: `不能大于 ${m[1]}`, en: `must be at most ${m[1]}` })],
  [/^Invalid input: expected int, received number$/, () => ({ zh: '须为整数', en: 'must be a whole number' })],
  [/^Invalid input: expected (number|int|string|array), received undefined$/, () => ({ zh: '不能为空', en: 'must not be empty' })],
  [/^Invalid input: expected (number|int), received \w+$/, () => ({ zh: '须为数字', en: 'must be a number' })],
  [/^Invalid option: expected one of (.*)$/, (m, field) => {
    const values = options(m[1]!, field);
    return { zh: `须为以下之一：${values.join('、')}`, en: `must be one of: ${values.join(', ')}` };
  }],
  [/^Invalid input/, () => ({ zh: '格式不正确', en: 'is not in the expected format' })],
];

/** The column a record path comes from (`contact.phone` → 联系电话, `products.1.name` → 产品第 2 条的产品名称). */
function columnOf(kind: SheetKind, rawPath: string): { column?: string; field: string } {
  // The stage's history entry is made from the stage column: its error is the stage's.
  const path = /^stageHistory\.\d+\.stage$/.test(rawPath) ? 'stage' : rawPath;
  const parts = path.split('.');
  const columns = LAYOUTS[kind].sheets.flatMap((s) => s.columns);
  const nested = parts.length >= 3 && /^\d+$/.test(parts[1]!) ? `${parts[0]}.${parts[2]}` : null;
  const column = columns.find((c) => c.field === path) ?? columns.find((c) => c.field === parts[0]) ?? (nested ? columns.find((c) => c.field === nested) : undefined);
  if (!column) return { field: path };
  const where = nested && (parts[0] === 'products' || parts[0] === 'cases') ? `${parts[0] === 'products' ? '产品' : '案例'}第 ${Number(parts[1]) + 1} 条的` : '';
  return { column: `${where}${column.header}`, field: column.field };
}

/** One validation error (`path: message`) as a row reason. An unknown message is kept as it is, in both. */
export function rowReason(kind: SheetKind, error: string): RowReason {
  const at = error.indexOf(': ');
  const path = at < 0 ? '' : error.slice(0, at);
  const message = at < 0 ? error : error.slice(at + 2);
  const { column, field } = path && path !== '(record)' ? columnOf(kind, path) : { column: undefined, field: '' };
  for (const [pattern, say] of TRANSLATIONS) {
    const m = pattern.exec(message);
    if (m) return { ...(column ? { column } : {}), ...say(m, field) };
  }
  return { ...(column ? { column } : {}), zh: message, en: message };
}

/** A reason as one line in a language: `统一社会信用代码: 不能为空`. */
export function reasonText(reason: RowReason, locale: 'zh-CN' | 'en-US'): string {
  const said = locale === 'en-US' ? reason.en : reason.zh;
  return reason.column ? `${reason.column}: ${said}` : said;
}

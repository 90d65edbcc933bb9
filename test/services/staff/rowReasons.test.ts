import { checkSheet } from '../../../services/staff/sheetImport';
import { reasonText, rowReason } from '../../../services/staff/rowReasons';
import type { SheetRow } from '../../../services/staff/sheetRows';

const cells = (values: Record<string, string>, row = 2): SheetRow => ({ row, cells: values });
const supplier = (overrides: Record<string, string>) => ({
  统一社会信用代码: '91440600UAQW567EUX', 企业名称: '佛山市智联云工业科技有限公司', 类型: '服务商', 所在城市: '佛山', 入池年份: '2023',
  评价记录: '2025:优秀', 服务类别: '能耗管理', 服务行业: '陶瓷建材', 简介: '', 联系人: '李工', 联系电话: '0757-00000001', 联系邮箱: 'bd@example.com',
  ...overrides,
});

describe('refused rows in the sheet\'s words', () => {
  it('names each column by its Chinese header and says why in Chinese and English, with no validator English in the Chinese', async () => {
    const check = await checkSheet('catalog', {
      服务商: [cells(supplier({ 企业名称: '', 类型: '厂商', 入池年份: '二〇二三', 服务类别: '' }), 2)],
      产品: [{ row: 2, cells: { 统一社会信用代码: '91440600UAQW567EUX', 产品名称: '', '起步价格（万元）': '-1', 部署天数: '30' } }],
    });
    const [row] = check.rejected;
    expect(row!.row).toBe(2);
    expect(row!.errors).toEqual(expect.arrayContaining([
      '企业名称: 不能为空',
      '类型: 须为以下之一：平台商、服务商',
      '入池年份: 须为数字',
      '服务类别: 至少填写一项',
      '产品第 1 条的产品名称: 不能为空',
      '产品第 1 条的起步价格（万元）: 不能为负数',
    ]));
    expect(row!.errors.join('')).not.toMatch(/[A-Za-z]{3,}/);
    expect(row!.reasons.map((r) => reasonText(r, 'en-US'))).toEqual(expect.arrayContaining(['企业名称: must not be empty', '类型: must be one of: 平台商, 服务商', '入池年份: must be a number']));
  });

  it('words the sheet mapping\'s own refusals (a repeated code, a product of no supplier) the same way', async () => {
    const check = await checkSheet('catalog', {
      服务商: [cells(supplier({}), 2), cells(supplier({}), 3)],
      产品: [{ row: 2, cells: { 统一社会信用代码: '91440300MA5XXXXXX1', 产品名称: '某产品', '起步价格（万元）': '1', 部署天数: '1' } }],
    });
    expect(check.rejected.map((r) => `${r.sheet}${r.row} ${r.errors.join()}`)).toEqual(['产品2 统一社会信用代码: 服务商表中没有 91440300MA5XXXXXX1', '服务商3 统一社会信用代码: 与第 2 行重复']);
    expect(check.rejected[1]!.reasons[0]!.en).toBe('the same as row 2');
  });

  it('shows application codes as the sheet writes them (流程 认定/评价), and keeps an unknown message as it is', () => {
    expect(rowReason('applications', 'process: Invalid option: expected one of "recognition"|"evaluation"')).toEqual({ column: '流程', zh: '须为以下之一：认定、评价', en: 'must be one of: 认定, 评价' });
    expect(rowReason('applications', 'accessCode: Too small: expected string to have >=4 characters')).toEqual({ column: '查询码', zh: '至少 4 个字符', en: 'at least 4 characters' });
    expect(rowReason('catalog', 'serviceCategories.0: unknown service category "喝茶"')).toEqual({ column: '服务类别', zh: '“喝茶”不是目录中的服务类别', en: '"喝茶" is not a service category of the catalog' });
    expect(rowReason('catalog', '(record): something new')).toEqual({ zh: 'something new', en: 'something new' });
  });
});

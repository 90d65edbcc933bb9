import ExcelJS from 'exceljs';

/** An .xlsx staff might upload: sheets by name, the first row the headers. */
export async function workbookOf(sheets: Record<string, (string | number)[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const SUPPLIER_HEADERS = ['统一社会信用代码', '企业名称', '类型', '所在城市', '入池年份', '评价记录', '服务类别', '服务行业', '简介', '联系人', '联系电话', '联系邮箱'];

/** A valid supplier row (credit codes with a correct check character). */
export const supplierRow = (code: string, name: string): (string | number)[] => [code, name, '服务商', '佛山', 2024, '2025:优秀', '能耗管理、设备联网与数据采集', '陶瓷建材', '能耗监测', '陈工', '0757-00000009', 'a@example.com'];

/** Two credit codes that pass the check character, and one that does not (last character changed). */
export const GOOD_CODES = ['91440600UAQW567EUX', '91440100B2H6XDW0EN'];
export const BAD_CODE = '91440600UAQW567EU0';

/** A catalog workbook: supplier rows on 服务商 (row 2 on), one product each on 产品. */
export function catalogWorkbook(rows: (string | number)[][]): Promise<Buffer> {
  return workbookOf({
    服务商: [SUPPLIER_HEADERS, ...rows],
    产品: [['统一社会信用代码', '产品名称', '产品描述', '服务类别', '起步价格（万元）', '部署天数'], ...rows.map((r) => [r[0]!, `${String(r[1])}能耗云`, '看板', '能耗管理', 3, 30])],
  });
}

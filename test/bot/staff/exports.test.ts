import ExcelJS from 'exceljs';
import { csvOf, escapeFormula, xlsxOf } from '../../../bot/staff/sheets';

describe('console exports', () => {
  const rows = [{ name: '=HYPERLINK("http://evil.example","点我")', note: '+86 757', plain: '佛山', n: 3 }, { name: '@SUM(A1)', note: '-1', plain: '\tx', n: -2 }];
  const columns = ['name', 'note', 'plain', 'n'];

  it('never lets a cell run as a formula in CSV', () => {
    const csv = csvOf(columns, rows);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("'+86 757");
    expect(csv).not.toMatch(/(^|,)([=+@]|-\D)/m);
  });

  it('never lets a cell run as a formula in xlsx, and keeps numbers numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsxOf('rows', columns, rows)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(sheet.getRow(3).getCell(1).value).toBe("'@SUM(A1)");
    expect(sheet.getRow(2).getCell(4).value).toBe(3);
    expect(sheet.getRow(3).getCell(4).value).toBe(-2);
    expect(escapeFormula('佛山')).toBe('佛山');
  });
});

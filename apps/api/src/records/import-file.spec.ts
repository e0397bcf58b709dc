import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { inspectImportFileOrThrow, parseCsv, readImportRowsOrThrow } from './import-file';

describe('parseCsv', () => {
  it.each([
    ['plain cells and CRLF', 'a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['no final line break, an empty last cell', 'a,\r\nc', [['a', ''], ['c']]],
    ['quoted delimiters, doubled quotes and line breaks', '"x,y","say ""hi""","1\n2"\n', [['x,y', 'say "hi"', '1\n2']]],
    ['a quote inside an unquoted cell is text', 'a"b,c\n', [['a"b', 'c']]],
    ['text after a closing quote belongs to the cell', '"ab"cd,e\n', [['abcd', 'e']]],
    ['an empty quoted cell and a blank line', '"",x\n\ny\n', [['', 'x'], [''], ['y']]],
    ['lone CR ends a record', 'a\rb\r', [['a'], ['b']]],
    ['an unclosed quote runs to the end', '"a,b\nc', [['a,b\nc']]],
    ['semicolons when they lead the first line', 'a;b\n1;2\n', [['a', 'b'], ['1', '2']]],
  ])('%s', (_name, text, cells) => {
    expect(parseCsv(text).map((record) => record.cells)).toEqual(cells);
  });

  it('tells the line each record starts on, counting breaks inside quotes', () => {
    expect(parseCsv('h\n"a\nb"\nc\n').map((record) => record.line)).toEqual([1, 2, 4]);
  });
});

describe('reading an import file', () => {
  const workbook = async (rows: unknown[][], blankStyledRows = 0) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('s');
    for (const row of rows) sheet.addRow(row);
    // Rows that hold a format but no value, as spreadsheets keep them after rows are cleared.
    for (let index = 0; index < blankStyledRows; index++) sheet.getRow(rows.length + 1 + index).getCell(1).numFmt = '0.00';
    return Buffer.from(await book.xlsx.writeBuffer());
  };

  it('counts a CSV exactly and gives its first rows', async () => {
    const head = await inspectImportFileOrThrow(Buffer.from('Code,Qty\n1,2\n\n3,4\n5,6\n'), 'a.csv', 10, 2);
    expect(head).toMatchObject({ format: 'csv', header: ['Code', 'Qty'], totalRows: 3, totalRowsExact: true, firstRows: [['1', '2'], ['3', '4']], firstRowNumbers: [2, 4] });
  });

  it('reads a workbook\'s header and first rows only, counting its rows from the sheet', async () => {
    const rows = [['Code', 'When'], ...Array.from({ length: 30 }, (_v, index) => [`C-${index}`, new Date(Date.UTC(2026, 0, index + 1))])];
    const file = await workbook(rows, 2);
    const head = await inspectImportFileOrThrow(file, 'a.xlsx', 100, 3);
    expect(head).toMatchObject({ format: 'xlsx', header: ['Code', 'When'], totalRows: 32, totalRowsExact: false, firstRowNumbers: [2, 3, 4] });
    expect(head.firstRows[0]).toEqual(['C-0', new Date(Date.UTC(2026, 0, 1))]);
    // The job reads every row: the formatted blank ones are not rows of data.
    const progress: number[] = [];
    const sheet = await readImportRowsOrThrow(file, 'xlsx', 100, async (read) => void progress.push(read), 10);
    expect([sheet.rows.length, sheet.rowNumbers.at(-1), progress]).toEqual([30, 31, [10, 20, 30]]);
  });

  it('counts every row of a workbook whose row elements pass the limit, and refuses it only when its rows do', async () => {
    const file = await workbook([['Code'], ['A'], ['B']], 5);
    expect(await inspectImportFileOrThrow(file, 'a.xlsx', 3, 1)).toMatchObject({ totalRows: 2, totalRowsExact: true });
    await expect(inspectImportFileOrThrow(file, 'a.xlsx', 1, 1)).rejects.toMatchObject({ code: 'TOO_MANY_ROWS' });
  });

  it('keeps Chinese text whole across the chunks a workbook is read in (shared and inline strings)', async () => {
    const rows = [['名称'], ...Array.from({ length: 3000 }, (_v, index) => [`已打包的货物 ${index}`])];
    const shared = await workbook(rows);
    const chunks: Buffer[] = [];
    const stream = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
    const sheet = writer.addWorksheet('s');
    for (const row of rows) sheet.addRow(row).commit();
    await writer.commit();
    for (const file of [shared, Buffer.concat(chunks)]) {
      const read = await readImportRowsOrThrow(file, 'xlsx', 5000);
      expect(read.rows.filter((row) => !/^已打包的货物 \d+$/.test(String(row[0])))).toEqual([]);
      expect(read.rows).toHaveLength(3000);
    }
  });

  it('gives a workbook without a header row NO_HEADER and a damaged one INVALID_FILE', async () => {
    await expect(inspectImportFileOrThrow(await workbook([[null, ' '], ['A']]), 'a.xlsx', 10, 1)).rejects.toMatchObject({ code: 'NO_HEADER' });
    const file = await workbook([['Code'], ['A']]);
    await expect(inspectImportFileOrThrow(file.subarray(0, file.length - 30), 'a.xlsx', 10, 1)).rejects.toMatchObject({ code: 'INVALID_FILE' });
  });
});

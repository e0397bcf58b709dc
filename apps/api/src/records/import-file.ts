import type { ImportCell } from '@platform/form-engine';
import ExcelJS from 'exceljs';
import { ApiError } from '../common/api-error';

/** A sheet read from an uploaded CSV or XLSX file: the header row and the non-blank rows after it. */
export type ImportSheet = {
  format: 'csv' | 'xlsx';
  /** How a CSV file was decoded (utf-8, gb18030, utf-16le...). */
  encoding: string | null;
  header: string[];
  rows: ImportCell[][];
  /** Each row's number in the file as a spreadsheet shows it (the header is row 1). */
  rowNumbers: number[];
};

const badFile = (code: string, message: string, details?: Record<string, unknown>) => new ApiError(400, code, message, details);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (buffer: Buffer, bytes: number[]) => bytes.every((byte, index) => buffer[index] === byte);
const extensionOf = (fileName: string) => /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';

/**
 * Reads an uploaded file into a sheet, or throws a 400 with a code: EMPTY_FILE, UNSUPPORTED_FILE_TYPE
 * (not CSV or XLSX: old .xls, images, binaries), INVALID_FILE (a damaged workbook), NO_HEADER,
 * TOO_MANY_ROWS (more than `maxRows` data rows).
 */
export async function readImportFileOrThrow(buffer: Buffer, fileName: string, maxRows: number): Promise<ImportSheet> {
  if (!buffer.length) throw badFile('EMPTY_FILE', 'The file is empty');
  const extension = extensionOf(fileName);
  if (startsWith(buffer, OLE) || extension === 'xls') {
    throw badFile('UNSUPPORTED_FILE_TYPE', 'Old Excel files (.xls) cannot be read: save the sheet as .xlsx or CSV');
  }
  let sheet: ImportSheet;
  if (startsWith(buffer, ZIP)) sheet = await readXlsxOrThrow(buffer, maxRows);
  else if (extension === 'xlsx') throw badFile('INVALID_FILE', 'The file is not a valid .xlsx workbook');
  else if (extension && !['csv', 'txt', 'tsv'].includes(extension)) {
    throw badFile('UNSUPPORTED_FILE_TYPE', 'Upload a CSV or an XLSX file', { extension });
  } else sheet = readCsvOrThrow(buffer, maxRows);
  if (!sheet.header.some((cell) => cell !== '')) throw badFile('NO_HEADER', 'The first row must hold the column headers');
  if (!sheet.rows.length) throw badFile('EMPTY_FILE', 'The file has a header row but no data rows');
  return sheet;
}

function tooManyRows(maxRows: number): ApiError {
  return badFile('TOO_MANY_ROWS', `A file may hold at most ${maxRows} rows; split it into several files`, { max: maxRows });
}

const isBlank = (cell: ImportCell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

// ---- CSV ----

/**
 * The file's text: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), and otherwise
 * GB18030 (a superset of GBK: what Excel in China saves as CSV) when the bytes are not valid UTF-8.
 */
export function decodeCsv(buffer: Buffer): { text: string; encoding: string } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buffer.subarray(3)), encoding: 'utf-8' };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), encoding: 'utf-16le' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(buffer), encoding: 'gb18030' };
  }
}

/** The delimiter of the first line outside quotes: comma, tab or semicolon, whichever occurs most. */
function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) break;
    else if (!quoted && character in counts) counts[character]++;
  }
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return count > 0 ? best : ',';
}

/** RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks. With the line each starts on. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): { cells: string[]; line: number }[] {
  const records: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    cells.push(cell);
    records.push({ cells, line: recordLine });
    cells = [];
    cell = '';
    fieldStarted = false;
  };
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"') {
        if (text[index + 1] === '"') {
          cell += '"';
          index++;
        } else quoted = false;
      } else {
        if (character === '\n') line++;
        cell += character;
      }
      continue;
    }
    if (character === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (character === delimiter) {
      cells.push(cell);
      cell = '';
      fieldStarted = false;
    } else if (character === '\r' || character === '\n') {
      if (character === '\r' && text[index + 1] === '\n') index++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += character;
      fieldStarted = true;
    }
  }
  if (cell !== '' || cells.length || fieldStarted) endRecord();
  return records;
}

function readCsvOrThrow(buffer: Buffer, maxRows: number): ImportSheet {
  const { text, encoding } = decodeCsv(buffer);
  if (/\u0000/.test(text.slice(0, 4096))) throw badFile('UNSUPPORTED_FILE_TYPE', 'Upload a CSV or an XLSX file');
  const records = parseCsv(text);
  if (!records.length) throw badFile('EMPTY_FILE', 'The file is empty');
  const header = records[0].cells.map((cell) => cell.trim());
  const rows: ImportCell[][] = [];
  const rowNumbers: number[] = [];
  // Row numbers count records, as a spreadsheet opening the file numbers its rows.
  records.slice(1).forEach((record, index) => {
    if (record.cells.every(isBlank)) return;
    if (rows.length >= maxRows) throw tooManyRows(maxRows);
    rows.push(record.cells);
    rowNumbers.push(index + 2);
  });
  return { format: 'csv', encoding, header, rows, rowNumbers };
}

// ---- XLSX ----

type CellValue = ExcelJS.CellValue;

/** A cell's value as the sheet shows it: formulas by their result, rich text as text, percent-formatted numbers as '85%'. */
function xlsxCell(value: CellValue, numberFormat: string | undefined): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (numberFormat && /%/.test(numberFormat.replace(/"[^"]*"/g, ''))) return `${Number((value * 100).toPrecision(15))}%`;
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run) => run.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return xlsxCell((value as { result?: CellValue }).result ?? null, numberFormat);
    if ('text' in value) return xlsxCell((value as { text: CellValue }).text, numberFormat);
    if ('error' in value) return null;
  }
  return String(value);
}

async function readXlsxOrThrow(buffer: Buffer, maxRows: number): Promise<ImportSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw badFile('INVALID_FILE', 'The file is not a valid .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw badFile('EMPTY_FILE', 'The first worksheet is empty');
  if (sheet.actualRowCount - 1 > maxRows) throw tooManyRows(maxRows);
  let header: string[] | null = null;
  const rows: ImportCell[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: ImportCell[] = [];
    for (let column = 1; column <= Math.max(row.cellCount, header?.length ?? 0); column++) {
      const cell = row.getCell(column);
      cells.push(xlsxCell(cell.value, cell.numFmt));
    }
    if (!header) {
      header = cells.map((cell) => (cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).trim());
      return;
    }
    if (cells.every(isBlank)) return;
    if (rows.length >= maxRows) throw tooManyRows(maxRows);
    rows.push(cells);
    rowNumbers.push(rowNumber);
  });
  return { format: 'xlsx', encoding: null, header: header ?? [], rows, rowNumbers };
}

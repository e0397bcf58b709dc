import type { ImportCell } from '@platform/form-engine';
import { InvalidWorkbookError, xlsxLayoutOrThrow, xlsxRows, type XlsxLayout } from './import-xlsx';
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

/**
 * What the import request reads of a file: its kind, header and first rows, and how many rows it holds,
 * without reading every cell of a workbook (the import job reads them all with readImportRowsOrThrow).
 */
export type ImportFileHead = {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  header: string[];
  /** The data rows: exact for CSV; for XLSX the rows the sheet holds after the header, blank-looking ones too, unless `totalRowsExact`. */
  totalRows: number;
  totalRowsExact: boolean;
  /** The first non-blank rows (up to the number asked for) and their row numbers. */
  firstRows: ImportCell[][];
  firstRowNumbers: number[];
};

const badFile = (code: string, message: string, details?: Record<string, unknown>) => new ApiError(400, code, message, details);

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (buffer: Buffer, bytes: number[]) => bytes.every((byte, index) => buffer[index] === byte);
const extensionOf = (fileName: string) => /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';

/**
 * The kind of an uploaded file, or a 400 with a code: EMPTY_FILE, UNSUPPORTED_FILE_TYPE (not CSV or
 * XLSX: old .xls, images, binaries), INVALID_FILE (a .xlsx that is no zip).
 */
function fileFormatOrThrow(buffer: Buffer, fileName: string): 'csv' | 'xlsx' {
  if (!buffer.length) throw badFile('EMPTY_FILE', 'The file is empty');
  const extension = extensionOf(fileName);
  if (startsWith(buffer, OLE) || extension === 'xls') {
    throw badFile('UNSUPPORTED_FILE_TYPE', 'Old Excel files (.xls) cannot be read: save the sheet as .xlsx or CSV');
  }
  if (startsWith(buffer, ZIP)) return 'xlsx';
  if (extension === 'xlsx') throw invalidWorkbook();
  if (extension && !['csv', 'txt', 'tsv'].includes(extension)) throw badFile('UNSUPPORTED_FILE_TYPE', 'Upload a CSV or an XLSX file', { extension });
  return 'csv';
}

const invalidWorkbook = () => badFile('INVALID_FILE', 'The file is not a valid .xlsx workbook');

/**
 * Checks an uploaded file and reads its header and first `previewRows` rows, or throws a 400 with a code:
 * EMPTY_FILE, UNSUPPORTED_FILE_TYPE, INVALID_FILE (a damaged workbook), NO_HEADER, TOO_MANY_ROWS (more
 * than `maxRows` data rows). A CSV is parsed whole (fast); an XLSX has its rows counted from the sheet's
 * XML and only its first rows read, so that a large workbook is answered in a moment.
 */
export async function inspectImportFileOrThrow(buffer: Buffer, fileName: string, maxRows: number, previewRows: number): Promise<ImportFileHead> {
  const format = fileFormatOrThrow(buffer, fileName);
  let head: ImportFileHead;
  if (format === 'csv') {
    const sheet = readCsvOrThrow(buffer, maxRows);
    head = {
      format, encoding: sheet.encoding, header: sheet.header, totalRows: sheet.rows.length, totalRowsExact: true,
      firstRows: sheet.rows.slice(0, previewRows), firstRowNumbers: sheet.rowNumbers.slice(0, previewRows),
    };
  } else head = await inspectXlsxOrThrow(buffer, maxRows, previewRows);
  if (!head.header.some((cell) => cell !== '')) throw badFile('NO_HEADER', 'The first row must hold the column headers');
  if (!head.totalRows) throw badFile('EMPTY_FILE', 'The file has a header row but no data rows');
  return head;
}

/**
 * Every row of a file that inspectImportFileOrThrow accepted (the import job's reading). `progress` is
 * called every `progressEvery` rows read of a workbook (a CSV is read at once).
 */
export async function readImportRowsOrThrow(
  buffer: Buffer, format: 'csv' | 'xlsx', maxRows: number, progress?: (rowsRead: number) => Promise<void>, progressEvery = 5000,
): Promise<ImportSheet> {
  if (format === 'csv') return readCsvOrThrow(buffer, maxRows);
  let layout: XlsxLayout;
  try {
    layout = xlsxLayoutOrThrow(buffer);
  } catch {
    throw invalidWorkbook();
  }
  let header: string[] | null = null;
  const rows: ImportCell[][] = [];
  const rowNumbers: number[] = [];
  for await (const row of readXlsxRows(layout, () => header?.length ?? 0)) {
    if (!header) {
      header = xlsxHeader(row.cells);
      continue;
    }
    if (row.cells.every(isBlank)) continue;
    if (rows.length >= maxRows) throw tooManyRows(maxRows);
    rows.push(row.cells);
    rowNumbers.push(row.number);
    if (progress && rows.length % progressEvery === 0) await progress(rows.length);
  }
  return { format, encoding: null, header: header ?? [], rows, rowNumbers };
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

/**
 * RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks. With the line each
 * starts on. Cells are sliced out of the text (not built a character at a time): 16 MB parse in a few
 * hundred milliseconds.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): { cells: string[]; line: number }[] {
  const records: { cells: string[]; line: number }[] = [];
  const DELIMITER = delimiter.charCodeAt(0);
  const length = text.length;
  const linesIn = (from: number, to: number) => {
    let count = 0;
    for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count++;
    return count;
  };
  /** Where an unquoted run of a cell ends: the next delimiter or line break. */
  const runEnd = (from: number) => {
    let at = from;
    while (at < length) {
      const code = text.charCodeAt(at);
      if (code === DELIMITER || code === CR || code === LF) break;
      at++;
    }
    return at;
  };
  let at = 0;
  let line = 1;
  while (at < length) {
    const recordLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(at) === QUOTE) {
        // A quoted cell; what follows its closing quote up to the delimiter is part of it too.
        cell = '';
        let from = at + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          const to = quote < 0 ? length : quote;
          cell += text.slice(from, to);
          line += linesIn(from, to);
          if (quote < 0) {
            at = length;
            break;
          }
          if (text.charCodeAt(quote + 1) === QUOTE) {
            cell += '"';
            from = quote + 2;
            continue;
          }
          at = quote + 1;
          break;
        }
        const end = runEnd(at);
        cell += text.slice(at, end);
        at = end;
      } else {
        const end = runEnd(at);
        cell = text.slice(at, end);
        at = end;
      }
      cells.push(cell);
      if (at >= length) break;
      const code = text.charCodeAt(at);
      if (code === DELIMITER) {
        at++;
        if (at >= length) {
          cells.push('');
          break;
        }
        continue;
      }
      at += code === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push({ cells, line: recordLine });
  }
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

async function* readXlsxRows(layout: XlsxLayout, columnsOf: () => number) {
  try {
    yield* xlsxRows(layout.ordered, columnsOf);
  } catch (e) {
    if (e instanceof InvalidWorkbookError) throw invalidWorkbook();
    throw e;
  }
}

const xlsxHeader = (cells: ImportCell[]) => cells.map((cell) => (cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).trim());

/**
 * The header and first rows of a workbook, and its row count from the sheet's `<row>` elements. Rows that
 * look blank count too: the count is exact only when it is read by streaming every row, which happens
 * only when the `<row>` elements alone pass `maxRows` (a sheet with many formatted but empty rows).
 */
async function inspectXlsxOrThrow(buffer: Buffer, maxRows: number, previewRows: number): Promise<ImportFileHead> {
  let layout: XlsxLayout;
  try {
    layout = xlsxLayoutOrThrow(buffer);
  } catch {
    throw invalidWorkbook();
  }
  if (layout.rowElements === 0) throw badFile('EMPTY_FILE', 'The first worksheet is empty');
  const countAll = layout.rowElements - 1 > maxRows;
  let header: string[] | null = null;
  const firstRows: ImportCell[][] = [];
  const firstRowNumbers: number[] = [];
  let rowsSeen = 0;
  let stopped = false;
  for await (const row of readXlsxRows(layout, () => header?.length ?? 0)) {
    if (!header) {
      header = xlsxHeader(row.cells);
      continue;
    }
    if (row.cells.every(isBlank)) continue;
    rowsSeen++;
    if (rowsSeen > maxRows) throw tooManyRows(maxRows);
    if (firstRows.length < previewRows) {
      firstRows.push(row.cells);
      firstRowNumbers.push(row.number);
    } else if (!countAll) {
      stopped = true;
      break;
    }
  }
  if (!header) throw badFile('EMPTY_FILE', 'The first worksheet is empty');
  return {
    format: 'xlsx', encoding: null, header, firstRows, firstRowNumbers,
    totalRows: stopped ? layout.rowElements - 1 : rowsSeen, totalRowsExact: !stopped,
  };
}

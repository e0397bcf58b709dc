import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { inflateRawSync } from 'node:zlib';
import type { ImportCell } from '@platform/form-engine';
import ExcelJS from 'exceljs';

/**
 * XLSX reading for the import, in one pass over the first worksheet with exceljs' streaming reader, and
 * what can be told without reading the cells: which worksheet comes first and how many rows it holds.
 *
 * The streaming reader parses a sheet as it meets it only when the shared strings, the workbook's
 * relationships and the styles came before it in the zip; otherwise it copies the sheet to a temporary
 * file first (and leaves it behind when the reading stops early, after the header). Excel and exceljs
 * write the sheets first, so the reader is given the workbook's entries reordered: the parts it needs,
 * then the first worksheet, each entry's bytes copied as they are.
 */

/** A file entry of a zip: its name, how its data is stored, and where its local header starts. */
type ZipEntry = { name: string; method: number; compressedSize: number; localOffset: number };
type Zip = { buffer: Buffer; entries: ZipEntry[]; centralOffset: number };

/** Thrown for bytes that are no readable workbook (the caller answers INVALID_FILE). */
export class InvalidWorkbookError extends Error {}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
/** The parts of a workbook the streaming reader needs before a worksheet (the rest it skips anyway). */
const PARTS_FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];

function readZipOrThrow(buffer: Buffer): Zip {
  const bad = () => new InvalidWorkbookError('not a zip file');
  let end = -1;
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 65_535); at--) {
    if (buffer.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw bad();
  const count = buffer.readUInt16LE(end + 10);
  const centralOffset = buffer.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  let at = centralOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_ENTRY) throw bad();
    const nameLength = buffer.readUInt16LE(at + 28);
    const localOffset = buffer.readUInt32LE(at + 42);
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== LOCAL_ENTRY) throw bad();
    entries.push({
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      localOffset,
    });
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return { buffer, entries, centralOffset };
}

function entryData(zip: Zip, entry: ZipEntry): Buffer {
  const { buffer } = zip;
  const start = entry.localOffset + 30 + buffer.readUInt16LE(entry.localOffset + 26) + buffer.readUInt16LE(entry.localOffset + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new InvalidWorkbookError(`zip method ${entry.method}`);
  try {
    return inflateRawSync(data);
  } catch {
    throw new InvalidWorkbookError('damaged zip entry');
  }
}

const entryText = (zip: Zip, name: string) => {
  const entry = zip.entries.find((candidate) => candidate.name === name);
  return entry ? entryData(zip, entry).toString('utf8') : '';
};
const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The zip entry of the workbook's first worksheet (in the workbook's order), or the lowest-numbered sheet. */
function firstSheet(zip: Zip): ZipEntry | undefined {
  const sheets = zip.entries.filter((entry) => /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name));
  const firstTag = /<(?:\w+:)?sheet\s[^>]*>/.exec(entryText(zip, 'xl/workbook.xml'))?.[0];
  const id = firstTag && attribute(firstTag, 'r:id');
  const relation = (entryText(zip, 'xl/_rels/workbook.xml.rels').match(/<(?:\w+:)?Relationship\s[^>]*>/g) ?? [])
    .find((tag) => attribute(tag, 'Id') === id);
  const target = relation && attribute(relation, 'Target')?.replace(/^\/?(xl\/)?/, 'xl/');
  const named = sheets.find((entry) => entry.name === target);
  if (named) return named;
  return sheets.sort((a, b) => Number(/\d+/.exec(a.name)![0]) - Number(/\d+/.exec(b.name)![0]))[0];
}

/** How many `<row>` elements a worksheet's XML holds: its rows with anything in them, blank-looking ones too. */
function countRowElements(xml: Buffer): number {
  let count = 0;
  for (let at = xml.indexOf('<row'); at >= 0; at = xml.indexOf('<row', at + 4)) {
    const next = xml[at + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) count++;
  }
  return count;
}

export type XlsxLayout = {
  /** The workbook's entries the streaming reader needs, its first worksheet last. */
  ordered: Buffer;
  /** The `<row>` elements of the first worksheet: an upper bound of its non-blank rows, header included. */
  rowElements: number;
};

/** Finds the first worksheet and counts its rows without reading its cells (a few hundred ms for 100,000 rows). */
export function xlsxLayoutOrThrow(buffer: Buffer): XlsxLayout {
  const zip = readZipOrThrow(buffer);
  const sheet = firstSheet(zip);
  if (!sheet) throw new InvalidWorkbookError('no worksheet');
  const byOffset = [...zip.entries].sort((a, b) => a.localOffset - b.localOffset);
  const range = (entry: ZipEntry) => {
    const next = byOffset.find((other) => other.localOffset > entry.localOffset);
    return buffer.subarray(entry.localOffset, next ? next.localOffset : zip.centralOffset);
  };
  const first = PARTS_FIRST.flatMap((name) => zip.entries.filter((entry) => entry.name === name));
  return { ordered: Buffer.concat([...first.map(range), range(sheet)]), rowElements: countRowElements(entryData(zip, sheet)) };
}

type CellValue = ExcelJS.CellValue;

/** A cell's value as the sheet shows it: formulas by their result, rich text as text, percent-formatted numbers as '85%'. */
export function xlsxCell(value: CellValue, numberFormat: string | undefined): ImportCell {
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

type Entry = { setEncoding(encoding: 'utf8'): unknown };
type ReaderParts = Record<'_parseRels' | '_parseWorkbook' | '_parseSharedStrings' | '_parseStyles', (entry: Entry) => unknown>
  & { _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): unknown };

/** Chunks of bytes as text, a character cut between two chunks kept whole. */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * exceljs 4.4's streaming reader decodes each chunk of a part on its own, so a character whose bytes a
 * chunk boundary cuts (any CJK text, every 16 KB or so) comes out as U+FFFD. Its parts are handed to it as
 * text instead: the zip entries decode themselves (setEncoding), the worksheet's chunks go through a
 * StringDecoder. Only this reader's own methods are wrapped.
 */
function decodeAsUtf8(reader: unknown) {
  const parts = reader as ReaderParts;
  for (const name of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles'] as const) {
    const parse = parts[name].bind(reader);
    parts[name] = (entry: Entry) => {
      entry.setEncoding('utf8');
      return parse(entry);
    };
  }
  const parseWorksheet = parts._parseWorksheet.bind(reader);
  parts._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8Text(iterator), sheetNo);
}

/** A row of the first worksheet that holds a value: its number and cells (at least `minColumns` of them). */
export type XlsxRow = { number: number; cells: ImportCell[] };

/**
 * The rows of the first worksheet that hold any value, in order, read as they stream in (a caller that
 * has what it needs stops early). `ordered` comes from xlsxLayoutOrThrow. Throws InvalidWorkbookError
 * for a damaged workbook.
 */
export async function* xlsxRows(ordered: Buffer, columnsOf: () => number): AsyncGenerator<XlsxRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([ordered]), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  // A workbook without shared strings (inline strings only) would otherwise send its sheet through a temporary file.
  (reader as unknown as { sharedStrings?: unknown[] }).sharedStrings ??= [];
  decodeAsUtf8(reader);
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (!row.hasValues) continue;
        const cells: ImportCell[] = [];
        for (let column = 1; column <= Math.max(row.cellCount, columnsOf()); column++) {
          const cell = row.getCell(column);
          cells.push(xlsxCell(cell.value, cell.numFmt));
        }
        yield { number: row.number, cells };
      }
      return;
    }
  } catch (e) {
    if (e instanceof InvalidWorkbookError) throw e;
    throw new InvalidWorkbookError((e as Error)?.message ?? 'unreadable workbook');
  }
}

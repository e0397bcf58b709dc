import type { FileRef } from '../values/file-ref';
import type { ImportCell } from '../import-value';

/** A file as an export cell names it: `name (id)`, the id being what an import copies the file by. */
const FILE_ID = /\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)/g;

function refsOf(value: unknown): FileRef[] {
  const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return list.filter((item): item is FileRef => typeof item === 'object' && item !== null && typeof (item as FileRef).id === 'string');
}

/**
 * The export cell of a file field (image, attachment, signature): one `name (id)` per line. The names
 * are for people; the ids let an import of the file copy the files, which a name alone could not.
 */
export function fileCellText(value: unknown): string {
  return refsOf(value).map((ref) => `${String(ref.name).replace(/[\r\n]+/g, ' ')} (${ref.id})`).join('\n');
}

/** The file ids an import cell names, in order, each once (whatever else the cell holds is ignored). */
export function fileIdsInCell(cell: ImportCell): string[] {
  if (typeof cell !== 'string') return [];
  const ids: string[] = [];
  for (const match of cell.matchAll(FILE_ID)) {
    const id = match[1].toLowerCase();
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

import { fileCellText, fileIdsInCell } from './file-cells';
import { importColumnKind } from './import-column-kind';

const A = '0190a3c2-1111-7aaa-8bbb-000000000001';
const B = '0190A3C2-2222-7AAA-8BBB-000000000002';

describe('file cells', () => {
  it('writes one `name (id)` line per file, a signature as one', () => {
    expect(fileCellText([{ id: A, name: '合同, 第一版.pdf', size: 3, mime: 'application/pdf' }, { id: B, name: 'a\nb.png', size: 1, mime: 'image/png' }]))
      .toBe(`合同, 第一版.pdf (${A})\na b.png (${B})`);
    expect(fileCellText({ id: A, name: 'sign.png', size: 1, mime: 'image/png' })).toBe(`sign.png (${A})`);
    expect(fileCellText(null)).toBe('');
    expect(fileCellText([])).toBe('');
  });

  it('reads back the ids, in order, once each, whatever the names hold', () => {
    expect(fileIdsInCell(fileCellText([{ id: A, name: 'x (1).pdf', size: 1, mime: 'a/b' }, { id: B, name: 'y', size: 1, mime: 'a/b' }]))).toEqual([A, B.toLowerCase()]);
    expect(fileIdsInCell(`a (${A}); again (${A})`)).toEqual([A]);
    expect(fileIdsInCell('no ids here')).toEqual([]);
    expect(fileIdsInCell(12)).toEqual([]);
    expect(fileIdsInCell(null)).toEqual([]);
  });

  it('makes file fields `files` columns and a sub-form unsupported as one column', () => {
    for (const type of ['image', 'attachment', 'signature'] as const) expect(importColumnKind({ key: 'f', type, label: 'F' })).toBe('files');
    expect(importColumnKind({ key: 'f', type: 'subForm', label: 'F', options: { fields: [] } })).toBe('unsupported');
  });
});

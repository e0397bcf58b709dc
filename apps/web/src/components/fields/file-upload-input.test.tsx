import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { FieldDefinition } from '@platform/schema';
import type { FileRef } from '../../api/types';
import { changeLocale } from '../../i18n';
import { FakeXhr } from './fake-xhr';
import { FileUploadInput } from './file-upload-input';
import { formatFileSize, matchesAccept, screenFiles } from './file-transfer';
import { CellValue } from '../cell-value';
import { displayText, formatFieldValue } from '../../lib/format-value';

const contract: FieldDefinition = {
  key: 'contract',
  type: 'attachment',
  label: '合同',
  options: { maxCount: 2, maxSizeMB: 1, accept: ['.pdf', 'image/*'] },
};
const photos: FieldDefinition = { key: 'photos', type: 'image', label: '现场照片', options: { maxCount: 3 } };
const target = { appKey: 'crm', formKey: 'contract', field: 'contract' };
const MB = 1024 * 1024;

function pdf(name: string, bytes: number): File {
  return new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
}

function Harness({ field, initial = [], onChange }: { field: FieldDefinition; initial?: FileRef[]; onChange?: (value: FileRef[]) => void }) {
  const [value, setValue] = useState<FileRef[]>(initial);
  return (
    <FileUploadInput
      field={field}
      target={target}
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange?.(next);
      }}
    />
  );
}

const pick = (field: FieldDefinition, files: File[]) =>
  fireEvent.change(screen.getByTestId(`file-input-${field.key}`), { target: { files } });

beforeEach(async () => {
  await changeLocale('zh-CN');
  FakeXhr.reset();
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

describe('FileUploadInput', () => {
  it('refuses a file over maxSizeMB and one of a type not accepted, before any upload, naming each', () => {
    const onChange = vi.fn();
    render(<Harness field={contract} onChange={onChange} />);
    pick(contract, [pdf('报价单.pdf', 2 * MB), new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' })]);

    const errors = screen.getByTestId('file-upload-errors').textContent ?? '';
    expect(errors).toContain('“报价单.pdf”超过 1 MB，未上传');
    expect(errors).toContain('“setup.exe”的类型不在允许范围内（.pdf, image/*）');
    expect(FakeXhr.requests).toHaveLength(0);
    expect(onChange).not.toHaveBeenCalled();
    // The limits are said before picking, too.
    expect(screen.getByTestId('file-upload-contract').textContent).toContain('最多 2 个 · 单个不超过 1 MB');
  });

  it('uploads an accepted file for its field, shows the progress, and adds the stored ref to the value', async () => {
    const onChange = vi.fn();
    render(<Harness field={contract} onChange={onChange} />);
    pick(contract, [pdf('合同.pdf', 300 * 1024)]);

    expect(FakeXhr.requests).toHaveLength(1);
    const request = FakeXhr.requests[0];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/files?appKey=crm&formKey=contract&field=contract');
    expect(request.file().name).toBe('合同.pdf');

    act(() => request.progress(150 * 1024, 300 * 1024));
    expect(screen.getByTestId('file-upload-pending').textContent).toContain('50%');

    act(() => request.respond(201, { id: 'f1', name: '合同.pdf', size: 307200, mime: 'application/pdf', url: '/api/files/f1' }));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith([{ id: 'f1', name: '合同.pdf', size: 307200, mime: 'application/pdf' }]));
    expect(screen.queryByTestId('file-upload-pending')).toBeNull();
    const link = screen.getByText('合同.pdf').closest('a');
    expect(link?.getAttribute('href')).toBe('/api/files/f1');
    expect(screen.getByTestId('file-upload-item').textContent).toContain('300 KB');
  });

  it('takes no more files than maxCount allows, counting those already held', () => {
    render(<Harness field={contract} initial={[{ id: 'f0', name: '旧合同.pdf', size: 10, mime: 'application/pdf' }]} />);
    pick(contract, [pdf('a.pdf', 10), pdf('b.pdf', 10)]);
    expect(FakeXhr.requests).toHaveLength(1);
    expect(FakeXhr.requests[0].file().name).toBe('a.pdf');
    expect(screen.getByTestId('file-upload-errors').textContent).toContain('最多只能上传 2 个文件，“b.pdf”未上传');
    // Full: no more picking until one is removed.
    expect(screen.queryByTestId('file-add-contract')).toBeNull();
  });

  it("shows the server's message when it refuses the upload", async () => {
    const onChange = vi.fn();
    render(<Harness field={contract} onChange={onChange} />);
    pick(contract, [pdf('扫描件.pdf', 10)]);
    act(() => FakeXhr.requests[0].respond(413, { code: 'PAYLOAD_TOO_LARGE', message: '文件超过该字段允许的大小（1 MB）' }));
    await waitFor(() => expect(screen.getByTestId('file-upload-errors').textContent).toBe('“扫描件.pdf”上传失败：文件超过该字段允许的大小（1 MB）'));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.queryByTestId('file-upload-pending')).toBeNull();
  });

  it('shows images as thumbnails and removes one', () => {
    const onChange = vi.fn();
    const images: FileRef[] = [
      { id: 'i1', name: '门头.jpg', size: 1000, mime: 'image/jpeg' },
      { id: 'i2', name: '展台.png', size: 2000, mime: 'image/png' },
    ];
    render(<Harness field={photos} initial={images} onChange={onChange} />);
    const thumbs = [...screen.getByTestId('file-upload-photos').querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(thumbs).toEqual(['/api/files/i1?thumb=1', '/api/files/i2?thumb=1']);
    fireEvent.click(screen.getByLabelText('删除 门头.jpg'));
    expect(onChange).toHaveBeenCalledWith([images[1]]);
  });
});

describe('file values', () => {
  it('match MIME types, wildcards and extensions, and size files for people', () => {
    expect(matchesAccept({ name: 'A.PDF', type: '' }, ['.pdf'])).toBe(true);
    expect(matchesAccept({ name: 'a.png', type: 'image/png' }, ['image/*'])).toBe(true);
    expect(matchesAccept({ name: 'a.txt', type: 'text/plain' }, ['image/*', '.pdf'])).toBe(false);
    expect(matchesAccept({ name: 'a.txt', type: 'text/plain' }, [])).toBe(true);
    const { accepted, refused } = screenFiles([{ name: 'a.png', type: 'image/png', size: 2 * MB }], 0, { maxSizeMB: 1, accept: ['image/*'] });
    expect(accepted).toEqual([]);
    expect(refused).toEqual([{ name: 'a.png', reason: 'size' }]);
    expect(formatFileSize(512)).toBe('512 B');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(25 * MB)).toBe('25 MB');
  });

  it('show as small thumbnails in cells (images) and as names (attachments)', () => {
    const ctx = { locale: 'zh-CN', yes: '是', no: '否' };
    const images: FileRef[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, name: `${id}.jpg`, size: 1, mime: 'image/jpeg' }));
    const { container } = render(<CellValue display={formatFieldValue(photos, images, ctx)} />);
    expect([...container.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(['/api/files/a?thumb=1', '/api/files/b?thumb=1', '/api/files/c?thumb=1']);
    expect(container.textContent).toBe('+1');
    expect(displayText(formatFieldValue(photos, images, ctx))).toBe('a.jpg, b.jpg, c.jpg, d.jpg');
    expect(displayText(formatFieldValue(contract, [{ id: 'f1', name: '合同.pdf', size: 1, mime: 'application/pdf' }], ctx))).toBe('合同.pdf');
  });
});

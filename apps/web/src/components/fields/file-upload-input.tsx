import { useRef, useState, type ChangeEvent } from 'react';
import { Button, Image, Progress, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import type { FileRef } from '../../api/types';
import { fileLimits, fileRefsOf, fileUrl, formatFileSize, isImageRef, screenFiles, thumbnailUrl, type FileLimits, type FileRefusal, type UploadTarget } from './file-transfer';
import { useUploads } from './use-uploads';
import './field-widgets.css';

type FileUploadInputProps = {
  id?: string;
  value?: FileRef[] | null;
  onChange?: (value: FileRef[]) => void;
  field: FieldDefinition;
  target: UploadTarget;
  disabled?: boolean;
};

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function refusalMessage(refusal: FileRefusal, limits: FileLimits, t: Translate): string {
  switch (refusal.reason) {
    case 'type':
      return t('form.files.wrongType', { name: refusal.name, accept: limits.accept.join(', ') });
    case 'size':
      return t('form.files.tooLarge', { name: refusal.name, max: limits.maxSizeMB });
    case 'count':
      return t('form.files.tooMany', { name: refusal.name, max: limits.maxCount });
  }
}

/** "At most 5 · up to 10 MB each · .pdf, .docx": what the field takes, before the user picks. */
export function limitsHint(limits: FileLimits, t: Translate, showAccept: boolean): string {
  const parts: string[] = [];
  if (limits.maxCount !== undefined) parts.push(t('form.files.maxCount', { count: limits.maxCount }));
  if (limits.maxSizeMB !== undefined) parts.push(t('form.files.maxSize', { size: limits.maxSizeMB }));
  if (showAccept && limits.accept.length > 0) parts.push(limits.accept.join(', '));
  return parts.join(' · ');
}

/**
 * Images (a grid of thumbnails, opened large on click) and attachments (a list of names with their
 * size, each a download link). Picked files are checked against the field's type, size and count
 * limits first; the rest upload at once with their progress shown, and join the value when stored.
 */
export function FileUploadInput({ id, value, onChange, field, target, disabled }: FileUploadInputProps) {
  const { t } = useTranslation();
  const isImage = field.type === 'image';
  const refs = fileRefsOf(value);
  const limits = fileLimits(field);
  const { pending, failures, setFailures, start } = useUploads(target);
  const [refusals, setRefusals] = useState<string[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  // Uploads finishing one after the other each add to the latest value, not to the one they started with.
  const latest = useRef(refs);
  latest.current = refs;

  const emit = (next: FileRef[]) => {
    latest.current = next;
    onChange?.(next);
  };

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    // The same file may be picked again after a refusal.
    event.target.value = '';
    if (files.length === 0) return;
    setFailures([]);
    const { accepted, refused } = screenFiles(files, refs.length + pending.length, limits);
    setRefusals(refused.map((refusal) => refusalMessage(refusal, limits, t)));
    for (const file of accepted) start(file, file.name, (ref) => emit([...latest.current, ref]));
  };

  const remove = (ref: FileRef) => emit(latest.current.filter((candidate) => candidate.id !== ref.id));
  const full = limits.maxCount !== undefined && refs.length + pending.length >= limits.maxCount;
  const canAdd = !disabled && !full;
  const messages = [...refusals, ...failures];
  const hint = limitsHint(limits, t, !isImage);

  const fileInput = (
    <input
      ref={inputRef}
      type="file"
      hidden
      style={{ display: 'none' }}
      multiple={limits.maxCount !== 1}
      accept={limits.accept.join(',') || undefined}
      onChange={pick}
      data-testid={`file-input-${field.key}`}
    />
  );

  return (
    <div id={id} className={`file-upload file-upload--${isImage ? 'image' : 'attachment'}`} data-testid={`file-upload-${field.key}`}>
      {fileInput}
      {isImage ? (
        <div className="file-upload__grid">
          <Image.PreviewGroup>
            {refs.map((ref) => (
              <div key={ref.id} className="file-upload__tile" data-testid="file-upload-item">
                <Image
                  src={isImageRef(ref) ? thumbnailUrl(ref.id) : undefined}
                  alt={ref.name}
                  width={88}
                  height={88}
                  preview={{ src: fileUrl(ref.id) }}
                  className="file-upload__thumb"
                />
                {!disabled && (
                  <Button
                    size="small"
                    type="text"
                    className="file-upload__tile-remove"
                    icon={<DeleteOutlined />}
                    aria-label={t('form.files.remove', { name: ref.name })}
                    onClick={() => remove(ref)}
                  />
                )}
              </div>
            ))}
          </Image.PreviewGroup>
          {pending.map((upload) => (
            <div key={upload.uid} className="file-upload__tile file-upload__tile--pending" data-testid="file-upload-pending" title={upload.name}>
              <Progress type="circle" percent={upload.percent} size={56} />
            </div>
          ))}
          {canAdd && (
            <button type="button" className="file-upload__tile file-upload__add" onClick={() => inputRef.current?.click()} data-testid={`file-add-${field.key}`}>
              <PlusOutlined />
              <span>{t('form.files.uploadImage')}</span>
            </button>
          )}
        </div>
      ) : (
        <>
          {canAdd && (
            <Button icon={<UploadOutlined />} onClick={() => inputRef.current?.click()} data-testid={`file-add-${field.key}`}>
              {t('form.files.uploadFile')}
            </Button>
          )}
          {(refs.length > 0 || pending.length > 0) && (
            <ul className="file-upload__list">
              {refs.map((ref) => (
                <li key={ref.id} className="file-upload__row" data-testid="file-upload-item">
                  <PaperClipOutlined className="file-upload__icon" />
                  <a href={fileUrl(ref.id)} download={ref.name} className="file-upload__name" title={t('form.files.download', { name: ref.name })}>
                    {ref.name}
                  </a>
                  <span className="file-upload__size">{formatFileSize(ref.size)}</span>
                  {!disabled && (
                    <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('form.files.remove', { name: ref.name })} onClick={() => remove(ref)} />
                  )}
                </li>
              ))}
              {pending.map((upload) => (
                <li key={upload.uid} className="file-upload__row file-upload__row--pending" data-testid="file-upload-pending">
                  <PaperClipOutlined className="file-upload__icon" />
                  <span className="file-upload__name">{upload.name}</span>
                  <Progress percent={upload.percent} size="small" className="file-upload__progress" />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {disabled && refs.length === 0 && <span className="cell-empty">-</span>}
      {!disabled && hint && <Typography.Text type="secondary" className="file-upload__hint">{hint}</Typography.Text>}
      {messages.length > 0 && (
        <ul className="file-upload__errors" role="alert" data-testid="file-upload-errors">
          {messages.map((message, index) => <li key={`${index}-${message}`}>{message}</li>)}
        </ul>
      )}
    </div>
  );
}

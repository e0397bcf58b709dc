import type { FieldTypeDefinition } from '../field-type-definition';
import { coerceFileList, fileListFromDb, fileListToDb, fileOptionsSchema, formatFileNames, readFileLimits } from '../values/file-ref';
import { EMPTINESS_OPERATORS } from './operator-sets';

/** 附件: uploaded files of any type the options accept, `[{id, name, size, mime}]`; stored as jsonb. */
export const attachmentFieldType: FieldTypeDefinition = {
  type: 'attachment',
  label: { 'zh-CN': '附件', 'en-US': 'Attachment' },
  valueKind: 'object',
  optionsSchema: fileOptionsSchema('list'),
  operators: EMPTINESS_OPERATORS,
  sortable: false,
  filterable: false,
  column: () => ({ sqlType: 'jsonb', index: null }),
  conditionKind: 'json',
  coerce: (value, field) => coerceFileList(value, readFileLimits(field, false)),
  fromDb: fileListFromDb,
  toDb: fileListToDb,
  format: (value, _field, locale) => formatFileNames(value, locale),
};

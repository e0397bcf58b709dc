import type { FieldTypeDefinition } from '../field-type-definition';
import { coerceFileList, fileListFromDb, fileListToDb, fileOptionsSchema, formatFileNames, readFileLimits } from '../values/file-ref';
import { EMPTINESS_OPERATORS } from './operator-sets';

/** 图片: uploaded pictures `[{id, name, size, mime}]` (raster images only); stored as jsonb. */
export const imageFieldType: FieldTypeDefinition = {
  type: 'image',
  label: { 'zh-CN': '图片', 'en-US': 'Image' },
  valueKind: 'object',
  optionsSchema: fileOptionsSchema('list'),
  operators: EMPTINESS_OPERATORS,
  sortable: false,
  filterable: false,
  column: () => ({ sqlType: 'jsonb', index: null }),
  conditionKind: 'json',
  coerce: (value, field) => coerceFileList(value, readFileLimits(field, true)),
  fromDb: fileListFromDb,
  toDb: fileListToDb,
  format: (value, _field, locale) => formatFileNames(value, locale),
};

import type { FieldTypeDefinition } from '../field-type-definition';
import { coerceFileList, fileListFromDb, fileListToDb, fileOptionsSchema, formatFileNames, readFileLimits } from '../values/file-ref';
import { EMPTINESS_OPERATORS } from './operator-sets';

/** A list of uploaded files `[{id, name, size, mime}]` stored as jsonb; `imagesOnly`: raster pictures only. */
export function defineFileListType(type: 'image' | 'attachment', label: FieldTypeDefinition['label'], imagesOnly: boolean): FieldTypeDefinition {
  return {
    type,
    label,
    valueKind: 'object',
    optionsSchema: fileOptionsSchema('list'),
    operators: EMPTINESS_OPERATORS,
    sortable: false,
    filterable: false,
    column: () => ({ sqlType: 'jsonb', index: null }),
    conditionKind: 'json',
    coerce: (value, field) => coerceFileList(value, readFileLimits(field, imagesOnly)),
    fromDb: fileListFromDb,
    toDb: fileListToDb,
    format: (value, _field, locale) => formatFileNames(value, locale),
  };
}

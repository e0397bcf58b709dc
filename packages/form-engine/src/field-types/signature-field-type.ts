import type { FieldTypeDefinition } from '../field-type-definition';
import { ok } from '../values/coerce-result';
import { coerceFileRef, fileOptionsSchema, fileRefFromDb, formatFileNames, readFileLimits } from '../values/file-ref';
import { jsonToDb } from '../values/json-column';
import { isAbsent } from '../values/object-value';
import { EMPTINESS_OPERATORS } from './operator-sets';

/** 手写签名: one drawn signature, an uploaded image `{id, name, size, mime}`; stored as jsonb. */
export const signatureFieldType: FieldTypeDefinition = {
  type: 'signature',
  label: { 'zh-CN': '手写签名', 'en-US': 'Signature' },
  valueKind: 'object',
  optionsSchema: fileOptionsSchema('single'),
  operators: EMPTINESS_OPERATORS,
  sortable: false,
  filterable: false,
  column: () => ({ sqlType: 'jsonb', index: null }),
  conditionKind: 'json',
  coerce: (value, field) => (isAbsent(value) ? ok(null) : coerceFileRef(value, readFileLimits(field, true))),
  fromDb: fileRefFromDb,
  toDb: jsonToDb,
  format: (value, _field, locale) => formatFileNames(value, locale),
};

export type { ConditionFieldKind } from './condition-field-kind';
export type {
  CoerceFailure,
  CoerceResult,
  DeriveContext,
  DisplayLocale,
  FieldColumn,
  FieldOptionIssue,
  FieldPart,
  FieldSpecifics,
  FieldTypeDefinition,
  FormatLookup,
  ValueKind,
} from './field-type-definition';
export type { RecordIssue } from './record-issue';
export { fieldTypes } from './field-types';
export { getFieldType } from './get-field-type';
export { fieldTypeFor } from './field-type-for';
export { listFieldTypes } from './list-field-types';
export { validateFormDefinition } from './validate-form-definition';
export {
  validateRecordData,
  DEFAULT_TIME_ZONE,
  type RecordValidation,
  type RecordValidationOptions,
} from './validate-record-data';
export { applyStageGates } from './apply-stage-gates';
export { evaluateFormRules, formRuleIssues, type FormRuleOutcome } from './evaluate-form-rules';
export { formatValue } from './format-value';
export { columnName } from './column-name';
export { splitFieldPath, fieldPathTarget, type FieldPath, type FieldPathTarget } from './field-path';
export { ADDRESS_PARTS, ADDRESS_PART_KEYS, type AddressPartKey } from './field-types/address-parts';
export { SYSTEM_FIELDS, type SystemField, type SystemFieldKey } from './system-fields';
export { ISSUE_MESSAGES, translateIssue } from './issue-messages';
export { moneyInWords } from './values/money-in-words';
export {
  checkRegionPath,
  findCity,
  findDistrict,
  findProvince,
  listCities,
  listDistricts,
  listProvinces,
  loadRegionData,
  provideRegionData,
  regionDataAvailable,
  regionPathExists,
  type Region,
  type RegionData,
  type RegionLevel,
  type RegionPath,
  type RegionPathCheck,
} from './regions/regions';
export { sanitizeHtml, htmlToPlainText, type SanitizeHtmlOptions } from './values/sanitize-html';
export { sameValue } from './values/same-value';
export { compileFormula } from './formula/compile-formula';
export { evaluateFormula } from './formula/evaluate-formula';
export { coerceFormulaResult } from './formula/coerce-formula-result';
export { listFormulaFunctions } from './formula/list-formula-functions';
export { FORMULA_LIMITS } from './formula/formula-limits';
export type {
  CompiledFormula,
  CompileFormulaOptions,
  CompileFormulaResult,
  FormulaBinaryOperator,
  FormulaCategory,
  FormulaContext,
  FormulaEvaluation,
  FormulaFunctionInfo,
  FormulaIssue,
  FormulaIssueCode,
  FormulaNode,
  FormulaOutput,
  FormulaResultType,
  FormulaUnaryOperator,
} from './formula/formula-types';
export { linkDependents, resolveFormLinks, unresolveFormLinks, rollupSource, type LinkDependent, type RollupSource } from './resolve-form-links';
export { formatSerialNumber, serialPeriod, serialStart, type SerialSegment } from './field-types/serial-number-field-type';
export { subFormFields, deriveSubFormRows, MAX_SUB_FORM_ROWS, type SubFormRow } from './field-types/sub-form-field-type';
export { isMultipleRelation, relationTarget, relationDeletePolicy, type RelationDeletePolicy } from './field-types/relation-field-type';
export { lookupValueField } from './field-types/lookup-field-type';
export { rollupAggregate, rollupResultType, rollupOfNothing, aggregateValues, ROLLUP_AGGREGATES, type RollupAggregate } from './field-types/rollup-field-type';
export { importValue, type ImportCell, type ImportLookup } from './import-value';
export { importColumnKind, type ImportColumnKind } from './import/import-column-kind';
export { fileCellText, fileIdsInCell } from './import/file-cells';
export {
  defaultValues,
  defaultCopyRequests,
  type CopiedValues,
  type DefaultCopyRequest,
  type DefaultValueContext,
} from './default-values';
export { defaultSourceOf, parseDefaultFrom, type DefaultSource, type DefaultUserProperty } from './default-source';

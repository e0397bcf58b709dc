import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parseCondition } from '@platform/condition';
import {
  KEY_PATTERN,
  KEY_REGEX,
  validateFormDocument,
  type FieldDefinition,
  type FieldType,
  type FormDefinition,
  type SchemaIssue,
} from '@platform/schema';
import { checkDefaultOptions } from './check-default-options';
import { formRuleResolver } from './evaluate-form-rules';
import { choiceKeys } from './field-types/choice-options';
import type { FieldTypeDefinition } from './field-type-definition';
import { getFieldType } from './get-field-type';
import { SYSTEM_FIELDS } from './system-fields';

/** Field keys that would read as a system field in record queries. */
const RESERVED_KEYS = new Set<string>(SYSTEM_FIELDS.map((field) => field.key).filter((key) => KEY_REGEX.test(key)));
const SYSTEM_KEYS = new Set<string>(SYSTEM_FIELDS.map((field) => field.key));
/** Rule actions that give a field a value or a state: they need a value field, not a layout item. */
const VALUE_ACTIONS = new Set(['require', 'readonly', 'editable', 'setValue']);

// Created on first use, not at import: the browser imports this package for rules and formatting and
// must not build (or compile with `new Function`) validators it never runs.
let ajv: Ajv | undefined;
const optionValidators = new Map<FieldType, ValidateFunction>();

function optionsValidator(definition: FieldTypeDefinition): ValidateFunction {
  let validate = optionValidators.get(definition.type);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, strict: false, verbose: true });
    validate = ajv.compile(definition.optionsSchema);
    optionValidators.set(definition.type, validate);
  }
  return validate;
}

/**
 * Checks a form document before it is saved: the structure (@platform/schema), then, when the
 * structure holds, each field's options against its type's JSON Schema and the meaning of the whole:
 * unique keys, implemented types, unique option keys, references from moneyInWords, formulas (which
 * must compile and form no reference cycle) and tabs, titleField, stage gates and rules to existing
 * fields, defaults that are valid values, and computed defaults (defaultFormula, defaultFrom) that read
 * existing fields without a cycle. Never throws.
 */
export function validateFormDefinition(form: unknown): SchemaIssue[] {
  const structural = validateFormDocument(form);
  if (structural.length > 0) return structural;
  const doc = form as FormDefinition;
  const issues: SchemaIssue[] = [];
  const fieldsByKey = new Map<string, FieldDefinition>();

  doc.fields.forEach((field, index) => {
    const at = (...path: (string | number)[]) => ['fields', index, ...path];
    if (fieldsByKey.has(field.key)) {
      issues.push({ path: at('key'), code: 'duplicate_key', message: `field key "${field.key}" is used twice` });
    } else {
      fieldsByKey.set(field.key, field);
    }
    if (RESERVED_KEYS.has(field.key)) {
      issues.push({ path: at('key'), code: 'reserved_key', message: `"${field.key}" is the name of a system field` });
    }
    const definition = getFieldType(field.type);
    if (!definition) {
      issues.push({ path: at('type'), code: 'unsupported_type', message: `field type "${field.type}" is not supported yet` });
      return;
    }
    const validate = optionsValidator(definition);
    if (!validate(field.options ?? {})) {
      issues.push(...optionIssues(validate.errors, at('options')));
      return;
    }
    for (const issue of definition.checkOptions?.(field, doc, getFieldType) ?? []) issues.push({ ...issue, path: at(...issue.path) });
    const fallback = field.options?.default;
    if (fallback !== undefined && fallback !== null) {
      const coerced = definition.coerce(fallback, field);
      if (!coerced.ok) {
        issues.push({ path: at('options', 'default', ...(coerced.path ?? [])), code: 'invalid_default', message: `default ${coerced.message}` });
      }
    }
    for (const issue of checkDefaultOptions(field, doc, getFieldType)) issues.push({ ...issue, path: at(...issue.path) });
  });

  issues.push(...checkSettings(doc, fieldsByKey), ...checkRules(doc, fieldsByKey));
  return issues;
}

function optionIssues(errors: ErrorObject[] | null | undefined, prefix: (string | number)[]): SchemaIssue[] {
  return (errors ?? []).map((error) => {
    const path = [
      ...prefix,
      ...error.instancePath
        .split('/')
        .slice(1)
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~'))),
    ];
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    if (error.keyword === 'required' && params.missingProperty) path.push(params.missingProperty);
    if (error.keyword === 'additionalProperties' && params.additionalProperty) path.push(params.additionalProperty);
    const isKeyPattern = error.keyword === 'pattern' && error.schema === KEY_PATTERN;
    return {
      path,
      code: isKeyPattern ? 'invalid_key' : error.keyword === 'required' ? 'required' : `invalid_${error.keyword}`,
      message: isKeyPattern ? 'must be a key: [a-z][a-z0-9_]{0,62}' : (error.message ?? 'is invalid'),
    };
  });
}

/** A field that holds a value (not a layout item, not an unsupported type). */
function isValueField(field: FieldDefinition | undefined): field is FieldDefinition {
  const definition = field && getFieldType(field.type);
  return definition !== undefined && !definition.layout;
}

function checkSettings(doc: FormDefinition, fieldsByKey: Map<string, FieldDefinition>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const titleField = doc.settings?.titleField;
  if (titleField !== undefined && !isValueField(fieldsByKey.get(titleField))) {
    issues.push({ path: ['settings', 'titleField'], code: 'unknown_field', message: `"${titleField}" is not a value field of this form` });
  }
  const gates = doc.settings?.stageGates;
  if (!gates) return issues;
  const stageField = fieldsByKey.get(gates.field);
  if (!stageField || (stageField.type !== 'select' && stageField.type !== 'radio')) {
    issues.push({ path: ['settings', 'stageGates', 'field'], code: 'invalid_reference', message: `"${gates.field}" must be a select or radio field of this form` });
    return issues;
  }
  const stages = choiceKeys(stageField);
  for (const [stage, required] of Object.entries(gates.requirements)) {
    const at = ['settings', 'stageGates', 'requirements', stage];
    if (!stages.has(stage)) issues.push({ path: at, code: 'invalid_option', message: `"${stage}" is not an option of ${gates.field}` });
    required.forEach((key, index) => {
      const field = fieldsByKey.get(key);
      if (!isValueField(field) || getFieldType(field.type)?.derived) {
        issues.push({ path: [...at, index], code: 'unknown_field', message: `"${key}" is not a writable field of this form` });
      }
    });
  }
  return issues;
}

function checkRules(doc: FormDefinition, fieldsByKey: Map<string, FieldDefinition>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const ruleKeys = new Set<string>();
  (doc.rules ?? []).forEach((rule, ruleIndex) => {
    if (ruleKeys.has(rule.key)) issues.push({ path: ['rules', ruleIndex, 'key'], code: 'duplicate_key', message: `rule key "${rule.key}" is used twice` });
    ruleKeys.add(rule.key);
    let namesKnown = true;
    let readsSystem = false;
    for (const name of conditionVariables(rule.when)) {
      const base = name.split('.')[0];
      readsSystem ||= SYSTEM_KEYS.has(base);
      if (!name.startsWith('$') && !SYSTEM_KEYS.has(base) && !isValueField(fieldsByKey.get(base))) {
        issues.push({ path: ['rules', ruleIndex, 'when'], code: 'unknown_field', message: `the condition reads "${name}", which is not a field of this form` });
        namesKnown = false;
      }
    }
    // The condition as the rules will run it (an unknown part such as `addr.zip`, an operator the field's
    // kind does not take): a rule that does not parse would never fire, so it is refused here.
    if (namesKnown && !readsSystem) {
      const parsed = parseCondition(rule.when, formRuleResolver(doc));
      if (!parsed.ok) {
        for (const problem of parsed.issues.slice(0, 3)) {
          issues.push({ path: ['rules', ruleIndex, 'when', ...problem.path], code: 'invalid_condition', message: problem.message });
        }
      }
    }
    rule.then.forEach((action, actionIndex) => {
      (action.fields ?? []).forEach((key, keyIndex) => {
        const field = fieldsByKey.get(key);
        const fits = VALUE_ACTIONS.has(action.action) ? isValueField(field) : field !== undefined;
        if (!fits) {
          issues.push({ path: ['rules', ruleIndex, 'then', actionIndex, 'fields', keyIndex], code: 'unknown_field', message: `"${key}" is not a field this action can apply to` });
        }
      });
    });
  });
  return issues;
}

/** The names read by {"var": name} (or {"var": [name, default]}) anywhere in a condition. */
function conditionVariables(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) conditionVariables(item, found);
  } else if (typeof node === 'object' && node !== null) {
    for (const [operator, operand] of Object.entries(node)) {
      const name = operator === 'var' ? (Array.isArray(operand) ? operand[0] : operand) : undefined;
      if (typeof name === 'string') found.push(name);
      else conditionVariables(operand, found);
    }
  }
  return found;
}

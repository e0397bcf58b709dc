import type { FieldOptionIssue, FieldTypeDefinition } from '../field-type-definition';
import { arrayFromDb, arrayToDb } from '../values/coerce-array';
import { fail, ok } from '../values/coerce-result';
import { quoteValue } from '../values/quote-value';
import { readOption } from '../values/read-option';
import { keySchema, localizedTextSchema, nullable, optionsObject, placeholderSchema } from '../options-schemas/option-schema-parts';
import { CASCADER_LIMITS, nodesOf, pathLabels, treeOf, type CascaderNode } from './cascader-tree';
import { ARRAY_OPERATORS } from './operator-sets';

/**
 * The schema of a tree node `level` levels down: written out level by level rather than through a
 * recursive $ref, so that the schema itself bounds the depth (and ajv's recursion) at maxDepth.
 */
function nodeSchema(level: number): object {
  const children = level < CASCADER_LIMITS.maxDepth ? { type: 'array', maxItems: CASCADER_LIMITS.maxChildren, items: nodeSchema(level + 1) } : { type: 'array', maxItems: 0 };
  return {
    type: 'object',
    required: ['key', 'label'],
    additionalProperties: false,
    properties: { key: keySchema, label: localizedTextSchema(200), children },
  };
}

/** 级联选择: a path of option keys from the root of `options.tree`, e.g. ['zhejiang', 'hangzhou']. */
export const cascaderFieldType: FieldTypeDefinition = {
  type: 'cascader',
  label: { 'zh-CN': '级联选择', 'en-US': 'Cascader' },
  valueKind: 'stringArray',
  optionsSchema: optionsObject(
    {
      tree: { type: 'array', maxItems: CASCADER_LIMITS.maxChildren, items: nodeSchema(1) },
      /** Only a path down to a node without children is accepted. */
      leafOnly: { type: 'boolean' },
      default: nullable({ type: 'array', maxItems: CASCADER_LIMITS.maxDepth, items: keySchema }),
      placeholder: placeholderSchema,
    },
    ['tree'],
  ),
  operators: ARRAY_OPERATORS,
  sortable: false,
  filterable: true,
  column: () => ({ sqlType: 'text[]', index: 'gin' }),
  conditionKind: 'textArray',
  coerce(value, field) {
    if (value === null || value === undefined || value === '') return ok([]);
    if (!Array.isArray(value)) return fail('invalid_type', 'must be an array of option keys from the root', { expected: 'array' });
    let level: CascaderNode[] = treeOf(field);
    for (let index = 0; index < value.length; index++) {
      const key: unknown = value[index];
      if (typeof key !== 'string') return fail('invalid_type', 'must be an option key (a string)', { expected: 'string' }, [index]);
      const node = level.find((candidate) => candidate.key === key);
      if (!node) {
        const where = index === 0 ? 'at the top level' : `under ${quoteValue(value[index - 1])}`;
        return fail('invalid_option', `${quoteValue(key)} is not an option ${where}`, { value: key }, [index]);
      }
      level = nodesOf(node.children);
    }
    if (value.length > 0 && level.length > 0 && readOption(field, 'leafOnly', 'boolean')) {
      return fail('not_leaf', 'must go down to an option without sub-options', undefined, [value.length - 1]);
    }
    return ok([...value]);
  },
  fromDb: arrayFromDb,
  toDb: arrayToDb,
  format: (value, field, locale) => (Array.isArray(value) ? pathLabels(field, value.map(String), locale).join(' / ') : ''),
  checkOptions(field) {
    const issues: FieldOptionIssue[] = [];
    let count = 0;
    const visit = (nodes: CascaderNode[], path: (string | number)[]) => {
      const seen = new Set<string>();
      nodes.forEach((node, index) => {
        count++;
        if (seen.has(node.key)) {
          issues.push({ path: [...path, index, 'key'], code: 'duplicate_key', message: `option key "${node.key}" is used twice among its siblings` });
        }
        seen.add(node.key);
        visit(nodesOf(node.children), [...path, index, 'children']);
      });
    };
    visit(treeOf(field), ['options', 'tree']);
    if (count > CASCADER_LIMITS.maxNodes) {
      issues.push({ path: ['options', 'tree'], code: 'tree_too_large', message: `holds ${count} options; at most ${CASCADER_LIMITS.maxNodes}`, params: { max: CASCADER_LIMITS.maxNodes } });
    }
    return issues;
  },
};

import type { ConditionFieldKind } from './condition-field-kind';
import type { ValueKind } from './field-type-definition';
import { ID_OPERATORS, ORDERED_OPERATORS } from './field-types/operator-sets';

export type SystemFieldKey =
  | 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'ownerId' | 'ownerDeptId' | 'flowStatus';

export type SystemField = {
  /** The name used in `filter`, `sort` and `fields` of record queries. */
  key: SystemFieldKey;
  /** Its column in every record table (leading '_': never a field key). */
  column: string;
  sqlType: string;
  valueKind: ValueKind;
  conditionKind: ConditionFieldKind;
  operators: readonly string[];
  label: { 'zh-CN': string; 'en-US': string };
};

/** The system fields usable in record queries (API.md "Records"). All are sortable and filterable. */
export const SYSTEM_FIELDS: readonly SystemField[] = [
  { key: 'id', column: '_id', sqlType: 'uuid', valueKind: 'id', conditionKind: 'uuid', operators: ID_OPERATORS, label: { 'zh-CN': '记录 ID', 'en-US': 'Record ID' } },
  { key: 'createdAt', column: '_created_at', sqlType: 'timestamptz(3)', valueKind: 'datetime', conditionKind: 'datetime', operators: ORDERED_OPERATORS, label: { 'zh-CN': '创建时间', 'en-US': 'Created at' } },
  { key: 'updatedAt', column: '_updated_at', sqlType: 'timestamptz(3)', valueKind: 'datetime', conditionKind: 'datetime', operators: ORDERED_OPERATORS, label: { 'zh-CN': '修改时间', 'en-US': 'Updated at' } },
  { key: 'createdBy', column: '_created_by', sqlType: 'uuid', valueKind: 'id', conditionKind: 'uuid', operators: ID_OPERATORS, label: { 'zh-CN': '创建人', 'en-US': 'Created by' } },
  { key: 'updatedBy', column: '_updated_by', sqlType: 'uuid', valueKind: 'id', conditionKind: 'uuid', operators: ID_OPERATORS, label: { 'zh-CN': '修改人', 'en-US': 'Updated by' } },
  { key: 'ownerId', column: '_owner_id', sqlType: 'uuid', valueKind: 'id', conditionKind: 'uuid', operators: ID_OPERATORS, label: { 'zh-CN': '负责人', 'en-US': 'Owner' } },
  { key: 'ownerDeptId', column: '_owner_dept_id', sqlType: 'uuid', valueKind: 'id', conditionKind: 'uuid', operators: ID_OPERATORS, label: { 'zh-CN': '负责人所属部门', 'en-US': "Owner's department" } },
  { key: 'flowStatus', column: '_flow_status', sqlType: 'text', valueKind: 'string', conditionKind: 'text', operators: ['==', '!=', 'in', 'isEmpty', 'isNotEmpty'], label: { 'zh-CN': '流程状态', 'en-US': 'Flow status' } },
];

import type { ConditionContext, FieldResolver, ResolvedField } from './condition-types';

// Fields and a context shared by the specs (not built into dist).

export const USER_ID = '11111111-1111-4111-8111-111111111111';
export const DEPT_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const DEPT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';

export const FIELDS: Record<string, ResolvedField> = {
  name: { kind: 'text', sql: 't."name"' },
  amount: { kind: 'number', sql: 't."amount"' },
  won: { kind: 'boolean', sql: 't."won"' },
  closeDate: { kind: 'date', sql: 't."close_date"' },
  createdAt: { kind: 'datetime', sql: 't."created_at"' },
  opensAt: { kind: 'time', sql: 't."opens_at"' },
  tags: { kind: 'textArray', sql: 't."tags"' },
  owner: { kind: 'uuid', sql: 't."owner"' },
  departments: { kind: 'uuidArray', sql: 't."departments"' },
  address: { kind: 'json', sql: 't."address"' },
  'address.city': { kind: 'text', sql: `t."address"->>'city'` },
  status: { kind: 'text', sql: 't."status"', operators: ['==', '!=', 'in', 'isEmpty', 'isNotEmpty'] },
};

export const resolveField: FieldResolver = (path) => {
  if (Object.hasOwn(FIELDS, path)) return FIELDS[path];
  // A resolver that knows the address may say why another part is refused.
  return path.startsWith('address.') ? { refused: `unknown field "${path}": an address offers the parts city` } : undefined;
};

/** 2024-03-01T17:00Z is 2024-03-02 01:00 in Shanghai: "today" differs from the UTC date. */
export const CTX: ConditionContext = {
  now: new Date('2024-03-01T17:00:00Z'),
  timeZone: 'Asia/Shanghai',
  user: { id: USER_ID, departmentIds: [DEPT_A, DEPT_B] },
};

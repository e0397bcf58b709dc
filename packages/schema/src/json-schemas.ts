import { FIELD_TYPES, GRANT_ACTIONS, KEY_PATTERN } from './types';

/** JSON Schemas (draft 2020-12 subset understood by ajv 8) of the metadata documents. */

const key = { type: 'string', pattern: KEY_PATTERN };
const localizedText = {
  anyOf: [
    { type: 'string', minLength: 1, maxLength: 200 },
    { type: 'object', minProperties: 1, additionalProperties: { type: 'string', maxLength: 200 } },
  ],
};
const condition = { type: 'object' };

export const fieldDefinitionSchema = {
  $id: 'field',
  type: 'object',
  required: ['key', 'type', 'label'],
  additionalProperties: false,
  properties: {
    key,
    type: { enum: [...FIELD_TYPES] },
    label: localizedText,
    required: { type: 'boolean' },
    description: localizedText,
    options: { type: 'object' },
  },
};

export const formDefinitionSchema = {
  $id: 'form',
  type: 'object',
  required: ['key', 'name', 'fields'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: 1 },
    key,
    name: localizedText,
    description: localizedText,
    icon: { type: 'string', maxLength: 100 },
    version: { type: 'integer' },
    fields: { type: 'array', maxItems: 500, items: { $ref: 'field' } },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'when', 'then'],
        additionalProperties: false,
        properties: {
          key,
          when: condition,
          then: {
            type: 'array',
            items: {
              type: 'object',
              required: ['action'],
              additionalProperties: false,
              properties: {
                action: { enum: ['show', 'hide', 'require', 'readonly', 'editable', 'setValue', 'error', 'warn'] },
                fields: { type: 'array', items: key },
                value: {},
                message: localizedText,
              },
            },
          },
        },
      },
    },
    settings: {
      type: 'object',
      additionalProperties: true,
      properties: {
        titleField: key,
        columns: { enum: [1, 2, 3] },
        stageGates: {
          type: 'object',
          required: ['field', 'requirements'],
          properties: {
            field: key,
            requirements: { type: 'object', additionalProperties: { type: 'array', items: key } },
          },
        },
      },
    },
  },
};

export const appDefinitionSchema = {
  $id: 'app',
  type: 'object',
  required: ['key', 'name'],
  additionalProperties: false,
  properties: {
    key,
    name: localizedText,
    description: localizedText,
    icon: { type: 'string', maxLength: 100 },
    navigation: { type: 'array', items: { $ref: 'navItem' } },
  },
};

export const navigationItemSchema = {
  $id: 'navItem',
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: ['form', 'view', 'group'] },
    formKey: key,
    viewKey: key,
    label: localizedText,
    icon: { type: 'string' },
    children: { type: 'array', items: { $ref: 'navItem' } },
  },
};

const scope = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: ['all', 'departmentTree', 'department', 'own', 'custom'] },
    condition,
  },
};

const fieldPermissions = {
  type: 'object',
  required: ['visible', 'editable'],
  properties: {
    visible: { anyOf: [{ const: '*' }, { type: 'array', items: key }] },
    editable: { anyOf: [{ const: '*' }, { type: 'array', items: key }] },
    masked: { type: 'array', items: key },
  },
};

export const grantSchema = {
  type: 'object',
  required: ['actions', 'scope'],
  properties: {
    appKey: key,
    formKey: key,
    actions: { type: 'array', items: { enum: [...GRANT_ACTIONS] }, uniqueItems: true },
    scope,
    fields: fieldPermissions,
  },
};

/** Widest a saved column may be, in pixels; and the most columns a view may freeze. */
export const VIEW_COLUMN_WIDTH = { min: 40, max: 1200 } as const;
export const VIEW_MAX_FROZEN_COLUMNS = 5;

/** A saved view of a form's records (ViewDefinition). Field names are checked against the form elsewhere. */
export const viewDefinitionSchema = {
  $id: 'view',
  type: 'object',
  required: ['key', 'formKey', 'name', 'type'],
  properties: {
    key,
    formKey: key,
    name: localizedText,
    type: { enum: ['table', 'kanban', 'calendar', 'cards'] },
    columns: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 200, uniqueItems: true },
    sort: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        required: ['field', 'dir'],
        additionalProperties: false,
        properties: { field: { type: 'string', minLength: 1, maxLength: 100 }, dir: { enum: ['asc', 'desc'] } },
      },
    },
    filter: { anyOf: [condition, { type: 'null' }] },
    groupField: { type: 'string', minLength: 1, maxLength: 100 },
    columnWidths: {
      type: 'object',
      maxProperties: 200,
      additionalProperties: { type: 'integer', minimum: VIEW_COLUMN_WIDTH.min, maximum: VIEW_COLUMN_WIDTH.max },
    },
    frozenColumns: { type: 'integer', minimum: 0, maximum: VIEW_MAX_FROZEN_COLUMNS },
  },
};

export const appPackageSchema = {
  $id: 'appPackage',
  type: 'object',
  required: ['schemaVersion', 'kind', 'packageVersion', 'app', 'forms'],
  properties: {
    schemaVersion: { type: 'integer' },
    kind: { const: 'app-package' },
    packageVersion: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+' },
    app: { $ref: 'app' },
    forms: { type: 'array', items: { $ref: 'form' } },
    views: { type: 'array', items: { $ref: 'view' } },
    roles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'name', 'grants'],
        properties: { key, name: localizedText, description: localizedText, grants: { type: 'array', items: grantSchema } },
      },
    },
    flows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'name', 'formKey', 'nodes'],
        properties: { key, name: localizedText, formKey: key, nodes: { type: 'array', items: { type: 'object' } } },
      },
    },
    demo: { type: 'object' },
  },
};

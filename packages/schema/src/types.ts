/**
 * Metadata documents of the platform. Every persisted document carries `schemaVersion`;
 * a change of shape ships with a pure migration (see migrate-app-package.ts).
 */

/** A label: one string, or a map by locale such as {"zh-CN":"金额","en-US":"Amount"}. */
export type LocalizedText = string | Record<string, string>;

/** A condition in the platform's json-logic dialect (see @platform/condition). */
export type Condition = { [operator: string]: unknown };

/** Keys of apps, forms, fields, views: stable, chosen by the designer, survive label renames. */
export const KEY_PATTERN = '^[a-z][a-z0-9_]{0,62}$';
export const KEY_REGEX = new RegExp(KEY_PATTERN);

export const FIELD_TYPES = [
  'text', 'textarea', 'richText', 'number', 'money', 'moneyInWords', 'percent', 'date', 'datetime',
  'dateRange', 'time', 'radio', 'checkbox', 'select', 'multiSelect', 'cascader', 'switch', 'rating',
  'member', 'members', 'department', 'departments', 'address', 'location', 'image', 'attachment',
  'signature', 'phone', 'email', 'idNumber', 'url', 'serialNumber', 'subForm', 'relation', 'lookup',
  'rollup', 'formula', 'divider', 'description', 'tabs',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type ChoiceOption = { key: string; label: LocalizedText; color?: string };

export type FieldDefinition = {
  key: string;
  type: FieldType;
  label: LocalizedText;
  required?: boolean;
  description?: LocalizedText;
  /** Type-specific options; their JSON Schema is published by GET /api/field-types. */
  options?: Record<string, unknown>;
};

export type FormRuleAction = {
  action: 'show' | 'hide' | 'require' | 'readonly' | 'editable' | 'setValue' | 'error' | 'warn';
  fields?: string[];
  value?: unknown;
  message?: LocalizedText;
};

export type FormRule = { key: string; when: Condition; then: FormRuleAction[] };

export type StageGates = { field: string; requirements: Record<string, string[]> };

export type FormSettings = {
  /** Field shown as the record's title in lists, pickers and headers. */
  titleField?: string;
  /** Multi-column layout of the rendered form (1 to 3). */
  columns?: 1 | 2 | 3;
  stageGates?: StageGates;
};

export type FormDefinition = {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  icon?: string;
  fields: FieldDefinition[];
  rules?: FormRule[];
  settings?: FormSettings;
};

export type SortSpec = { field: string; dir: 'asc' | 'desc' };

export type ViewDefinition = {
  key: string;
  formKey: string;
  name: LocalizedText;
  type: 'table' | 'kanban' | 'calendar' | 'cards';
  columns?: string[];
  sort?: SortSpec[];
  filter?: Condition | null;
  /**
   * kanban: the select/radio field whose options are the columns; calendar: the date or datetime field;
   * table: an optional select/radio field whose options group the rows.
   */
  groupField?: string;
  /** table: column widths in pixels by field key (columns not named keep their default width). */
  columnWidths?: Record<string, number>;
  /** table: how many of the first columns stay in place while the rest scroll sideways. */
  frozenColumns?: number;
};

export type NavigationItem =
  | { type: 'form'; formKey: string; icon?: string }
  | { type: 'view'; formKey: string; viewKey: string; icon?: string }
  | { type: 'group'; label: LocalizedText; icon?: string; children: NavigationItem[] };

export type AppDefinition = {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  icon?: string;
  navigation?: NavigationItem[];
};

export type GrantAction =
  | 'read' | 'create' | 'update' | 'delete' | 'transfer' | 'import' | 'export' | 'print' | 'manage';
export const GRANT_ACTIONS: readonly GrantAction[] = [
  'read', 'create', 'update', 'delete', 'transfer', 'import', 'export', 'print', 'manage',
];

export type DataScope =
  | { type: 'all' | 'departmentTree' | 'department' | 'own' }
  | { type: 'custom'; condition: Condition };

export type FieldPermissions = {
  visible: string[] | '*';
  editable: string[] | '*';
  masked?: string[];
};

export type PackageGrant = {
  formKey: string;
  actions: GrantAction[];
  scope: DataScope;
  fields?: FieldPermissions;
};

export type PackageRole = { key: string; name: LocalizedText; description?: LocalizedText; grants: PackageGrant[] };

export type DemoDepartment = { key: string; name: string; parentKey: string | null; headUsername?: string };

export type DemoUser = {
  username: string;
  name: string;
  departmentKeys: string[];
  managerUsername?: string;
  roleKeys: string[];
  isAdmin?: boolean;
};

/**
 * A demo record. Member fields hold usernames and department fields department keys;
 * relation fields hold the `ref` of another demo record. The importer resolves them to ids.
 */
export type DemoRecord = {
  ref?: string;
  owner?: string;
  createdAt?: string;
  data: Record<string, unknown>;
};

export type DemoData = {
  departments?: DemoDepartment[];
  users?: DemoUser[];
  records?: { formKey: string; rows: DemoRecord[] }[];
};

export const APP_PACKAGE_SCHEMA_VERSION = 1;

/** One versioned JSON document holding a whole app: what POST /api/app-packages imports. */
export type AppPackage = {
  schemaVersion: 1;
  kind: 'app-package';
  /** The package's own version (semver), so an upgrade can tell what it replaces. */
  packageVersion: string;
  app: AppDefinition;
  forms: FormDefinition[];
  views?: ViewDefinition[];
  roles?: PackageRole[];
  /**
   * Approval flows (the flow engine's definitions). In a package, a `roles` approver source names
   * package role keys in `roleIds`; the importer turns them into the roles it created.
   */
  flows?: PackageFlow[];
  demo?: DemoData;
};

export type PackageFlow = { key: string; name: LocalizedText; formKey: string; nodes: Record<string, unknown>[] } & Record<string, unknown>;

/** A problem found in a document: a path into it, a code and a human message. */
export type SchemaIssue = { path: (string | number)[]; code: string; message: string };

import { parseCondition, type FieldResolver } from '@platform/condition';
import { KEY_REGEX } from '@platform/schema';
import { START_NODE_KEY } from './flow-definition';
import { parseIsoDuration } from './parse-iso-duration';

export type FlowDefinitionIssueCode =
  | 'INVALID_DEFINITION'
  | 'INVALID_VALUE'
  | 'UNKNOWN_NODE_TYPE'
  | 'DUPLICATE_NODE_KEY'
  | 'RESERVED_NODE_KEY'
  | 'DUPLICATE_BRANCH_KEY'
  | 'MISSING_DEFAULT_BRANCH'
  | 'UNREACHABLE_BRANCH'
  | 'NO_APPROVERS'
  | 'VOTE_PERCENT_OUT_OF_RANGE'
  | 'UNKNOWN_FIELD'
  | 'INVALID_CONDITION'
  | 'INVALID_DURATION';

/** One problem of a definition; `path` points into the definition JSON, `nodeKey` names the node. */
export type FlowDefinitionIssue = { code: FlowDefinitionIssueCode; message: string; path: (string | number)[]; nodeKey?: string };

/** `fieldKeys`: the form's fields, to check field permissions, `field` sources, deadlines, delays
 * and setFields against. `resolveField`: to parse branch conditions as the runtime will. */
export type ValidateFlowOptions = { fieldKeys?: readonly string[]; resolveField?: FieldResolver };

type Path = (string | number)[];
type Json = Record<string, unknown>;
type State = { issues: FlowDefinitionIssue[]; keys: Set<string>; fields: Set<string> | null; resolveField: FieldResolver | undefined };

const NODE_TYPES = new Set(['approval', 'handler', 'cc', 'condition', 'parallel', 'delay', 'action', 'subflow']);
const MODES = new Set(['sequential', 'countersign', 'anySign', 'vote']);
const SOURCES = new Set(['users', 'roles', 'manager', 'departmentHead', 'field', 'initiator', 'initiatorPicks']);
const PERMISSIONS = new Set(['hidden', 'readonly', 'editable', 'required']);
const OVERDUE = new Set(['none', 'approve', 'reject', 'escalate', 'notify']);
const ON_EMPTY = new Set(['pass', 'admin', 'user', 'reject']);
const ON_INITIATOR = new Set(['self', 'skip', 'manager']);
const RESUBMIT = new Set(['rerun', 'jumpBack']);
const WITHDRAW = new Set(['beforeFirstDecision', 'whileRunning', 'never']);
const SUBFLOW_REJECTED = new Set(['reject', 'continue']);
const REMINDER_AT = new Set(['before', 'at', 'after']);

/** Publishing checks for a flow definition (plain JSON as received). Returns every issue found; an
 * empty list means the definition can be published. Never throws. */
export function validateFlowDefinition(definition: unknown, options: ValidateFlowOptions = {}): FlowDefinitionIssue[] {
  const state: State = {
    issues: [],
    keys: new Set(),
    fields: options.fieldKeys === undefined ? null : new Set(options.fieldKeys),
    resolveField: options.resolveField,
  };
  if (!isObject(definition)) {
    report(state, 'INVALID_DEFINITION', 'a flow definition is an object', []);
    return state.issues;
  }
  for (const key of ['key', 'formKey'] as const) {
    if (typeof definition[key] !== 'string' || !KEY_REGEX.test(definition[key])) report(state, 'INVALID_VALUE', `${key} must match [a-z][a-z0-9_]{0,62}`, [key]);
  }
  if (!hasName(definition.name)) report(state, 'INVALID_VALUE', 'the flow needs a name', ['name']);
  if (definition.withdraw !== undefined) oneOf(state, definition.withdraw, WITHDRAW, ['withdraw'], 'withdraw');
  if (definition.start !== undefined) checkStart(state, definition.start);
  if (!Array.isArray(definition.nodes)) report(state, 'INVALID_DEFINITION', 'nodes must be a list', ['nodes']);
  else checkChain(state, definition.nodes, ['nodes']);
  return state.issues;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasName(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || (isObject(value) && Object.values(value).some((text) => typeof text === 'string' && text.trim() !== ''));
}

function report(state: State, code: FlowDefinitionIssueCode, message: string, path: Path, nodeKey?: string): void {
  state.issues.push(nodeKey === undefined ? { code, message, path } : { code, message, path, nodeKey });
}

function oneOf(state: State, value: unknown, allowed: Set<string>, path: Path, what: string, nodeKey?: string): void {
  if (typeof value !== 'string' || !allowed.has(value)) report(state, 'INVALID_VALUE', `${what} must be one of ${[...allowed].join(', ')}`, path, nodeKey);
}

function checkField(state: State, field: unknown, path: Path, nodeKey?: string): void {
  if (typeof field !== 'string' || field === '') report(state, 'INVALID_VALUE', 'a field key is required', path, nodeKey);
  else if (state.fields !== null && !state.fields.has(field)) report(state, 'UNKNOWN_FIELD', `unknown field ${field}`, path, nodeKey);
}

function checkDuration(state: State, value: unknown, path: Path, nodeKey?: string): void {
  if (typeof value !== 'string' || parseIsoDuration(value) === null) report(state, 'INVALID_DURATION', 'an ISO 8601 duration such as PT24H or P3D is required', path, nodeKey);
}

function checkStart(state: State, start: unknown): void {
  if (!isObject(start)) {
    report(state, 'INVALID_VALUE', 'start is an object', ['start']);
    return;
  }
  if (start.initiators !== undefined) checkSources(state, start.initiators, ['start', 'initiators'], START_NODE_KEY, false);
  if (start.fieldPermissions !== undefined) checkPermissions(state, start.fieldPermissions, ['start', 'fieldPermissions'], START_NODE_KEY);
}

function checkChain(state: State, nodes: unknown[], path: Path): void {
  nodes.forEach((node, i) => checkNode(state, node, [...path, i]));
}

function checkNode(state: State, node: unknown, path: Path): void {
  if (!isObject(node)) {
    report(state, 'INVALID_DEFINITION', 'a node is an object', path);
    return;
  }
  const key = typeof node.key === 'string' ? node.key : undefined;
  if (key === undefined || !KEY_REGEX.test(key)) report(state, 'INVALID_VALUE', 'a node key must match [a-z][a-z0-9_]{0,62}', [...path, 'key'], key);
  else if (key === START_NODE_KEY) report(state, 'RESERVED_NODE_KEY', 'the key start is reserved for the initiator step', [...path, 'key'], key);
  else if (state.keys.has(key)) report(state, 'DUPLICATE_NODE_KEY', `node key ${key} is used more than once`, [...path, 'key'], key);
  if (key !== undefined) state.keys.add(key);
  if (!hasName(node.name)) report(state, 'INVALID_VALUE', 'a node needs a name', [...path, 'name'], key);
  const type = node.type;
  if (typeof type !== 'string' || !NODE_TYPES.has(type)) {
    report(state, 'UNKNOWN_NODE_TYPE', `unknown node type ${String(type)}`, [...path, 'type'], key);
    return;
  }
  switch (type) {
    case 'approval':
    case 'handler':
      checkApproval(state, node, path, key);
      return;
    case 'cc':
      checkSources(state, node.recipients, [...path, 'recipients'], key, true);
      if (node.fieldPermissions !== undefined) checkPermissions(state, node.fieldPermissions, [...path, 'fieldPermissions'], key);
      return;
    case 'condition':
    case 'parallel':
      checkBranches(state, node, type, path, key);
      return;
    case 'delay':
      checkDelay(state, node, path, key);
      return;
    case 'action':
      checkAction(state, node, path, key);
      return;
    case 'subflow':
      checkSubflow(state, node, path, key);
      return;
  }
}

function checkApproval(state: State, node: Json, path: Path, key: string | undefined): void {
  checkSources(state, node.approvers, [...path, 'approvers'], key, true);
  const mode = node.mode ?? 'sequential';
  oneOf(state, mode, MODES, [...path, 'mode'], 'mode', key);
  if (node.votePercent !== undefined || mode === 'vote') {
    const percent = node.votePercent;
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
      report(state, 'VOTE_PERCENT_OUT_OF_RANGE', 'votePercent must be more than 0 and at most 100', [...path, 'votePercent'], key);
    }
  }
  if (node.fieldPermissions !== undefined) checkPermissions(state, node.fieldPermissions, [...path, 'fieldPermissions'], key);
  if (node.deadline !== undefined) {
    const deadline = node.deadline;
    if (isObject(deadline) && 'after' in deadline) checkDuration(state, deadline.after, [...path, 'deadline', 'after'], key);
    else if (isObject(deadline) && 'field' in deadline) checkField(state, deadline.field, [...path, 'deadline', 'field'], key);
    else report(state, 'INVALID_VALUE', 'a deadline is {"after": duration} or {"field": fieldKey}', [...path, 'deadline'], key);
  }
  if (node.reminders !== undefined) checkReminders(state, node.reminders, [...path, 'reminders'], key);
  if (node.onOverdue !== undefined) oneOf(state, node.onOverdue, OVERDUE, [...path, 'onOverdue'], 'onOverdue', key);
  if (node.onEmpty !== undefined) oneOf(state, node.onEmpty, ON_EMPTY, [...path, 'onEmpty'], 'onEmpty', key);
  if (node.onEmpty === 'user' && (typeof node.onEmptyUserId !== 'string' || node.onEmptyUserId === '')) {
    report(state, 'INVALID_VALUE', 'onEmpty user needs onEmptyUserId', [...path, 'onEmptyUserId'], key);
  }
  if (node.onInitiator !== undefined) oneOf(state, node.onInitiator, ON_INITIATOR, [...path, 'onInitiator'], 'onInitiator', key);
  if (node.resubmit !== undefined) oneOf(state, node.resubmit, RESUBMIT, [...path, 'resubmit'], 'resubmit', key);
  if (node.dedupe !== undefined && typeof node.dedupe !== 'boolean') report(state, 'INVALID_VALUE', 'dedupe is true or false', [...path, 'dedupe'], key);
}

function checkSources(state: State, sources: unknown, path: Path, key: string | undefined, required: boolean): void {
  if (!Array.isArray(sources)) {
    report(state, required ? 'NO_APPROVERS' : 'INVALID_VALUE', 'a list of user sources is required', path, key);
    return;
  }
  if (required && sources.length === 0) report(state, 'NO_APPROVERS', 'at least one user source is required', path, key);
  sources.forEach((source, i) => {
    const at = [...path, i];
    if (!isObject(source) || typeof source.source !== 'string' || !SOURCES.has(source.source)) {
      report(state, 'INVALID_VALUE', `a source is one of ${[...SOURCES].join(', ')}`, at, key);
      return;
    }
    const ids = (field: 'userIds' | 'roleIds'): void => {
      const list = source[field];
      if (!Array.isArray(list) || list.length === 0 || !list.every((id) => typeof id === 'string' && id !== '')) {
        report(state, 'INVALID_VALUE', `${field} must be a non-empty list of ids`, [...at, field], key);
      }
    };
    const level = (): void => {
      const value = source.level;
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 20)) {
        report(state, 'INVALID_VALUE', 'level is a whole number from 1 to 20', [...at, 'level'], key);
      }
    };
    if (source.source === 'users') ids('userIds');
    else if (source.source === 'roles') ids('roleIds');
    else if (source.source === 'manager' || source.source === 'departmentHead') level();
    else if (source.source === 'field') checkField(state, source.fieldKey, [...at, 'fieldKey'], key);
  });
}

function checkPermissions(state: State, permissions: unknown, path: Path, key: string | undefined): void {
  if (!isObject(permissions)) {
    report(state, 'INVALID_VALUE', 'fieldPermissions maps field keys to hidden, readonly, editable or required', path, key);
    return;
  }
  for (const [field, permission] of Object.entries(permissions)) {
    checkField(state, field, [...path, field], key);
    oneOf(state, permission, PERMISSIONS, [...path, field], 'a field permission', key);
  }
}

function checkReminders(state: State, reminders: unknown, path: Path, key: string | undefined): void {
  if (!Array.isArray(reminders)) {
    report(state, 'INVALID_VALUE', 'reminders is a list', path, key);
    return;
  }
  reminders.forEach((reminder, i) => {
    const at = [...path, i];
    if (!isObject(reminder)) {
      report(state, 'INVALID_VALUE', 'a reminder is an object', at, key);
      return;
    }
    oneOf(state, reminder.at, REMINDER_AT, [...at, 'at'], 'at', key);
    if (reminder.offset !== undefined) checkDuration(state, reminder.offset, [...at, 'offset'], key);
    if (reminder.repeat !== undefined) checkDuration(state, reminder.repeat, [...at, 'repeat'], key);
    const times = reminder.times;
    if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 20)) {
      report(state, 'INVALID_VALUE', 'times is a whole number from 1 to 20', [...at, 'times'], key);
    }
  });
}

function checkBranches(state: State, node: Json, type: 'condition' | 'parallel', path: Path, key: string | undefined): void {
  const branches = node.branches;
  if (!Array.isArray(branches) || branches.length === 0) {
    report(state, 'INVALID_DEFINITION', `a ${type} node needs branches`, [...path, 'branches'], key);
    return;
  }
  const branchKeys = new Set<string>();
  let defaultAt = -1;
  branches.forEach((branch, i) => {
    const at = [...path, 'branches', i];
    if (!isObject(branch)) {
      report(state, 'INVALID_DEFINITION', 'a branch is an object', at, key);
      return;
    }
    if (typeof branch.key !== 'string' || !KEY_REGEX.test(branch.key)) report(state, 'INVALID_VALUE', 'a branch key must match [a-z][a-z0-9_]{0,62}', [...at, 'key'], key);
    else if (branchKeys.has(branch.key)) report(state, 'DUPLICATE_BRANCH_KEY', `branch key ${branch.key} is used more than once`, [...at, 'key'], key);
    else branchKeys.add(branch.key);
    const condition = branch.condition ?? null;
    if (type === 'parallel') {
      if (condition !== null) report(state, 'INVALID_CONDITION', 'parallel branches all run: they take no condition', [...at, 'condition'], key);
    } else if (defaultAt >= 0) {
      report(state, 'UNREACHABLE_BRANCH', 'a branch after the default branch is never taken', at, key);
    } else if (condition === null) {
      defaultAt = i;
    } else {
      checkCondition(state, condition, [...at, 'condition'], key);
    }
    if (!Array.isArray(branch.nodes)) report(state, 'INVALID_DEFINITION', 'a branch holds a list of nodes', [...at, 'nodes'], key);
    else checkChain(state, branch.nodes, [...at, 'nodes']);
  });
  if (type === 'condition' && defaultAt < 0) report(state, 'MISSING_DEFAULT_BRANCH', 'a condition node needs a default branch (condition null)', [...path, 'branches'], key);
}

function checkCondition(state: State, condition: unknown, path: Path, key: string | undefined): void {
  if (!isObject(condition)) {
    report(state, 'INVALID_CONDITION', 'a condition is an object such as {"==": [{"var": "amount"}, 100]}', path, key);
    return;
  }
  if (state.resolveField !== undefined) {
    const parsed = parseCondition(condition, state.resolveField);
    if (!parsed.ok) for (const issue of parsed.issues) report(state, issue.code === 'UNKNOWN_FIELD' ? 'UNKNOWN_FIELD' : 'INVALID_CONDITION', issue.message, [...path, ...issue.path], key);
    return;
  }
  if (state.fields !== null) {
    for (const field of referencedVars(condition, 0)) {
      if (!field.startsWith('$') && !state.fields.has(field.split('.')[0])) report(state, 'UNKNOWN_FIELD', `unknown field ${field}`, path, key);
    }
  }
}

function referencedVars(node: unknown, depth: number): string[] {
  if (depth > 40) return [];
  if (Array.isArray(node)) return node.flatMap((item) => referencedVars(item, depth + 1));
  if (!isObject(node)) return [];
  if (typeof node.var === 'string' && Object.keys(node).length === 1) return [node.var];
  return Object.values(node).flatMap((value) => referencedVars(value, depth + 1));
}

function checkDelay(state: State, node: Json, path: Path, key: string | undefined): void {
  const hasDuration = node.duration !== undefined;
  const hasField = node.untilField !== undefined;
  if (hasDuration === hasField) report(state, 'INVALID_VALUE', 'a delay has either duration or untilField', path, key);
  if (hasDuration) checkDuration(state, node.duration, [...path, 'duration'], key);
  if (hasField) checkField(state, node.untilField, [...path, 'untilField'], key);
}

function checkAction(state: State, node: Json, path: Path, key: string | undefined): void {
  if (!Array.isArray(node.effects) || node.effects.length === 0) {
    report(state, 'INVALID_VALUE', 'an action node needs effects', [...path, 'effects'], key);
    return;
  }
  node.effects.forEach((effect, i) => {
    const at = [...path, 'effects', i];
    if (!isObject(effect)) {
      report(state, 'INVALID_VALUE', 'an effect is setFields, notify or webhook', at, key);
    } else if (effect.type === 'setFields') {
      if (!isObject(effect.data)) report(state, 'INVALID_VALUE', 'setFields needs data', [...at, 'data'], key);
      else for (const field of Object.keys(effect.data)) checkField(state, field, [...at, 'data', field], key);
    } else if (effect.type === 'notify') {
      checkSources(state, effect.recipients, [...at, 'recipients'], key, true);
      if (typeof effect.template !== 'string' || effect.template === '') report(state, 'INVALID_VALUE', 'notify needs a template', [...at, 'template'], key);
    } else if (effect.type === 'webhook') {
      if (typeof effect.url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(effect.url)) report(state, 'INVALID_VALUE', 'a webhook needs an http(s) url', [...at, 'url'], key);
    } else {
      report(state, 'INVALID_VALUE', 'an effect is setFields, notify or webhook', [...at, 'type'], key);
    }
  });
}

/** The flow to start (the API checks it exists and belongs to the right form), the relation field
 * that binds it to related records, and what a rejection of it does. */
function checkSubflow(state: State, node: Json, path: Path, key: string | undefined): void {
  if (typeof node.flowKey !== 'string' || !KEY_REGEX.test(node.flowKey)) report(state, 'INVALID_VALUE', 'a sub-flow node needs the flowKey to start', [...path, 'flowKey'], key);
  if (node.relationField !== undefined) checkField(state, node.relationField, [...path, 'relationField'], key);
  if (node.onRejected !== undefined) oneOf(state, node.onRejected, SUBFLOW_REJECTED, [...path, 'onRejected'], 'onRejected', key);
}

import type { DataScope, FormDefinition, GrantAction } from '@platform/schema';
import type { TokenScope } from '../auth/api-token.entity';
import type { RoleGrant } from '../organisation/role.entity';

/** What one user may do on one form, merged from all their roles' grants (API.md "Several roles"). */
export type FormAccess = {
  all: boolean;
  actions: Set<GrantAction>;
  /** Per action, the scopes of the grants that give it; 'all' when any of them is unrestricted. */
  scopes: Map<GrantAction, DataScope[] | 'all'>;
  /** Fields visible to the user (union over read grants); 'all' means every field, including later ones. */
  visible: Set<string> | 'all';
  editable: Set<string> | 'all';
  /** Masked only when every read grant that shows the field masks it. */
  masked: Set<string>;
  /** Fields some role shows but not every read grant shows unmasked: they cannot be filtered or sorted on. */
  unfilterable: Set<string>;
  /** Each read grant's scope and field rules, for deciding visibility per record. */
  readGrants: ReadGrant[];
  /** True when all read grants have the same field rules, so no per-record decision is needed. */
  uniformFields: boolean;
  /** Each update grant's scope and editable fields: what a user may change is decided per record. */
  updateGrants: UpdateGrant[];
  /** True when every update grant makes the same fields editable (then `editable` decides alone). */
  uniformEditable: boolean;
};

export type UpdateGrant = { scope: DataScope; editable: Set<string> | 'all' };

export type ReadGrant = { scope: DataScope; visible: Set<string> | 'all'; masked: Set<string> };

export const FULL_ACCESS: FormAccess = {
  all: true,
  actions: new Set(['read', 'create', 'update', 'delete', 'transfer', 'import', 'export', 'print', 'manage']),
  scopes: new Map(),
  visible: 'all',
  editable: 'all',
  masked: new Set(),
  unfilterable: new Set(),
  readGrants: [],
  uniformFields: true,
  updateGrants: [],
  uniformEditable: true,
};

/**
 * Merges grants into access. Simplification (refined by the permissions work): field visibility is
 * the union over the form's read grants rather than decided per record.
 */
export function mergeGrants(grants: RoleGrant[], tokenScopes?: TokenScope[], appKey?: string): FormAccess {
  const actions = new Set<GrantAction>();
  const scopes = new Map<GrantAction, DataScope[] | 'all'>();
  let visible: Set<string> | 'all' = new Set();
  let editable: Set<string> | 'all' = new Set();
  const maskVotes = new Map<string, { shown: number; masked: number }>();
  const tokenActions = tokenScopes ? new Set(tokenScopes.filter((s) => s.appKey === appKey || s.appKey === '*').flatMap((s) => s.actions)) : undefined;

  for (const g of grants) {
    const granted = g.actions.filter((a) => !tokenActions || tokenActions.has(a));
    for (const a of granted) {
      actions.add(a);
      const prev = scopes.get(a);
      if (prev === 'all') continue;
      if (g.scope.type === 'all') scopes.set(a, 'all');
      else scopes.set(a, [...(prev ?? []), g.scope]);
    }
    if (!granted.includes('read')) continue;
    const f = g.fields ?? { visible: '*', editable: '*' };
    if (visible !== 'all') visible = f.visible === '*' ? 'all' : new Set([...visible, ...f.visible]);
    if (g.actions.includes('update') || g.actions.includes('create')) editable = addEditable(editable, f);
    const shownKeys = f.visible === '*' ? null : f.visible;
    const masked = new Set(f.masked ?? []);
    // Count, per field, how many grants show it and how many of those mask it.
    for (const key of shownKeys ?? ['*']) {
      const v = maskVotes.get(key) ?? { shown: 0, masked: 0 };
      v.shown += 1;
      if (masked.has(key)) v.masked += 1;
      maskVotes.set(key, v);
    }
    if (!shownKeys) for (const key of masked) {
      const v = maskVotes.get(key) ?? { shown: 0, masked: 0 };
      v.masked += 1;
      maskVotes.set(key, v);
    }
  }
  const star = maskVotes.get('*');
  const masked = new Set<string>();
  for (const [key, v] of maskVotes) {
    if (key === '*') continue;
    const shown = v.shown + (star?.shown ?? 0);
    if (v.masked > 0 && v.masked >= shown) masked.add(key);
  }
  const readGrants: ReadGrant[] = grants
    .filter((g) => g.actions.includes('read') && (!tokenActions || tokenActions.has('read')))
    .map((g) => {
      const f = g.fields ?? { visible: '*' as const, editable: '*' as const };
      return { scope: g.scope, visible: f.visible === '*' ? ('all' as const) : new Set(f.visible), masked: new Set(f.masked ?? []) };
    });
  const rulesKey = (r: ReadGrant) => JSON.stringify([r.visible === 'all' ? '*' : [...r.visible].sort(), [...r.masked].sort()]);
  const uniformFields = readGrants.every((r) => rulesKey(r) === rulesKey(readGrants[0]));
  // Filterable only when every read grant shows the field unmasked (otherwise values could be probed).
  const unfilterable = new Set<string>();
  const candidates = visible === 'all' ? null : visible;
  const shownUnmaskedByAll = (key: string) => readGrants.every((r) => (r.visible === 'all' || r.visible.has(key)) && !r.masked.has(key));
  if (candidates) for (const key of candidates) if (!shownUnmaskedByAll(key)) unfilterable.add(key);
  for (const r of readGrants) for (const key of r.masked) unfilterable.add(key);
  const updateGrants: UpdateGrant[] = grants
    .filter((g) => g.actions.includes('update') && g.actions.includes('read') && (!tokenActions || (tokenActions.has('update') && tokenActions.has('read'))))
    .map((g) => ({ scope: g.scope, editable: addEditable(new Set(), g.fields ?? { visible: '*', editable: '*' }) }));
  const editableKey = (u: UpdateGrant) => (u.editable === 'all' ? '*' : JSON.stringify([...u.editable].sort()));
  const uniformEditable = updateGrants.every((u) => editableKey(u) === editableKey(updateGrants[0]));
  return { all: false, actions, scopes, visible, editable, masked, unfilterable, readGrants, uniformFields, updateGrants, uniformEditable };
}

/**
 * A grant's editable fields joined to those of earlier grants. Editable is a subset of the grant's own
 * visible fields (API.md): `"*"` means every field this grant shows, never fields only another role shows.
 */
function addEditable(editable: Set<string> | 'all', f: { visible: string[] | '*'; editable: string[] | '*' }): Set<string> | 'all' {
  if (editable === 'all') return editable;
  if (f.visible === '*') return f.editable === '*' ? 'all' : new Set([...editable, ...f.editable]);
  const shown = new Set(f.visible);
  const keys = f.editable === '*' ? f.visible : f.editable.filter((k) => shown.has(k));
  return new Set([...editable, ...keys]);
}

/** Whether `key` may appear in a filter or sort: every read grant shows it unmasked. */
export function isFilterable(access: FormAccess, key: string): boolean {
  if (access.all) return true;
  if (access.unfilterable.has(key)) return false;
  return access.readGrants.every((r) => (r.visible === 'all' || r.visible.has(key)) && !r.masked.has(key));
}

/** Field rules for one record: the read grants whose scope includes it decide (API.md "Several roles"). */
export function fieldRulesFor(access: FormAccess, inScope: boolean[] | null): { visible: (key: string) => boolean; masked: (key: string) => boolean } {
  if (access.all) return { visible: () => true, masked: () => false };
  if (!inScope || access.uniformFields) return { visible: (k) => canSee(access, k), masked: (k) => access.masked.has(k) };
  const active = access.readGrants.filter((_g, i) => inScope[i]);
  return {
    visible: (k) => active.some((g) => g.visible === 'all' || g.visible.has(k)),
    masked: (k) => {
      const showing = active.filter((g) => g.visible === 'all' || g.visible.has(k));
      return showing.length > 0 && showing.every((g) => g.masked.has(k));
    },
  };
}

export const canSee = (access: FormAccess, key: string) => access.visible === 'all' || access.visible.has(key);
export const canEdit = (access: FormAccess, key: string) => access.editable === 'all' || access.editable.has(key);

/**
 * The fields of `keys` no update grant whose scope holds the record makes editable (`inScope[i]`: the
 * record lies in updateGrants[i]'s scope). Roles give the union per record: a field one role may edit
 * on its own records only stays read-only on the records another role lets the user update.
 */
export function notEditableHere(access: FormAccess, inScope: boolean[], keys: string[]): string[] {
  if (access.all || access.uniformEditable) return keys.filter((key) => !canEdit(access, key));
  const here = access.updateGrants.filter((_g, i) => inScope[i]);
  return keys.filter((key) => !here.some((g) => g.editable === 'all' || g.editable.has(key)));
}

/** The form as a user may see it: hidden fields removed. */
export function redactFormDefinition<T extends FormDefinition>(form: T, access: FormAccess): T {
  if (access.visible === 'all') return form;
  return { ...form, fields: form.fields.filter((f) => canSee(access, f.key) || !f.type || ['divider', 'description', 'tabs'].includes(f.type)) };
}

/** Masks of API.md: phone 138****5678, email z***@example.com, idNumber 6+8 stars+4, other text first char + ***. */
export function maskValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const s = String(value);
  switch (type) {
    case 'phone':
      return s.length >= 7 ? `${s.slice(0, 3)}****${s.slice(-4)}` : '****';
    case 'email': {
      const at = s.indexOf('@');
      return at > 0 ? `${s[0]}***${s.slice(at)}` : '***';
    }
    case 'idNumber':
      return s.length >= 10 ? `${s.slice(0, 6)}********${s.slice(-4)}` : '********';
    default:
      return typeof value === 'number' ? '***' : `${[...s][0] ?? ''}***`;
  }
}

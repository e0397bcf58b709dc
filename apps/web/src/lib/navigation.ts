import type { LocalizedText, NavigationItem } from '@platform/schema';

export type NavForm = { key: string; name: LocalizedText };

/** A resolved menu entry: a group of entries or a link to a form's records. */
export type NavEntry =
  | { kind: 'group'; id: string; label: LocalizedText; children: NavEntry[]; icon?: string }
  | { kind: 'form'; id: string; formKey: string; label: LocalizedText; /** Set for a navigation item that opens a saved view. */ viewKey?: string; icon?: string };

/**
 * The app's navigation as menu entries. Forms the user cannot see (absent from the forms list) are
 * dropped, and so are groups left empty; without any navigation every form is listed. A view item opens
 * its form's list on that view (`?view=`).
 */
export function buildNavEntries(navigation: readonly NavigationItem[] | undefined, forms: readonly NavForm[]): NavEntry[] {
  const byKey = new Map(forms.map((form) => [form.key, form]));
  if (!navigation || navigation.length === 0) {
    return forms.map((form) => ({ kind: 'form', id: `form:${form.key}`, formKey: form.key, label: form.name }));
  }
  const seen = new Set<string>();
  const walk = (items: readonly NavigationItem[], path: string): NavEntry[] => {
    const entries: NavEntry[] = [];
    items.forEach((item, index) => {
      if (item.type === 'group') {
        const children = walk(item.children ?? [], `${path}${index}.`);
        if (children.length > 0) entries.push({ kind: 'group', id: `group:${path}${index}`, label: item.label, children, ...(item.icon ? { icon: item.icon } : {}) });
        return;
      }
      const form = byKey.get(item.formKey);
      if (!form) return;
      const id = item.type === 'view' ? `view:${item.formKey}:${item.viewKey}` : `form:${item.formKey}`;
      if (seen.has(id)) return;
      seen.add(id);
      entries.push({ kind: 'form', id, formKey: item.formKey, label: form.name, ...(item.type === 'view' ? { viewKey: item.viewKey } : {}), ...(item.icon ? { icon: item.icon } : {}) });
    });
    return entries;
  };
  return walk(navigation, '');
}

export function firstFormKey(navigation: readonly NavigationItem[] | undefined, forms: readonly NavForm[]): string | undefined {
  const find = (entries: NavEntry[]): string | undefined => {
    for (const entry of entries) {
      const key = entry.kind === 'form' ? entry.formKey : find(entry.children);
      if (key) return key;
    }
    return undefined;
  };
  return find(buildNavEntries(navigation, forms));
}

/** Ids of the groups that contain a form, so the menu opens them. */
export function groupIdsOf(entries: readonly NavEntry[], formKey: string | undefined): string[] {
  if (!formKey) return [];
  for (const entry of entries) {
    if (entry.kind !== 'group') continue;
    const contains = (list: NavEntry[]): boolean =>
      list.some((child) => (child.kind === 'form' ? child.formKey === formKey : contains(child.children)));
    if (contains(entry.children)) return [entry.id, ...groupIdsOf(entry.children, formKey)];
  }
  return [];
}

/** Ids of every group, nested ones included. */
export function allGroupIds(entries: readonly NavEntry[]): string[] {
  return entries.flatMap((entry) => (entry.kind === 'group' ? [entry.id, ...allGroupIds(entry.children)] : []));
}

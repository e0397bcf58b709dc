import type { LocalizedText, NavigationItem } from '@platform/schema';

/**
 * The app builder's navigation editing: plain functions over the app's navigation items, each returning a
 * new list (the old one is never changed). An item is addressed by its path of indexes: [2] the third
 * top-level item, [2, 0] the first item of that group. Groups sit at the top level only, one level deep,
 * as in the products our admins know; a form or view appears at most once.
 */
export type NavPath = readonly number[];

type Group = Extract<NavigationItem, { type: 'group' }>;

const isGroup = (item: NavigationItem | undefined): item is Group => item?.type === 'group';

/** What the builder starts from: the saved navigation, or, when there is none, every form in order. */
export function startingNavigation(navigation: readonly NavigationItem[] | undefined, formKeys: readonly string[]): NavigationItem[] {
  if (navigation && navigation.length > 0) return navigation.map((item) => (isGroup(item) ? { ...item, children: [...(item.children ?? [])] } : { ...item }));
  return formKeys.map((formKey) => ({ type: 'form', formKey }));
}

export function itemAt(navigation: readonly NavigationItem[], path: NavPath): NavigationItem | undefined {
  const [first, second] = path;
  const top = navigation[first];
  if (path.length === 1) return top;
  return isGroup(top) ? top.children?.[second] : undefined;
}

/** The list holding the item at `path` and the item's index in it (a copy of the navigation to change). */
function siblingsOf(navigation: NavigationItem[], path: NavPath): { list: NavigationItem[]; index: number } | null {
  if (path.length === 1) return { list: navigation, index: path[0] };
  const group = navigation[path[0]];
  if (!isGroup(group)) return null;
  const children = [...(group.children ?? [])];
  navigation[path[0]] = { ...group, children };
  return { list: children, index: path[1] };
}

const copy = (navigation: readonly NavigationItem[]) => [...navigation];

export function removeAt(navigation: readonly NavigationItem[], path: NavPath): NavigationItem[] {
  const next = copy(navigation);
  const at = siblingsOf(next, path);
  if (!at || at.index < 0 || at.index >= at.list.length) return [...navigation];
  at.list.splice(at.index, 1);
  return next;
}

/**
 * Inserts an item into the top level (`group` null) or a group (its top-level index), at `index` (the end
 * when past it). A group goes to the top level only; an item naming a form or view already placed is
 * refused (the list comes back unchanged).
 */
export function insertAt(navigation: readonly NavigationItem[], group: number | null, index: number, item: NavigationItem): NavigationItem[] {
  if (!isGroup(item) && isPlaced(navigation, item)) return [...navigation];
  const next = copy(navigation);
  if (group === null) {
    next.splice(Math.max(0, Math.min(index, next.length)), 0, item);
    return next;
  }
  const target = next[group];
  if (!isGroup(target) || isGroup(item)) return [...navigation];
  const children = [...(target.children ?? [])];
  children.splice(Math.max(0, Math.min(index, children.length)), 0, item);
  next[group] = { ...target, children };
  return next;
}

/**
 * Moves the item at `from` to position `index` of the top level (`group` null) or of a group, as a drop
 * does: `index` counts the destination's items before the move. Refused (unchanged) when a group would go
 * into a group.
 */
export function moveItem(navigation: readonly NavigationItem[], from: NavPath, group: number | null, index: number): NavigationItem[] {
  const item = itemAt(navigation, from);
  if (!item) return [...navigation];
  if (isGroup(item) && group !== null) return [...navigation];
  let targetGroup = group;
  let targetIndex = index;
  const sameList = (from.length === 1 && group === null) || (from.length === 2 && group === from[0]);
  // Removing the item first shifts what follows it in the same list, and the groups after it.
  if (sameList && from[from.length - 1] < index) targetIndex -= 1;
  if (from.length === 1 && group !== null && from[0] < group) targetGroup = group - 1;
  // Once removed, the item is no longer placed, so insertAt takes it.
  return insertAt(removeAt(navigation, from), targetGroup, targetIndex, item);
}

export function moveUp(navigation: readonly NavigationItem[], path: NavPath): NavigationItem[] {
  const index = path[path.length - 1];
  if (index === 0) return [...navigation];
  return moveItem(navigation, path, path.length === 2 ? path[0] : null, index - 1);
}

export function moveDown(navigation: readonly NavigationItem[], path: NavPath): NavigationItem[] {
  const index = path[path.length - 1];
  const parentLength = path.length === 2 ? ((navigation[path[0]] as Group).children ?? []).length : navigation.length;
  if (index >= parentLength - 1) return [...navigation];
  return moveItem(navigation, path, path.length === 2 ? path[0] : null, index + 2);
}

/** Puts a top-level form or view at the end of the group just above it (keyboard alternative to dragging in). */
export function indent(navigation: readonly NavigationItem[], path: NavPath): NavigationItem[] {
  if (path.length !== 1 || path[0] === 0) return [...navigation];
  const above = navigation[path[0] - 1];
  if (!isGroup(above) || isGroup(navigation[path[0]])) return [...navigation];
  return moveItem(navigation, path, path[0] - 1, (above.children ?? []).length);
}

/** Takes an item out of its group, placing it just after the group. */
export function outdent(navigation: readonly NavigationItem[], path: NavPath): NavigationItem[] {
  if (path.length !== 2) return [...navigation];
  return moveItem(navigation, path, null, path[0] + 1);
}

export function addGroup(navigation: readonly NavigationItem[], label: LocalizedText): NavigationItem[] {
  return [...navigation, { type: 'group', label, children: [] }];
}

/** Changes a group's label, or any item's icon (`undefined` removes it). */
export function updateAt(navigation: readonly NavigationItem[], path: NavPath, patch: { label?: LocalizedText; icon?: string | undefined }): NavigationItem[] {
  const next = copy(navigation);
  const at = siblingsOf(next, path);
  const item = at?.list[at.index];
  if (!at || !item) return [...navigation];
  const changed = { ...item } as NavigationItem & { icon?: string; label?: LocalizedText };
  if ('icon' in patch) {
    if (patch.icon) changed.icon = patch.icon;
    else delete changed.icon;
  }
  if (patch.label !== undefined && isGroup(changed)) changed.label = patch.label;
  at.list[at.index] = changed;
  return next;
}

/** Removes a group and keeps what it held, in its place. */
export function ungroup(navigation: readonly NavigationItem[], index: number): NavigationItem[] {
  const group = navigation[index];
  if (!isGroup(group)) return [...navigation];
  const next = copy(navigation);
  next.splice(index, 1, ...(group.children ?? []));
  return next;
}

const itemId = (item: NavigationItem) => (item.type === 'form' ? `form:${item.formKey}` : item.type === 'view' ? `view:${item.formKey}:${item.viewKey}` : null);

function isPlaced(navigation: readonly NavigationItem[], item: NavigationItem): boolean {
  const id = itemId(item);
  return placedIds(navigation).has(id ?? '');
}

function placedIds(navigation: readonly NavigationItem[]): Set<string> {
  const ids = new Set<string>();
  const walk = (items: readonly NavigationItem[]) => items.forEach((item) => {
    if (isGroup(item)) walk(item.children ?? []);
    else ids.add(itemId(item)!);
  });
  walk(navigation);
  return ids;
}

/** Forms the navigation does not list (their users could not reach them from the menu). */
export function unplacedForms(navigation: readonly NavigationItem[], formKeys: readonly string[]): string[] {
  const placed = placedIds(navigation);
  return formKeys.filter((key) => !placed.has(`form:${key}`));
}

/** Drops items naming forms that no longer exist (deleted since the navigation was saved). */
export function withoutMissingForms(navigation: readonly NavigationItem[], formKeys: readonly string[]): NavigationItem[] {
  const known = new Set(formKeys);
  return navigation.flatMap((item): NavigationItem[] => {
    if (isGroup(item)) return [{ ...item, children: (item.children ?? []).filter((child) => isGroup(child) || known.has(child.formKey)) }];
    return known.has(item.formKey) ? [item] : [];
  });
}

/** Empty group labels, which the app document refuses: paths of the groups to fix before saving. */
export function unnamedGroups(navigation: readonly NavigationItem[]): number[] {
  return navigation.flatMap((item, index) => {
    if (!isGroup(item)) return [];
    const texts = typeof item.label === 'string' ? [item.label] : Object.values(item.label ?? {});
    return texts.some((text) => typeof text === 'string' && text.trim()) ? [] : [index];
  });
}

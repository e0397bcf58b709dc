import { describe, expect, it } from 'vitest';
import type { NavigationItem } from '@platform/schema';
import {
  addGroup, indent, insertAt, itemAt, moveDown, moveItem, moveUp, outdent, removeAt, startingNavigation, ungroup, unnamedGroups,
  unplacedForms, updateAt, withoutMissingForms,
} from './navigation-edit';

const form = (formKey: string): NavigationItem => ({ type: 'form', formKey });
const group = (label: string, ...children: NavigationItem[]): NavigationItem => ({ type: 'group', label, children });
const keys = (items: NavigationItem[]): unknown[] =>
  items.map((item) => (item.type === 'group' ? { [String(item.label)]: keys(item.children) } : item.formKey));

describe('navigation editing', () => {
  const nav: NavigationItem[] = [form('a'), group('G', form('b'), form('c')), form('d')];

  it('starts from every form when the app has no navigation, and copies a saved one', () => {
    expect(startingNavigation([], ['x', 'y'])).toEqual([form('x'), form('y')]);
    const started = startingNavigation(nav, ['a']);
    expect(started).toEqual(nav);
    expect(started[1]).not.toBe(nav[1]);
  });

  it('finds items by path', () => {
    expect(itemAt(nav, [1, 1])).toEqual(form('c'));
    expect(itemAt(nav, [0, 1])).toBeUndefined();
    expect(itemAt(nav, [5])).toBeUndefined();
  });

  it('moves items within a list, into and out of groups, without changing the original', () => {
    const frozen = JSON.stringify(nav);
    expect(keys(moveItem(nav, [0], null, 3))).toEqual([{ G: ['b', 'c'] }, 'd', 'a']);
    expect(keys(moveItem(nav, [2], null, 0))).toEqual(['d', 'a', { G: ['b', 'c'] }]);
    expect(keys(moveItem(nav, [0], 1, 1))).toEqual([{ G: ['b', 'a', 'c'] }, 'd']);
    expect(keys(moveItem(nav, [1, 0], null, 0))).toEqual(['b', 'a', { G: ['c'] }, 'd']);
    expect(keys(moveItem(nav, [1, 0], 1, 2))).toEqual(['a', { G: ['c', 'b'] }, 'd']);
    expect(keys(moveItem(nav, [2], 1, 0))).toEqual(['a', { G: ['d', 'b', 'c'] }]);
    expect(JSON.stringify(nav)).toBe(frozen);
  });

  it('refuses a group inside a group and a form placed twice', () => {
    const two = [...nav, group('H')];
    expect(moveItem(two, [1], 3, 0)).toEqual(two);
    expect(insertAt(nav, null, 0, form('c'))).toEqual(nav);
    expect(keys(insertAt(nav, 1, 0, form('z')))).toEqual(['a', { G: ['z', 'b', 'c'] }, 'd']);
    expect(insertAt(nav, 0, 0, form('z'))).toEqual(nav);
  });

  it('offers keyboard moves: up, down, into the group above and out of a group', () => {
    expect(keys(moveUp(nav, [2]))).toEqual(['a', 'd', { G: ['b', 'c'] }]);
    expect(keys(moveDown(nav, [1, 0]))).toEqual(['a', { G: ['c', 'b'] }, 'd']);
    expect(moveDown(nav, [2])).toEqual(nav);
    expect(moveUp(nav, [0])).toEqual(nav);
    expect(keys(indent(nav, [2]))).toEqual(['a', { G: ['b', 'c', 'd'] }]);
    expect(indent(nav, [0])).toEqual(nav);
    expect(keys(outdent(nav, [1, 0]))).toEqual(['a', { G: ['c'] }, 'b', 'd']);
  });

  it('adds, renames, ungroups and removes', () => {
    const added = addGroup(nav, { 'zh-CN': '新分组' });
    expect(added[3]).toEqual({ type: 'group', label: { 'zh-CN': '新分组' }, children: [] });
    expect(updateAt(nav, [1], { label: 'Renamed', icon: '📁' })[1]).toMatchObject({ label: 'Renamed', icon: '📁' });
    expect(updateAt(updateAt(nav, [1, 0], { icon: '⭐' }), [1, 0], { icon: undefined })).toEqual(nav);
    expect(keys(ungroup(nav, 1))).toEqual(['a', 'b', 'c', 'd']);
    expect(keys(removeAt(nav, [1, 1]))).toEqual(['a', { G: ['b'] }, 'd']);
  });

  it('lists forms missing from the menu, drops deleted ones and finds unnamed groups', () => {
    expect(unplacedForms(nav, ['a', 'b', 'e'])).toEqual(['e']);
    expect(keys(withoutMissingForms(nav, ['a', 'c']))).toEqual(['a', { G: ['c'] }]);
    expect(unnamedGroups([group(' '), group('ok'), { type: 'group', label: { 'zh-CN': '', 'en-US': 'x' }, children: [] }])).toEqual([0]);
  });
});

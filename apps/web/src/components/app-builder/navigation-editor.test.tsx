import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import type { NavigationItem } from '@platform/schema';
import { changeLocale } from '../../i18n';
import { NavigationEditor } from './navigation-editor';

const forms = [
  { key: 'visit', name: { 'zh-CN': '访客登记', 'en-US': 'Visits' } },
  { key: 'host', name: { 'zh-CN': '被访人', 'en-US': 'Hosts' } },
  { key: 'badge', name: { 'zh-CN': '访客证', 'en-US': 'Badges' }, draft: true },
];
const navigation: NavigationItem[] = [
  { type: 'group', label: { 'zh-CN': '前台', 'en-US': 'Front desk' }, children: [{ type: 'form', formKey: 'visit' }] },
  { type: 'form', formKey: 'host' },
];

function setup(nav = navigation) {
  const onChange = vi.fn();
  render(<NavigationEditor navigation={nav} forms={forms} onChange={onChange} />);
  return onChange;
}

describe('NavigationEditor', () => {
  it('shows groups, their forms, drafts, and the forms left out of the menu', async () => {
    await changeLocale('zh-CN');
    setup();
    expect(screen.getByTestId('nav-item-group-0').textContent).not.toContain('访客登记');
    expect((screen.getByTestId('nav-group-name-0') as HTMLInputElement).value).toBe('前台');
    expect(screen.getByTestId('nav-item-form-visit').textContent).toContain('访客登记');
    expect(screen.getByTestId('nav-unplaced-badge').textContent).toContain('访客证');
    expect(screen.getAllByRole('treeitem').map((node) => `${node.getAttribute('aria-level')}:${node.getAttribute('aria-label')}`))
      .toEqual(['1:前台', '2:访客登记', '1:被访人']);
  });

  it('moves items with the row buttons, for keyboard use', async () => {
    await changeLocale('en-US');
    const onChange = setup();
    const hostRow = screen.getByTestId('nav-item-form-host');
    fireEvent.click(hostRow.querySelector('button[aria-label="Move up"]')!);
    expect(onChange).toHaveBeenLastCalledWith([navigation[1], navigation[0]]);
    fireEvent.click(screen.getByTestId('nav-indent-form-host'));
    expect(onChange).toHaveBeenLastCalledWith([{ ...navigation[0], children: [{ type: 'form', formKey: 'visit' }, { type: 'form', formKey: 'host' }] }]);
    fireEvent.click(screen.getByTestId('nav-item-form-visit').querySelector('button[aria-label="Out of the group"]')!);
    expect(onChange).toHaveBeenLastCalledWith([{ ...navigation[0], children: [] }, { type: 'form', formKey: 'visit' }, navigation[1]]);
  });

  it('adds a left-out form, a group, renames a group and ungroups', async () => {
    await changeLocale('en-US');
    const onChange = setup();
    fireEvent.click(screen.getByTestId('nav-add-badge'));
    expect(onChange).toHaveBeenLastCalledWith([...navigation, { type: 'form', formKey: 'badge' }]);
    fireEvent.click(screen.getByTestId('nav-add-group'));
    expect(onChange).toHaveBeenLastCalledWith([...navigation, { type: 'group', label: { 'en-US': 'New group' }, children: [] }]);
    fireEvent.change(screen.getByTestId('nav-group-name-0'), { target: { value: 'Reception' } });
    expect(onChange.mock.lastCall![0][0].label).toEqual({ 'zh-CN': '前台', 'en-US': 'Reception' });
    fireEvent.click(screen.getByTestId('nav-remove-group-0'));
    expect(onChange).toHaveBeenLastCalledWith([{ type: 'form', formKey: 'visit' }, navigation[1]]);
  });
});

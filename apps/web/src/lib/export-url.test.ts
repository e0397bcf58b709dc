import { describe, expect, it } from 'vitest';
import zhCN from '../locales/zh-CN.json';
import enUS from '../locales/en-US.json';
import { recordsExportUrl } from './export-url';
import { GRANT_ACTION_LIST, SCOPE_TYPES } from './grants';
import { AUDIT_ACTIONS } from './audit-diff';

describe('records export link', () => {
  it('carries the format and the current filter as JSON', () => {
    const url = new URL(recordsExportUrl('crm', 'lead', 'xlsx', { '==': [{ var: 'stage' }, 'new'] }), 'http://x');
    expect(url.pathname).toBe('/api/apps/crm/forms/lead/records/export');
    expect(url.searchParams.get('format')).toBe('xlsx');
    expect(JSON.parse(url.searchParams.get('filter') ?? '')).toEqual({ '==': [{ var: 'stage' }, 'new'] });
  });

  it('leaves the filter out when the list is not filtered', () => {
    expect(recordsExportUrl('crm', 'lead', 'csv', undefined)).toBe('/api/apps/crm/forms/lead/records/export?format=csv');
  });
});

describe('administration labels', () => {
  const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
  it('exist in both languages for every action, scope and audit action the UI looks up by key', () => {
    const keys = [
      ...GRANT_ACTION_LIST.map((action) => `admin.grants.action.${action}`),
      ...SCOPE_TYPES.map((type) => `admin.grants.scopeType.${type}`),
      ...AUDIT_ACTIONS.map((action) => `audit.action.${action}`),
      ...['record', 'form', 'app', 'role', 'user', 'auth'].map((type) => `audit.target.${type}`),
    ];
    expect(keys.filter((key) => typeof lookup(zhCN, key) !== 'string' || typeof lookup(enUS, key) !== 'string')).toEqual([]);
  });
});

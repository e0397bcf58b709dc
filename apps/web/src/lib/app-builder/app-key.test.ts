import { describe, expect, it } from 'vitest';
import { APP_KEY_PATTERN, suggestAppKey } from './app-key';

describe('suggestAppKey', () => {
  it('makes a key from a Latin name and avoids taken ones', () => {
    expect(suggestAppKey('Visitor log', new Set())).toBe('visitor_log');
    expect(suggestAppKey('Visitor log', new Set(['visitor_log']))).toBe('visitor_log_1');
    expect(suggestAppKey('2024 Café!', new Set())).toBe('cafe');
  });
  it('falls back to app_<n> for names without Latin letters', () => {
    expect(suggestAppKey('访客登记', new Set(['app_1']))).toBe('app_2');
  });
  it('always answers a valid key', () => {
    for (const name of ['', '___', 'A'.repeat(90), 'Ünïcödé näme', '客户 CRM']) expect(suggestAppKey(name, new Set())).toMatch(APP_KEY_PATTERN);
  });
});

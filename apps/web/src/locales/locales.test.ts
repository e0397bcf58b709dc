import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN.json';
import enUS from './en-US.json';
import { KNOWN_ERROR_CODES, KNOWN_ISSUE_CODES } from '../lib/api-errors';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  );
}

/** Plural forms differ by language (zh has only _other): compare their base keys. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const zhKeys = new Set(flatten(zhCN as Tree).map(base));
const enKeys = new Set(flatten(enUS as Tree).map(base));

describe('locale files', () => {
  it('have the same keys in zh-CN and en-US', () => {
    expect([...zhKeys].filter((key) => !enKeys.has(key))).toEqual([]);
    expect([...enKeys].filter((key) => !zhKeys.has(key))).toEqual([]);
  });

  it('hold every literal key the components use', () => {
    const srcDir = join(__dirname, '..');
    const used = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !zhKeys.has(key))).toEqual([]);
  });

  it('hold every error and issue code, operator and language the app looks up', () => {
    const dynamic = [
      ...KNOWN_ERROR_CODES.map((code) => `errors.${code}`),
      ...KNOWN_ISSUE_CODES.map((code) => `issues.${code}`),
      ...['==', '!=', '>', '>=', '<', '<=', 'between', 'in', 'contains', 'startsWith', 'endsWith', 'containsAny', 'containsAll', 'isEmpty', 'isNotEmpty'].map((op) => `operator.${op}`),
      'language.zh-CN', 'language.en-US', 'errors.UNKNOWN',
    ];
    expect(dynamic.filter((key) => !zhKeys.has(key) || !enKeys.has(key))).toEqual([]);
  });
});

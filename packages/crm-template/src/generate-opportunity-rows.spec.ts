import type { AppPackage } from '@platform/schema';
import { buildCrmPackage } from './build-crm-package';
import { findCrmPackageIssues } from './find-crm-package-issues';
import { generateOpportunityRows } from './generate-opportunity-rows';
import { STAGE_PROBABILITY } from './crm-choices';

const OWNERS = ['u-1', 'u-2', 'u-3'];
const BASE = '2026-11-01';
const rows = generateOpportunityRows(1000, 7, OWNERS);
const pkg = buildCrmPackage({ withDemo: false });
const opportunity = pkg.forms.find((f) => f.key === 'opportunity')!;
const dataOf = (row: Record<string, unknown>) => {
  const { ownerId: _ownerId, ...data } = row;
  return data;
};

describe('generateOpportunityRows', () => {
  it('fills exactly the 12 plain fields of the opportunity form (not its links), plus the owner', () => {
    const keys = opportunity.fields.filter((f) => f.type !== 'relation' && f.type !== 'lookup').map((f) => f.key);
    expect(keys).toHaveLength(12);
    for (const row of rows) {
      expect(Object.keys(dataOf(row))).toEqual(keys);
      expect(OWNERS).toContain(row.ownerId);
    }
    expect(new Set(rows.map((r) => r.ownerId))).toEqual(new Set(OWNERS));
  });

  it('gives values valid for the form: options, types, required fields and stage gates', () => {
    const asDemo: AppPackage = { ...pkg, demo: { records: [{ formKey: 'opportunity', rows: rows.map((r) => ({ data: dataOf(r) })) }] } };
    expect(findCrmPackageIssues(asDemo)).toEqual([]);
  });

  it('spreads rows over every stage with the stage probability and a plausible close date', () => {
    const stages = new Map<string, number>();
    for (const row of rows) {
      const stage = row.stage as keyof typeof STAGE_PROBABILITY;
      stages.set(stage, (stages.get(stage) ?? 0) + 1);
      expect(row.probability).toBe(STAGE_PROBABILITY[stage]);
      expect(row.loss_reason !== null).toBe(stage === 'lost');
      const closed = stage === 'won' || stage === 'lost';
      expect((row.expected_close as string) < BASE).toBe(closed);
    }
    expect([...stages.keys()].sort()).toEqual(['lost', 'negotiation', 'proposal', 'qualify', 'won']);
    for (const count of stages.values()) expect(count).toBeGreaterThan(50);
  });

  it('is deterministic, seed-dependent and independent of the row count', () => {
    expect(generateOpportunityRows(1000, 7, OWNERS)).toEqual(rows);
    expect(generateOpportunityRows(100, 7, OWNERS)).toEqual(rows.slice(0, 100));
    expect(generateOpportunityRows(100, 8, OWNERS)).not.toEqual(rows.slice(0, 100));
  });

  it('leaves the owner out without owner ids and handles empty counts', () => {
    expect(generateOpportunityRows(5, 1, []).every((row) => !('ownerId' in row))).toBe(true);
    expect(generateOpportunityRows(0, 1, OWNERS)).toEqual([]);
    expect(generateOpportunityRows(-3, 1, OWNERS)).toEqual([]);
  });

  it('dates rows relative to the base date given', () => {
    const later = generateOpportunityRows(200, 7, OWNERS, '2030-01-01');
    expect(later.map((r) => r.stage)).toEqual(rows.slice(0, 200).map((r) => r.stage));
    for (const row of later) expect((row.expected_close as string) < '2030-01-01').toBe(row.stage === 'won' || row.stage === 'lost');
    expect(() => generateOpportunityRows(1, 1, OWNERS, 'tomorrow')).toThrow(RangeError);
  });
});

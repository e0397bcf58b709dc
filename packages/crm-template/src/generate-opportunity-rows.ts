import { CRM_CHOICES, STAGE_PROBABILITY } from './crm-choices';
import { createRandom } from './create-random';
import { DEFAULT_BASE_DATE } from './default-base-date';
import { DEMO_VOCABULARY as V } from './demo/demo-vocabulary';
import { createDemoClockOrThrow } from './demo-clock';

/** Share of each stage in the benchmark funnel (cumulative thresholds, in stage order). */
const STAGE_THRESHOLDS: readonly (readonly [number, keyof typeof STAGE_PROBABILITY])[] = [
  [0.3, 'qualify'],
  [0.5, 'proposal'],
  [0.65, 'negotiation'],
  [0.85, 'won'],
  [1, 'lost'],
];
/** Expected close, in days from the base date, per stage: [earliest, latest]. */
const CLOSE_WINDOW: Record<keyof typeof STAGE_PROBABILITY, readonly [number, number]> = {
  qualify: [30, 180],
  proposal: [15, 120],
  negotiation: [0, 60],
  won: [-365, -1],
  lost: [-365, -1],
};
const WON_NEXT_STEP = '签约完成，转交实施团队并跟进回款';
const BUDGET_FACTORS = [0.9, 1, 1.1, 1.2, 1.5] as const;

/**
 * The benchmark dataset (PERFORMANCE.md): `count` data objects of the opportunity form, holding its
 * 12 fields (name, customer_name, amount, stage, probability, expected_close, budget, decision_maker,
 * loss_reason, source, region, next_step; empty ones are `null`), valid for the form's options, stage
 * gates and rules. When `ownerIds` is not empty each row also carries `ownerId` (the record-owner
 * system field, not a data key: strip it before POSTing `data`), drawn from `ownerIds`.
 * Deterministic for (count, seed, ownerIds, baseDate); a row's values do not depend on `count`, so
 * 100k rows are the first 100k of 1M. All strings come from small precomputed tables: a row costs its
 * object, at most two string concatenations and a dozen PRNG draws, so 1M rows take a few seconds.
 * Throws a RangeError when baseDate is not "YYYY-MM-DD".
 */
export function generateOpportunityRows(
  count: number,
  seed: number,
  ownerIds: string[],
  baseDate: string = DEFAULT_BASE_DATE,
): Record<string, unknown>[] {
  const clock = createDemoClockOrThrow(baseDate);
  const random = createRandom(seed);
  const next = random.next;

  // Lookup tables, built once per call.
  const regionOf = new Map<string, string>(V.cities.map(([city, , region]) => [city, region]));
  const customers: string[] = [];
  const shortNames: string[] = [];
  const regions: string[] = [];
  for (const [city] of V.cities) {
    for (const [brand] of V.brands) {
      for (const [trade] of V.trades) {
        customers.push(`${city}${brand}${trade}${customers.length % 4 === 0 ? '股份有限公司' : '有限公司'}`);
        shortNames.push(`${brand}${trade}`);
        regions.push(regionOf.get(city) as string);
      }
    }
  }
  const people = V.surnames.flatMap(([surname]) => V.givenNames.map(([given]) => `${surname}${given}`));
  const projects = V.projects;
  const nextSteps = V.nextSteps;
  const sources = CRM_CHOICES.leadSource.map((choice) => choice.key);
  const lossReasons = CRM_CHOICES.lossReason.map((choice) => choice.key);
  const DATE_FROM = -400;
  const dates: string[] = [];
  for (let day = DATE_FROM; day <= 200; day += 1) dates.push(clock.date(day));
  const owners = ownerIds.slice();
  const withOwner = owners.length > 0;

  const total = Math.max(0, Math.floor(count));
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < total; i += 1) {
    const c = (next() * customers.length) | 0;
    const roll = next();
    let s = 0;
    while (roll >= (STAGE_THRESHOLDS[s] as readonly [number, string])[0]) s += 1;
    const stage = (STAGE_THRESHOLDS[s] as readonly [number, keyof typeof STAGE_PROBABILITY])[1];
    const [earliest, latest] = CLOSE_WINDOW[stage];
    const amount = (10 + ((next() * 2991) | 0)) * 1000;
    const known = stage !== 'qualify' || next() < 0.5;
    const row: Record<string, unknown> = {
      name: shortNames[c] + projects[(next() * projects.length) | 0],
      customer_name: customers[c],
      amount,
      stage,
      probability: STAGE_PROBABILITY[stage],
      expected_close: dates[earliest + ((next() * (latest - earliest + 1)) | 0) - DATE_FROM],
      // The proposal gate asks for budget and decision maker: only early deals lack them.
      budget: known ? Math.round((amount * (BUDGET_FACTORS[(next() * BUDGET_FACTORS.length) | 0] as number)) / 1000) * 1000 : null,
      decision_maker: known ? people[(next() * people.length) | 0] : null,
      loss_reason: stage === 'lost' ? lossReasons[(next() * lossReasons.length) | 0] : null,
      source: sources[(next() * sources.length) | 0],
      region: regions[c],
      next_step: stage === 'lost' ? null : stage === 'won' ? WON_NEXT_STEP : nextSteps[(next() * nextSteps.length) | 0],
    };
    if (withOwner) row.ownerId = owners[(next() * owners.length) | 0];
    rows.push(row);
  }
  return rows;
}

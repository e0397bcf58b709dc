#!/usr/bin/env node
// P9 (PERFORMANCE.md): evaluations per second of a 4-clause condition, compiled by @platform/condition,
// against json-logic-js `apply` on the same rule and records, in the same process and run.
// Run after `npm run build`: node scripts/bench/p9-condition.mjs
import { createRequire } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);
const { parseCondition, compileCondition } = require('../../packages/condition/dist/index.js');
const jsonLogic = require('json-logic-js');

const condition = {
  and: [
    { '>': [{ var: 'amount' }, 100000] },
    { in: [{ var: 'stage' }, ['proposal', 'negotiation']] },
    { '>=': [{ var: 'probability' }, 50] },
    { '!=': [{ var: 'region' }, 'north'] },
  ],
};
const kinds = { amount: 'number', stage: 'text', probability: 'number', region: 'text' };
const parsed = parseCondition(condition, (path) => (kinds[path] ? { kind: kinds[path], sql: path } : undefined));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const ours = compileCondition(parsed.condition);
const ctx = { now: new Date(), timeZone: 'Asia/Shanghai' };
const stages = ['qualify', 'proposal', 'negotiation', 'won', 'lost'];
const regions = ['east', 'south', 'north', 'west'];
const records = Array.from({ length: 1024 }, (_, i) => ({
  amount: (i * 7919) % 500000, stage: stages[i % 5], probability: (i * 13) % 100, region: regions[i % 4],
}));
// Both must agree before we time them.
for (const r of records) if (ours(r, ctx) !== jsonLogic.apply(condition, r)) throw new Error(`disagree on ${JSON.stringify(r)}`);

function rate(fn, ms) {
  let n = 0;
  let sink = 0;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    for (let i = 0; i < 1024; i++) sink += fn(records[i]) ? 1 : 0;
    n += 1024;
  }
  if (sink < 0) console.log(sink);
  return n / (ms / 1000);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
rate((r) => ours(r, ctx), 500); // warm-up
rate((r) => jsonLogic.apply(condition, r), 500);
const base = rate((r) => jsonLogic.apply(condition, r), seconds * 1000);
const mine = rate((r) => ours(r, ctx), seconds * 1000);
const fmt = (x) => Math.round(x).toLocaleString('en-US');
console.log(`P9 condition evaluation (4 clauses), ${os.cpus().length} cores, node ${process.version}`);
console.log(`| P9 | condition evaluation (4 clauses) | json-logic-js ${fmt(base)} evals/s | ${fmt(mine)} evals/s | ${(mine / base).toFixed(1)}x | >= 10x json-logic-js | ${mine / base >= 10 ? 'yes' : 'NO'} |`);

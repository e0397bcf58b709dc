// The results table (console and docs/benchmarks.md).
import { fmtInt, fmtMs, fmtRatio, fmtSeconds } from './stats.mjs';

export const sizeLabel = (n) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : fmtInt(n));
const yesNo = (ok) => (ok ? 'yes' : 'NO');

/** One row per goal: id, what, baseline, ours, ratio, goal, met. */
export function buildRows({ measured, sizes, p3 }) {
  const find = (scenario, size, side) => measured.find((m) => m.scenario === scenario && m.size === size && m.side === side);
  const rows = [];
  for (const size of sizes) {
    const b = find('P1', size, 'baseline');
    const o = find('P1', size, 'ours');
    if (b && o) {
      const ratio = o.perSecond / b.perSecond;
      rows.push({
        id: 'P1', what: `GET one record, ${sizeLabel(size)} rows`,
        baseline: `${fmtInt(b.perSecond)} req/s, p99 ${fmtMs(b.p99)}`, ours: `${fmtInt(o.perSecond)} req/s, p99 ${fmtMs(o.p99)}`,
        ratio: fmtRatio(ratio), goal: '>= 0.35x; p99 <= 20 ms', met: yesNo(ratio >= 0.35 && o.p99 <= 20),
      });
    }
  }
  for (const size of sizes) {
    const b = find('P2', size, 'baseline');
    const o = find('P2', size, 'ours');
    if (b && o) {
      const ratio = o.perSecond / b.perSecond;
      rows.push({
        id: 'P2', what: `list 50, 2 filters + sort, ${sizeLabel(size)} rows`,
        baseline: `${fmtInt(b.perSecond)} req/s, p95 ${fmtMs(b.p95)}`, ours: `${fmtInt(o.perSecond)} req/s, p95 ${fmtMs(o.p95)}`,
        ratio: fmtRatio(ratio), goal: '>= 0.5x; p95 <= 30 ms' + (size === 1_000_000 ? '' : ' (goal set for 1M)'), met: yesNo(ratio >= 0.5 && o.p95 <= 30),
      });
    }
  }
  if (p3) {
    for (const s of p3.shapes) {
      if (!s.first || !s.far) continue;
      const ratio = s.far.p95 / s.first.p95;
      rows.push({
        id: 'P3', what: `list p95, page ${fmtInt(p3.page)} vs page 1, ${s.label}, ${sizeLabel(p3.size)} rows`,
        baseline: `page 1: p95 ${fmtMs(s.first.p95)}`, ours: `page ${fmtInt(p3.page)}: p95 ${fmtMs(s.far.p95)}`,
        ratio: fmtRatio(ratio), goal: '<= 1.5x', met: yesNo(ratio <= 1.5),
      });
    }
  }
  if (sizes.length >= 2) {
    const small = find('P2', sizes[0], 'ours');
    const large = find('P2', sizes[sizes.length - 1], 'ours');
    if (small && large) {
      const ratio = large.p95 / small.p95;
      rows.push({
        id: 'P4', what: `P2 p95 on ${sizeLabel(sizes[sizes.length - 1])} vs ${sizeLabel(sizes[0])} rows`,
        baseline: `${sizeLabel(sizes[0])}: p95 ${fmtMs(small.p95)}`, ours: `${sizeLabel(sizes[sizes.length - 1])}: p95 ${fmtMs(large.p95)}`,
        ratio: fmtRatio(ratio), goal: '<= 1.2x', met: yesNo(ratio <= 1.2),
      });
    }
  }
  const max = sizes[sizes.length - 1];
  const b6 = find('P6', max, 'baseline');
  const o6 = find('P6', max, 'ours');
  if (b6 && o6) {
    const ratio = o6.perSecond / b6.perSecond;
    rows.push({
      id: 'P6', what: `create record (validation, audit, outbox), ${sizeLabel(max)}-row table`,
      baseline: `${fmtInt(b6.perSecond)} rows/s, p99 ${fmtMs(b6.p99)}`, ours: `${fmtInt(o6.perSecond)} rows/s, p99 ${fmtMs(o6.p99)}`,
      ratio: fmtRatio(ratio), goal: '>= 0.35x; p99 <= 50 ms', met: yesNo(ratio >= 0.35 && o6.p99 <= 50),
    });
  }
  return rows;
}

/** The row of L1 (link writes), or null when it was not measured. */
export function linkWritesRow(measured) {
  const b = measured.find((m) => m.scenario === 'L1' && m.side === 'baseline');
  const o = measured.find((m) => m.scenario === 'L1' && m.side === 'ours');
  if (!b || !o) return null;
  return {
    id: 'L1', what: 'create a quote: a relation, 5 sub-form rows, the customer\'s rollup recomputed',
    baseline: `${fmtInt(b.perSecond)} quotes/s, p99 ${fmtMs(b.p99)}`, ours: `${fmtInt(o.perSecond)} quotes/s, p99 ${fmtMs(o.p99)}`,
    ratio: fmtRatio(o.perSecond / b.perSecond), goal: 'none in PERFORMANCE.md (P6: >= 0.35x; p99 <= 50 ms)', met: '-',
  };
}

const HEADERS = ['id', 'what', 'baseline', 'ours', 'ratio', 'goal', 'met?'];
const cells = (r) => [r.id, r.what, r.baseline, r.ours, r.ratio, r.goal, r.met];

export function printTable(rows, env, log) {
  log(`${env.cores} cores (${env.cpuModel}); node ${env.node}; PostgreSQL ${env.pgServer}; pg ${env.pgClient}`);
  const all = [HEADERS, ...rows.map(cells)];
  const widths = HEADERS.map((_h, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  log(line(HEADERS));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) log(line(cells(r)));
}

const mdTable = (headers, rows) => [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const NOT_MEASURED = [
  ['P5', 'dashboard aggregation (group by stage; owner x month), 1M rows', '<= 1.2x the GROUP BY by hand'],
  ['P7', 'CSV import of 1M rows (XLSX beside it)', '>= 0.5x COPY rows/s, with progress'],
  ['P8', 'add a field / an indexed field to a 1M-row form', '<= 1 s / <= 3 s, no rewrite, no blocked writes'],
  ['P9', 'condition evaluation (4 clauses)', '>= 10x json-logic-js'],
  ['P10', 'approve actions, 32 clients', '>= 0.25x; p99 <= 50 ms'],
  ['P11', 'web: first route JS; scrolling 100k rows', '<= 350 kB gz; no task over 50 ms'],
];

const HOW_TO_RUN = `# Benchmarks

## How to run

\`\`\`sh
npm run build                 # once: the bench runs the built API (apps/api/dist)
npm run bench                 # 100k and 1M rows, 5 s warm-up + 20 s measured per target (about 8 min on 2 cores)
npm run bench -- --quick      # smoke run: 2,000 rows, 1 s + 3 s (does not rewrite this file)
BENCH_SIZES=100000 BENCH_SECONDS=10 BENCH_WARMUP=2 BENCH_CONNECTIONS=32 BENCH_POOL=8 BENCH_SLICES=5 npm run bench
npm run bench -- --only L1    # some cases only (P1, P2 with P4, P3, P6, P7, P9, P10, P11, L1); loads the 100k/1M rows only for P1-P6
BENCH_P7_ROWS=100000 npm run bench -- --only P7   # the import: rows in the file (default 100,000)
\`\`\`

It needs PostgreSQL (\`DATABASE_URL\`, else \`postgres://postgres@127.0.0.1:5432/postgres\`), creates a
\`bench_<random>\` database there and drops it at the end. A full run rewrites the results below; the
"Analysis" section between its markers is kept. \`--docs\` / \`--no-docs\` force writing or not. \`BENCH_SLICES\`
cuts each target's measured time into that many interleaved slices (default: one per 2 s). A run with \`--only\`
rewrites only the sections of what it measured that have their own (today: "Link writes", "Approvals", "Import" and "Web app").
The machine is shared and noisy: read the ratios (both sides measured in the same run), not the absolute figures.
`;

const machineText = (env) => `Machine: **${env.cores} cores** (${env.cpuModel}), ${env.memoryGb} GB; Node ${env.node}; PostgreSQL ${env.pgServer}; pg ${env.pgClient}. ` +
  `Load average ${env.loadAvgStart} at the start, ${env.loadAvgEnd} at the end (other work shares this machine). ` +
  `PostgreSQL settings: ${env.pgSettings}. Code: commit ${env.commit}, API built ${env.apiBuiltAt.slice(0, 16).replace('T', ' ')} UTC.`;
const runText = (opts, totalMs) => `${opts.connections} connections; per target ${opts.warmup} s warm-up + ${opts.seconds} s measured ` +
  `in ${opts.slices} interleaved slice(s); total run ${fmtSeconds(totalMs)}`;
const pct = (v) => (v !== undefined ? `${v.toFixed(0)}%` : '-');
const MEASUREMENT_HEADERS = ['scenario', 'rows', 'side', 'req/s', 'p50', 'p95', 'p99', 'max', 'non-2xx', 'errors', 'API', 'PG', 'loadgen', 'machine'];
const measurementCells = (m, rows = sizeLabel(m.size)) => [m.scenario, rows, m.side, fmtInt(m.perSecond), fmtMs(m.p50), fmtMs(m.p95), fmtMs(m.p99), fmtMs(m.max), fmtInt(m.non2xx), fmtInt(m.errors),
  m.side === 'ours' ? pct(m.cpu.apiPct) : '-', pct(m.cpu.pgPct), pct(m.cpu.loadGenPct), pct(m.cpu.machinePct)];

const LINK_START = '<!-- link-writes:start -->';
const LINK_END = '<!-- link-writes:end -->';

/** The "Link writes" section of docs/benchmarks.md (between its markers), from a run that measured L1. */
export function buildLinkWritesSection({ env, opts, measured, linkOddities, totalMs, method }) {
  const row = linkWritesRow(measured);
  if (!row) return null;
  const out = [LINK_START, '## Link writes\n'];
  out.push(`Results of ${env.date.slice(0, 16).replace('T', ' ')} UTC. ${machineText(env)} ${runText(opts, totalMs)}.\n`);
  out.push(mdTable(HEADERS, [cells(row)]));
  out.push('');
  out.push(mdTable(MEASUREMENT_HEADERS, measured.filter((m) => m.scenario === 'L1').map((m) => measurementCells(m, `${fmtInt(m.tableRows)} quotes at the end`))));
  out.push('');
  if (linkOddities.length) for (const o of linkOddities) out.push(`- ${o.replace(/\n/g, ' ')}`);
  else out.push('No errors and no non-2xx answers; after the run every customer\'s rollup equalled the sum of its quotes.');
  out.push('');
  out.push('### Method of L1\n');
  out.push(method);
  out.push(LINK_END);
  return out.join('\n');
}

/** `previous` with its link-writes section replaced by `section` (inserted before the analysis when it has none). */
export function replaceLinkWritesSection(previous, section) {
  const at = previous.indexOf(LINK_START);
  const end = previous.indexOf(LINK_END);
  if (at >= 0 && end > at) return previous.slice(0, at) + section + previous.slice(end + LINK_END.length);
  const analysis = previous.indexOf('<!-- analysis:start -->');
  if (analysis >= 0) return `${previous.slice(0, analysis)}${section}\n\n${previous.slice(analysis)}`;
  return `${previous.trimEnd()}\n\n${section}\n`;
}

const keptLinkWritesSection = (previous) => {
  const at = (previous ?? '').indexOf(LINK_START);
  const end = (previous ?? '').indexOf(LINK_END);
  return at >= 0 && end > at ? previous.slice(at, end + LINK_END.length) : null;
};

export function buildMarkdown({ rows, env, opts, measured, loads, p3, oddities, totalMs, previous, extraRows = [], linkSection = null }) {
  const out = [HOW_TO_RUN];
  out.push(`## Results of ${env.date.slice(0, 16).replace('T', ' ')} UTC\n`);
  out.push(`${machineText(env)} Sizes ${opts.sizes.map(sizeLabel).join(' and ')}; ${runText(opts, totalMs)}.\n`);
  // Rows measured by a separate script of this run (P9) replace their "not measured" line.
  const extraIds = new Set(extraRows.map((r) => r[0]));
  out.push(mdTable(HEADERS, [...rows.map(cells), ...extraRows, ...NOT_MEASURED.filter(([id]) => !extraIds.has(id)).map(([id, what, goal]) => [id, what, '-', '-', '-', goal, 'not measured by this harness yet'])]));
  out.push('');
  if (loads.length) {
    out.push('Dataset load (COPY FROM STDIN in batches of 50,000 rows, secondary indexes dropped and rebuilt, then VACUUM ANALYZE):\n');
    out.push(mdTable(['rows', 'COPY', 'rows/s (COPY)', 'indexes rebuilt', 'VACUUM ANALYZE', 'total'],
      loads.map((l) => [fmtInt(l.rows), fmtSeconds(l.copyMs), fmtInt(l.rows / (l.copyMs / 1000)), `${l.indexes} in ${fmtSeconds(l.indexMs)}`, fmtSeconds(l.vacuumMs), fmtSeconds(l.totalMs)])));
    out.push('');
  }
  out.push('### Every measurement\n');
  out.push('CPU over the measured slices, in % of one core: `API` the API process (one Node process), `PG` the PostgreSQL backends ' +
    'of the bench database, `loadgen` the bench process (the load generator and, for baselines, the pg client); `machine` is all ' +
    `${env.cores} cores busy, in %, including anything else running on the machine.\n`);
  out.push(mdTable(MEASUREMENT_HEADERS, measured.filter((m) => m.scenario !== 'L1').map((m) => measurementCells(m))));
  out.push('');
  if (oddities.length) {
    out.push('### Odd things in this run\n');
    for (const o of oddities) out.push(`- ${o.replace(/\n/g, ' ')}`);
    out.push('');
  }
  out.push(`### Method

- **Setup.** A fresh database; the API (\`apps/api/dist/main.js\`) runs in its own child process (one Node process,
  its pool of 16 connections), so the load generator never shares its event loop. The CRM package is imported
  through \`POST /api/app-packages\`; 4 departments and 20 users are created through the API and own the rows.
  Each size has its own copy of the app (the package imported again under the key \`crm_<size>\`; the largest is
  \`crm\`), so that sizes are measured side by side. Rows come from \`generateOpportunityRows\` (seed 20241101; the
  100k rows are the first 100k of the 1M) and are loaded into the opportunity form's real table with COPY; ids are
  UUIDv7 made from each row's creation time (spread over the past 400 days, oldest first).
- **Side by side.** Targets compared with each other (ours and the baseline at every size for P1 and P2; the four
  pages of P3; ours and the baseline for P6) run as one group: each warms up for ${opts.warmup} s, then its ${opts.seconds} s are
  cut into ${opts.slices} slice(s) run in turn, one target at a time, the order reversed every round (A B C D, D C B A, ...),
  so that load drifting in from elsewhere on this shared machine hits every side alike. Each slice starts with a
  300 ms lead-in that is not recorded (the loops ramp up again after the switch); CPU is sampled over the recorded part.
- **Load.** Each target is a closed loop of ${opts.connections} concurrent requests from a worker thread:
  ours over HTTP/1.1 keep-alive (\`http.Agent\`, maxSockets ${opts.connections}), as the administrator (bearer session
  token; administrators need no grants, so no row scope is added to the SQL); the baseline with \`pg\` directly
  (a Pool of ${opts.pool}, the same type parsers as the API). Requests/s counts answers completed in the measured slices;
  latencies are per request, nearest-rank percentiles. Non-2xx answers and transport errors are counted.
- **P1.** Random ids (100,000 drawn from the loaded rows) vs \`SELECT <all columns> FROM data.<table> WHERE _id=$1 AND _deleted_at IS NULL\`.
- **P2.** \`{"and":[{"in":[{"var":"stage"},["proposal","negotiation"]]},{">":[{"var":"amount"},100000]}]}\`, sorted by amount desc,
  limit 50. Baseline: the same SELECT by hand (LIMIT 51, as the API fetches one extra row to know if there is a next page),
  run side by side with the capped count the API runs (\`SELECT count(*) FROM (SELECT 1 ... LIMIT 10001)\`), plus the
  \`EXPLAIN\` the API runs to estimate the total when more than 10,000 rows match (about a third of the rows match).
  Before measuring, the API's first page is checked to equal the hand-written SELECT's.
- **P3.** Page ${p3 ? fmtInt(p3.page) : 'N'} vs page 1, limit 50, no filter, for the default order (createdAt desc) and for amount desc.
  The cursor of the deep page is obtained as a client would: walking the list through the API with limit 500
  (then 50 for the remainder) to row ${p3 ? fmtInt((p3.page - 1) * 50) : '(N-1) x 50'}; for the default order the deep page's first row is checked.
  Every request of the deep run fetches that same page (as every page-1 request fetches the same page).
- **P4.** P2's p95 through the API at the largest size divided by that at the smallest (measured in the same group).
- **P6.** \`POST .../records\` with the 12 fields of generated rows (20,000 distinct rows, in turn) vs a plain
  \`INSERT\` (no RETURNING, autocommit) of the same values into the same table; the API's create also writes the
  audit entry and the outbox event and notifies, in one transaction. Runs last, on the largest table; both sides
  add rows to it (a few percent).
`);
  const links = linkSection ?? keptLinkWritesSection(previous);
  if (links) out.push(links, '');
  const kept = /<!-- analysis:start -->[\s\S]*?<!-- analysis:end -->/.exec(previous ?? '');
  out.push(kept ? kept[0] : '<!-- analysis:start -->\n## Analysis\n\n(Written by hand after a run.)\n<!-- analysis:end -->');
  out.push('');
  return out.join('\n');
}

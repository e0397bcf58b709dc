// P7, import: a CSV of generated CRM opportunities imported through the API (upload, reading, the job
// that checks and saves every row with its audit entry and event) vs COPY of the same rows into the same
// table, in the same run; an XLSX of the same rows imported beside it.
//
// The baseline COPY runs before and after the CSV import (the table a little larger the second time) and
// its two timings are averaged; the table keeps its indexes, as the import has them. The CSV and XLSX
// imports are one job each, of all the rows, timed from the upload to the job's end; the job's progress
// is polled every 200 ms as the import wizard would (more often), and the distinct values seen counted.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import { processCpuMs, postgresCpu } from './api-server.mjs';
import { copyRows } from './copy-from.mjs';
import { setUpApp, uuidV7At } from './dataset.mjs';
import { fmtInt, fmtRatio, fmtSeconds } from './stats.mjs';

export const IMPORT_APP = 'crm_p7';
const FORM = 'opportunity';
const SYSTEM_COLS = ['_id', '_created_at', '_updated_at', '_created_by', '_updated_by', '_owner_id', '_owner_dept_id'];
const COPY_BATCH = 50_000;
const require = createRequire(import.meta.url);

/** A CSV cell: quoted when it holds a separator, a quote or a line break. */
const csvCell = (v) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The rows as a CSV file the import reads: headers are the field keys, options their keys, dates ISO. */
export function opportunityCsv(fieldKeys, rows) {
  const lines = [fieldKeys.join(',')];
  for (const r of rows) lines.push(fieldKeys.map((k) => csvCell(r[k])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The same rows as an XLSX (exceljs' streaming writer), numbers as numbers and dates as Excel dates. */
async function opportunityXlsx(file, fieldKeys, rows) {
  const ExcelJS = require('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('opportunity');
  sheet.addRow(fieldKeys).commit();
  const dateAt = fieldKeys.indexOf('expected_close');
  for (const r of rows) {
    const row = sheet.addRow(fieldKeys.map((k) => (k === 'expected_close' && r[k] ? new Date(`${r[k]}T00:00:00Z`) : r[k] ?? null)));
    if (dateAt >= 0) row.getCell(dateAt + 1).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  await workbook.commit();
}

/** PostgreSQL CPU (ms) of the bench database's backends since `before` (a postgresCpu snapshot). */
function pgCpuSince(dbName, before) {
  let ms = 0;
  for (const [pid, now] of postgresCpu(dbName)) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/** COPY of the rows (new ids, now, the administrator as creator and owner) in batches; the milliseconds and the database's CPU. */
async function copyBaseline(databaseUrl, dbName, table, fieldKeys, rows, admin) {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-p7-copy' });
  await client.connect();
  try {
    const cpu0 = postgresCpu(dbName);
    const t0 = performance.now();
    for (let at = 0; at < rows.length; at += COPY_BATCH) {
      const end = Math.min(rows.length, at + COPY_BATCH);
      const rand = randomBytes(10 * (end - at));
      const now = new Date();
      const batch = [];
      for (let i = at; i < end; i++) {
        batch.push([uuidV7At(now.getTime(), rand, 10 * (i - at)), now, now, admin.id, admin.id, admin.id, admin.deptId, ...fieldKeys.map((k) => rows[i][k])]);
      }
      await copyRows(client, table, [...SYSTEM_COLS, ...fieldKeys.map((k) => `"${k}"`)], batch);
    }
    return { ms: performance.now() - t0, pgMs: pgCpuSince(dbName, cpu0) };
  } finally {
    await client.end();
  }
}

/** Uploads a file to the import, follows the job to its end; timings, progress values seen, the result and CPU. */
async function importFile({ baseUrl, token, apiPid, dbName }, fileName, bytes) {
  const cpu0 = { api: processCpuMs(apiPid), pg: postgresCpu(dbName) };
  const t0 = performance.now();
  const body = new FormData();
  body.append('file', new Blob([bytes]), fileName);
  const res = await fetch(`${baseUrl}/api/apps/${IMPORT_APP}/forms/${FORM}/records/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
  const started = await res.json();
  if (res.status !== 202) throw new Error(`P7: import of ${fileName} answered ${res.status} ${JSON.stringify(started).slice(0, 300)}`);
  const acceptedMs = performance.now() - t0;
  const progress = [];
  let job;
  for (;;) {
    const r = await fetch(`${baseUrl}/api/jobs/${started.jobId}`, { headers: { authorization: `Bearer ${token}` } });
    job = await r.json();
    if (progress[progress.length - 1] !== job.progress.done) progress.push(job.progress.done);
    if (job.status === 'done' || job.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const totalMs = performance.now() - t0;
  const pgMs = pgCpuSince(dbName, cpu0.pg);
  const apiAfter = processCpuMs(apiPid);
  return {
    fileName, bytes: bytes.length, acceptedMs, totalMs, job, progress,
    cpu: { apiMs: apiAfter !== null && cpu0.api !== null ? apiAfter - cpu0.api : null, pgMs },
  };
}

/**
 * P7: sets up its own copy of the CRM app, generates the rows, and measures COPY, the CSV import, COPY
 * again and the XLSX import. Returns what the report needs; `odd` lists anything unexpected.
 */
export async function measureImport({ client, sql, api, db, token, crm, rowsCount, log }) {
  const odd = [];
  const pkg = crm.buildCrmPackage({ withDemo: false });
  const form = pkg.forms.find((f) => f.key === FORM);
  const fieldKeys = form.fields.filter((f) => f.type !== 'relation' && f.type !== 'lookup').map((f) => f.key);
  const app = await setUpApp(client, sql, { ...pkg, app: { ...pkg.app, key: IMPORT_APP } }, IMPORT_APP, { owners: 0 });
  const rows = crm.generateOpportunityRows(rowsCount, 20_241_127, []);
  const csv = Buffer.from(opportunityCsv(fieldKeys, rows), 'utf8');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-p7-'));
  const xlsxFile = path.join(dir, 'opportunities.xlsx');
  const target = { baseUrl: api.baseUrl, token, apiPid: api.pid, dbName: db.name };
  try {
    const tXlsx = performance.now();
    await opportunityXlsx(xlsxFile, fieldKeys, rows);
    log(`P7: ${fmtInt(rowsCount)} rows of ${fieldKeys.length} fields; CSV ${(csv.length / 1e6).toFixed(1)} MB; XLSX ${(statSync(xlsxFile).size / 1e6).toFixed(1)} MB written in ${fmtSeconds(performance.now() - tXlsx)}`);
    const copyBefore = await copyBaseline(db.url, db.name, app.form.table, fieldKeys, rows, app.admin);
    log(`  COPY ${fmtInt(rowsCount)} rows: ${fmtSeconds(copyBefore.ms)} (${fmtInt(rowsCount / (copyBefore.ms / 1000))} rows/s)`);
    const csvRun = await importFile(target, 'opportunities.csv', csv);
    log(`  CSV import: ${fmtSeconds(csvRun.totalMs)} (${fmtInt(rowsCount / (csvRun.totalMs / 1000))} rows/s; accepted after ${fmtSeconds(csvRun.acceptedMs)}; ` +
      `job ${fmtInt(csvRun.job.result?.rowsPerSecond)} rows/s; ${csvRun.progress.length} progress values)`);
    const copyAfter = await copyBaseline(db.url, db.name, app.form.table, fieldKeys, rows, app.admin);
    log(`  COPY again: ${fmtSeconds(copyAfter.ms)} (${fmtInt(rowsCount / (copyAfter.ms / 1000))} rows/s)`);
    const xlsxRun = await importFile(target, 'opportunities.xlsx', await readFile(xlsxFile));
    log(`  XLSX import: ${fmtSeconds(xlsxRun.totalMs)} (${fmtInt(rowsCount / (xlsxRun.totalMs / 1000))} rows/s; accepted after ${fmtSeconds(xlsxRun.acceptedMs)}; ` +
      `job ${fmtInt(xlsxRun.job.result?.rowsPerSecond)} rows/s; ${xlsxRun.progress.length} progress values)`);

    for (const run of [csvRun, xlsxRun]) {
      const r = run.job.result;
      if (run.job.status !== 'done' || r?.created !== rowsCount || r?.failed !== 0) {
        odd.push(`P7 ${run.fileName}: job ${run.job.status}, created ${r?.created}, failed ${r?.failed}; first errors ${JSON.stringify(r?.errors?.slice(0, 3) ?? run.job.error)}`);
      }
    }
    // Every imported record has its audit entry; the table holds the four loads.
    const [{ n: audited }] = await sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'record.create' AND app_key = $1 AND form_key = $2`, [IMPORT_APP, FORM]);
    const [{ n: stored }] = await sql(`SELECT count(*)::int AS n FROM ${app.form.table}`);
    if (audited !== 2 * rowsCount) odd.push(`P7: ${audited} audit entries for ${2 * rowsCount} imported records`);
    if (stored !== 4 * rowsCount) odd.push(`P7: the table holds ${stored} rows, expected ${4 * rowsCount}`);
    return { rows: rowsCount, fields: fieldKeys.length, csvBytes: csv.length, xlsxBytes: statSync(xlsxFile).size, copy: [copyBefore, copyAfter], csv: csvRun, xlsx: xlsxRun, odd };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const GOAL = '>= 0.5x COPY rows/s, with progress';
const copyRate = (m) => m.rows / ((m.copy[0].ms + m.copy[1].ms) / 2 / 1000);

/** The P7 rows of the results table: the CSV import, and the XLSX import beside it. */
export function importRows(m) {
  if (!m) return [];
  const baseline = copyRate(m);
  const row = (run, what, goal) => {
    const rate = m.rows / (run.totalMs / 1000);
    const ratio = rate / baseline;
    const moved = run.progress.filter((done) => done > 0 && done < m.rows).length;
    return {
      id: 'P7', what,
      baseline: `COPY ${fmtInt(baseline)} rows/s`,
      ours: `${fmtInt(rate)} rows/s end to end (job ${fmtInt(run.job.result?.rowsPerSecond)} rows/s); progress moved ${moved} times`,
      ratio: fmtRatio(ratio), goal, met: goal === GOAL ? (ratio >= 0.5 && moved >= 2 ? 'yes' : 'NO') : '-',
    };
  };
  return [
    row(m.csv, `CSV import of ${fmtInt(m.rows)} rows (12 fields) into the CRM's opportunity form`, GOAL),
    row(m.xlsx, `XLSX import of the same ${fmtInt(m.rows)} rows, beside it`, 'reported beside the CSV'),
  ];
}

const START = '<!-- import:start -->';
const END = '<!-- import:end -->';
const HEADERS = ['id', 'what', 'baseline', 'ours', 'ratio', 'goal', 'met?'];
const cells = (r) => [r.id, r.what, r.baseline, r.ours, r.ratio, r.goal, r.met];
const mdTable = (headers, rows) => [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const METHOD = `- **P7 (import).** An app of its own (\`${IMPORT_APP}\`, the CRM package imported under that key); its opportunity
  form (12 input fields, a relation to the customer and its lookup left empty, a form rule, stage gates, the customer's
  rollups over it) with its indexes. Rows from \`generateOpportunityRows\` (seed 20241127). **Baseline:** \`COPY ... FROM STDIN\`
  of the same values (with ids, times and owner) into the same table through \`pg\`, in batches of 50,000, run before and
  after the CSV import and averaged. **Ours:** the CSV (headers = field keys) uploaded to \`POST .../records/import\` as the
  administrator, timed from the upload to the job's end (\`GET /api/jobs/{id}\` every 200 ms): the request checks the file's
  kind, header and row count (an XLSX's rows are counted from its sheet's \`<row>\` elements, only its first rows read),
  keeps the bytes beside the job and answers; the job reads every row (progress while it reads a workbook), reads each
  cell (\`importValue\`, kept per column for repeated cells), checks and completes each record as a create does (editable
  fields, validation, defaults, formulas, the form rule, stage gates, lookups and rollups of an unlinked record), and saves
  1,000 records per transaction with one statement that inserts the records, their audit entries and their outbox events
  from one JSON parameter (\`json_to_recordset\`), reporting progress and a checkpoint after each batch, then analyses the
  table and removes the upload. The XLSX of the same rows is imported beside it. After the run every imported record is
  checked to have its audit entry. CPU is the API process's and the database backends' over each import.`;

/** The "Import (P7)" section of docs/benchmarks.md. */
export function buildImportSection({ env, measured }) {
  const rows = importRows(measured);
  if (!rows.length) return null;
  const m = measured;
  const out = [START, '## Import (P7)\n'];
  out.push(`Results of ${env.date.slice(0, 16).replace('T', ' ')} UTC (\`npm run bench -- --only P7\`, ${fmtInt(m.rows)} rows). Machine: **${env.cores} cores** (${env.cpuModel}), ${env.memoryGb} GB; ` +
    `Node ${env.node}; PostgreSQL ${env.pgServer}; pg ${env.pgClient}. Load average ${env.loadAvgStart} at the start, ${env.loadAvgEnd} at the end ` +
    `(other work shares this machine). PostgreSQL settings: ${env.pgSettings}. Code: commit ${env.commit}, API built ${env.apiBuiltAt.slice(0, 16).replace('T', ' ')} UTC.\n`);
  out.push(mdTable(HEADERS, rows.map(cells)));
  out.push('');
  const run = (label, r, bytes) => [label, `${(bytes / 1e6).toFixed(1)} MB`, fmtSeconds(r.acceptedMs), fmtSeconds(r.totalMs), fmtInt(m.rows / (r.totalMs / 1000)),
    fmtInt(r.job.result?.rowsPerSecond), String(r.progress.length), r.cpu.apiMs === null ? '-' : fmtSeconds(r.cpu.apiMs), fmtSeconds(r.cpu.pgMs)];
  const copy = (label, c) => [label, '-', '-', fmtSeconds(c.ms), fmtInt(m.rows / (c.ms / 1000)), '-', '-', '-', fmtSeconds(c.pgMs)];
  out.push(mdTable(['load', 'file', 'accepted after', 'total', 'rows/s', 'job rows/s', 'progress values seen', 'API CPU', 'PG CPU'], [
    copy('COPY (before)', m.copy[0]),
    run('CSV import', m.csv, m.csvBytes),
    copy('COPY (after)', m.copy[1]),
    run('XLSX import', m.xlsx, m.xlsxBytes),
  ]));
  out.push('');
  if (m.odd.length) for (const o of m.odd) out.push(`- ${o.replace(/\n/g, ' ')}`);
  else out.push(`Both imports created all ${fmtInt(m.rows)} records with no failed row; every one has its audit entry.`);
  out.push('');
  out.push('### Method of P7\n');
  out.push(METHOD);
  out.push(END);
  return out.join('\n');
}

/**
 * `previous` with the import section replaced by `section` (added before the analysis when absent; kept
 * when `section` is null) and the results table's P7 line(s) replaced by `rows` when there are any.
 */
export function replaceImportSection(previous, section, rows = []) {
  const at = previous.indexOf(START);
  const end = previous.indexOf(END);
  const has = at >= 0 && end > at;
  const body = keepAnalysis(section, has ? previous.slice(at, end + END.length) : '') ?? (has ? previous.slice(at, end + END.length) : null);
  let text = has ? previous.slice(0, at) + (body ?? '') + previous.slice(end + END.length) : previous;
  if (body && !has) {
    const analysis = text.indexOf('<!-- analysis:start -->');
    text = analysis >= 0 ? `${text.slice(0, analysis)}${body}\n\n${text.slice(analysis)}` : `${text.trimEnd()}\n\n${body}\n`;
  }
  if (!rows.length) return text;
  const cut = text.indexOf(START) >= 0 ? text.indexOf(START) : text.length;
  const lines = text.slice(0, cut).split('\n');
  const first = lines.findIndex((l) => l.startsWith('| P7 |'));
  if (first < 0) return text;
  let last = first;
  while (lines[last + 1]?.startsWith('| P7 |')) last++;
  lines.splice(first, last - first + 1, ...rows.map((r) => `| ${cells(r).join(' | ')} |`));
  return lines.join('\n') + text.slice(cut);
}

const ANALYSIS_START = '<!-- import-analysis:start -->';
const ANALYSIS_END = '<!-- import-analysis:end -->';

/** `section` with the hand-written analysis of the previous import section (between its markers) put back before the method. */
function keepAnalysis(section, previous) {
  if (!section) return section;
  const at = previous.indexOf(ANALYSIS_START);
  const end = previous.indexOf(ANALYSIS_END);
  if (at < 0 || end < at || section.includes(ANALYSIS_START)) return section;
  const method = section.indexOf('### Method of P7');
  const analysis = `${previous.slice(at, end + ANALYSIS_END.length)}\n\n`;
  return method < 0 ? section : section.slice(0, method) + analysis + section.slice(method);
}

/** The import section of an earlier docs/benchmarks.md, kept by a run that did not measure P7. */
export function keptImportSection(previous) {
  const at = (previous ?? '').indexOf(START);
  const end = (previous ?? '').indexOf(END);
  return at >= 0 && end > at ? previous.slice(at, end + END.length) : null;
}

/** What the import endpoints answer (apps/api records-import.service; docs/import.md). */

export type ImportColumnStatus =
  | 'field' | 'id' | 'skipped' | 'unknown' | 'empty' | 'duplicate' | 'derived' | 'layout' | 'unsupported' | 'notEditable' | 'masked';

export type ImportColumn = { index: number; header: string; fieldKey: string | null; status: ImportColumnStatus };
export type ImportWarning = { column: string; index: number; code: string; message: string };
export type ImportRowError = { row: number; column: string | null; field?: string; code: string; message: string };

/** POST .../records/import/preview */
export type ImportPreview = {
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  /** Data rows: exact for CSV; for a large XLSX the rows its sheet holds (blank-looking ones too) unless `totalRowsExact`. */
  totalRows: number;
  totalRowsExact?: boolean;
  maxRows: number;
  columns: ImportColumn[];
  warnings: ImportWarning[];
  rows: { row: number; cells: string[] }[];
};

export type ImportMode = 'create' | 'upsert';
export type ImportOptions = { mode: ImportMode; matchField: string | null; dryRun: boolean };

export type ImportResult = {
  /** The job reads the file first (done: rows read, of about total), then saves the records. */
  phase?: 'reading' | 'saving';
  done: number;
  total: number;
  created: number;
  updated: number;
  failed: number;
  dryRun: boolean;
  errors: ImportRowError[];
  errorsTruncated: boolean;
  failedRows: number[];
  warnings: ImportWarning[];
  rowsPerSecond: number | null;
  durationMs: number;
  errorReportUrl: string | null;
};

/** GET /api/jobs/{id} */
export type ImportJob = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  result: ImportResult | null;
  error: string | null;
  errorReportUrl: string | null;
};

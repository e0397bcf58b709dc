// COPY ... FROM STDIN through pg's client without pg-copy-streams: a "submittable" query object
// (the interface pg-cursor and pg-query-stream use) that sends text-format COPY data.

/** Escapes one value for COPY's text format; null is \N. */
export function copyValue(v) {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

const CHUNK = 256 * 1024;

class CopyFromText {
  constructor(sql, text) {
    this.text = sql;
    this.payload = Buffer.from(text, 'utf8');
    this.rowCount = 0;
    this.error = null;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection) {
    for (let at = 0; at < this.payload.length; at += CHUNK) connection.sendCopyFromChunk(this.payload.subarray(at, at + CHUNK));
    connection.endCopyFrom();
  }

  handleCommandComplete(msg) {
    const m = /COPY (\d+)/.exec(msg.text ?? '');
    if (m) this.rowCount = Number(m[1]);
  }

  handleError(err) {
    this.error = err;
  }

  handleReadyForQuery() {
    if (this.error) this.reject(this.error);
    else this.resolve(this.rowCount);
    this.callback?.(this.error, this.rowCount);
  }

  // Messages a COPY FROM never gets; present so pg's client can delegate safely.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Runs `COPY <table> (<columns>) FROM STDIN` with rows (arrays of values) on a connected pg.Client. */
export async function copyRows(client, table, columns, rows) {
  let text = '';
  for (const row of rows) text += row.map(copyValue).join('\t') + '\n';
  const q = new CopyFromText(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, text);
  client.query(q);
  return q.promise;
}

// Preloaded into the API child process by count-queries.mjs (NODE_OPTIONS=--require): appends every
// statement a pg client sends to QUERY_LOG_FILE, one JSON line each, so round trips can be counted.
const { appendFileSync } = require('node:fs');
const pg = require('pg');

const file = process.env.QUERY_LOG_FILE;
if (file) {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function logged(config, ...rest) {
    const text = typeof config === 'string' ? config : config?.text;
    if (typeof text === 'string') appendFileSync(file, `${JSON.stringify({ app: this.connectionParameters?.application_name ?? null, backend: this.processID ?? null, text })}\n`);
    return query.call(this, config, ...rest);
  };
}

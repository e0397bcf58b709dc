// L1, link writes: creating a quote that links a customer (relation) and carries 5 product lines
// (a sub-form with a formula per row and a rollup of them), whose customer rolls up the totals of its
// quotes, through the API vs the statements a hand-written app would run for the same rows.

/** The app the case creates (its own, so that the CRM package's forms can change without moving it). */
export const LINK_APP = 'bench_links';
const CUSTOMERS = 1000;
const QUOTES = 20_000;
const LINES = 5;

const customerForm = { key: 'customer', name: 'Customer', fields: [{ key: 'name', type: 'text', label: 'Name', required: true }] };
const quoteForm = {
  key: 'quote',
  name: 'Quote',
  fields: [
    { key: 'title', type: 'text', label: 'Title', required: true },
    { key: 'customer', type: 'relation', label: 'Customer', options: { targetForm: 'customer', displayFields: ['name'], onDelete: 'block' } },
    {
      key: 'lines',
      type: 'subForm',
      label: 'Lines',
      options: {
        maxRows: 20,
        fields: [
          { key: 'product', type: 'text', label: 'Product', required: true },
          { key: 'qty', type: 'number', label: 'Qty' },
          { key: 'price', type: 'money', label: 'Price' },
          { key: 'amount', type: 'formula', label: 'Amount', options: { expression: 'qty * price', decimals: 2 } },
        ],
      },
    },
    { key: 'total', type: 'rollup', label: 'Total', options: { subFormField: 'lines', targetField: 'amount', aggregate: 'sum', decimals: 2 } },
  ],
};
/** Added once quotes exist as a form: the sum of the customer's quote totals, recomputed on every quote write. */
const quotedTotal = { key: 'quoted_total', type: 'rollup', label: 'Quoted', options: { relationField: 'quote.customer', targetField: 'total', aggregate: 'sum', decimals: 2 } };

/** A small deterministic generator (mulberry32), so that every run writes the same quotes. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Quotes to create: a customer drawn from `customerIds`, 5 lines; amounts in cents so both sides agree to the cent. */
function generateQuotes(customerIds, count, seed) {
  const next = random(seed);
  return Array.from({ length: count }, (_v, i) => {
    const lines = Array.from({ length: LINES }, (_w, k) => ({ product: `Product ${1 + Math.floor(next() * 200)}`, qty: 1 + Math.floor(next() * 20), priceCents: 1000 + Math.floor(next() * 99_000), position: k }));
    const totalCents = lines.reduce((sum, l) => sum + l.qty * l.priceCents, 0);
    return { title: `Quote ${i + 1}`, customer: customerIds[Math.floor(next() * customerIds.length)], lines, totalCents };
  });
}

const apiBody = (q) => JSON.stringify({ data: { title: q.title, customer: q.customer, lines: q.lines.map((l) => ({ product: l.product, qty: l.qty, price: l.priceCents / 100 })) } });

/**
 * Creates the app, its two forms and the customers through the API; returns the tables (read from
 * the catalog) and the quotes to write.
 */
export async function setUpLinkApp(client, sql) {
  await client.call('POST', '/api/apps', { key: LINK_APP, name: 'Bench links' });
  await client.call('POST', `/api/apps/${LINK_APP}/forms`, customerForm);
  await client.call('POST', `/api/apps/${LINK_APP}/forms`, quoteForm);
  await client.call('PATCH', `/api/apps/${LINK_APP}/forms/customer`, { fields: [...customerForm.fields, quotedTotal] });
  const customerIds = [];
  for (let at = 0; at < CUSTOMERS; at += 20) {
    const batch = Array.from({ length: Math.min(20, CUSTOMERS - at) }, (_v, i) => client.call('POST', `/api/apps/${LINK_APP}/forms/customer/records`, { data: { name: `Customer ${at + i + 1}` } }));
    for (const c of await Promise.all(batch)) customerIds.push(c.id);
  }
  const tables = Object.fromEntries((await sql(`SELECT key, table_name FROM forms WHERE app_key = $1`, [LINK_APP])).map((r) => [r.key, r.table_name]));
  const linesTable = `${tables.quote}__lines`;
  const [child] = await sql(`SELECT 1 AS ok FROM information_schema.tables WHERE table_schema = 'data' AND table_name = $1`, [linesTable]);
  if (!child) throw new Error(`L1: the quote lines table ${linesTable} was not found`);
  return {
    customerIds,
    quotes: generateQuotes(customerIds, QUOTES, 20_241_127),
    customer: `data."${tables.customer}"`,
    quote: `data."${tables.quote}"`,
    lines: `data."${linesTable}"`,
  };
}

/** The two targets of L1: ours (POST a quote) and the baseline (the same rows written by hand in one transaction). */
export function linkWriteTargets(app, { http, base, admin }) {
  const ours = http({ method: 'POST', path: `/api/apps/${LINK_APP}/forms/quote/records`, bodies: app.quotes.map(apiBody), bodyOrder: 'seq' });
  const baseline = base({
    work: 'linkedInsert',
    quoteSql: `INSERT INTO ${app.quote} (_id, _created_at, _updated_at, _created_by, _updated_by, _owner_id, _owner_dept_id, title, customer, total)
               VALUES ($1, $2, $2, $3, $3, $3, $4, $5, $6, $7)`,
    linesSql: `INSERT INTO ${app.lines} (_id, _parent_id, _position, product, qty, price, amount) VALUES ` +
      Array.from({ length: LINES }, (_v, k) => `($${k * 7 + 1}, $${k * 7 + 2}, $${k * 7 + 3}, $${k * 7 + 4}, $${k * 7 + 5}, $${k * 7 + 6}, $${k * 7 + 7})`).join(', '),
    // An increment is what a hand-written app does, and it is right under concurrent writes to one customer.
    rollupSql: `UPDATE ${app.customer} SET quoted_total = coalesce(quoted_total, 0) + $2 WHERE _id = $1 AND _deleted_at IS NULL`,
    quotes: app.quotes.map((q) => [q.title, q.customer, q.totalCents / 100, q.lines.map((l) => [l.position, l.product, l.qty, l.priceCents / 100, (l.qty * l.priceCents) / 100])]),
    userId: admin.id,
    deptId: admin.deptId,
  });
  return { ours, baseline };
}

/** Before measuring: one quote through the API gives the total and the customer's rollup a hand-written app would. */
export async function checkOneQuote(client, sql, app) {
  const q = app.quotes[0];
  const [before] = await sql(`SELECT coalesce(quoted_total, 0)::float8 AS total FROM ${app.customer} WHERE _id = $1`, [q.customer]);
  const created = await client.call('POST', `/api/apps/${LINK_APP}/forms/quote/records`, JSON.parse(apiBody(q)), [201]);
  const [after] = await sql(`SELECT coalesce(quoted_total, 0)::float8 AS total FROM ${app.customer} WHERE _id = $1`, [q.customer]);
  const problems = [];
  if (created.data.total !== q.totalCents / 100) problems.push(`L1: the created quote's total is ${created.data.total}, expected ${q.totalCents / 100}`);
  if (created.data.lines?.length !== LINES) problems.push(`L1: the created quote has ${created.data.lines?.length} lines, expected ${LINES}`);
  if (Math.round((after.total - before.total) * 100) !== q.totalCents) problems.push(`L1: the customer's rollup moved by ${after.total - before.total}, expected ${q.totalCents / 100}`);
  return problems;
}

/** After measuring: every customer's rollup equals the sum of its quotes (both sides wrote into the same tables). */
export async function checkRollups(sql, app) {
  const [r] = await sql(`SELECT count(*)::int AS customers,
      count(*) FILTER (WHERE round(coalesce(c.quoted_total, 0), 2) <> round(coalesce(s.total, 0), 2))::int AS wrong,
      (SELECT count(*)::int FROM ${app.quote}) AS quotes, (SELECT count(*)::int FROM ${app.lines}) AS lines
    FROM ${app.customer} c LEFT JOIN (SELECT customer, sum(total) AS total FROM ${app.quote} WHERE _deleted_at IS NULL GROUP BY customer) s ON s.customer = c._id`);
  const problems = [];
  if (r.wrong) problems.push(`L1: after the run ${r.wrong} of ${r.customers} customers have a quoted_total that differs from the sum of their quotes`);
  if (r.lines !== r.quotes * LINES) problems.push(`L1: ${r.quotes} quotes but ${r.lines} lines (expected ${LINES} each)`);
  return { problems, quotes: r.quotes };
}

export const LINK_METHOD = `- **L1 (link writes).** An app of its own (\`${LINK_APP}\`): a customer form with a rollup \`quoted_total\`
  (the sum of its quotes' totals, \`quote.customer\`), and a quote form with a relation to the customer, a sub-form
  of lines (product, qty, price, and a formula amount = qty * price) and a rollup \`total\` of the lines; ${CUSTOMERS.toLocaleString('en-US')}
  customers created through the API. Ours: \`POST .../quote/records\` with a customer and ${LINES} lines (${QUOTES.toLocaleString('en-US')} generated
  quotes used in turn, over and over, customers drawn at random): the API checks the relation, validates and computes the rows, writes the
  quote, its ${LINES} rows, the audit entry and the outbox event, and recomputes the customer's rollup (an aggregate over its
  quotes, with the customer row locked) in one transaction. Baseline: what a hand-written app would do with the same
  values in the same tables, computed in the client: \`BEGIN\`, \`INSERT\` the quote (its total included), one
  multi-row \`INSERT\` of the ${LINES} lines, \`UPDATE customer SET quoted_total = quoted_total + total\` (its row count
  checking that the customer exists), \`COMMIT\`. After the run every customer's \`quoted_total\` is checked against
  the sum of its quotes.`;

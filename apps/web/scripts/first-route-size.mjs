// Gzipped size of what the browser loads for one route of the built app (PERFORMANCE.md P11):
// index.html's entry script, its static imports, and the route's lazy chunk with its static imports,
// plus the CSS they pull in. Usage: node scripts/first-route-size.mjs [chunk-name-prefix, default login-page]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const assets = join(dist, 'assets');
const route = process.argv[2] ?? 'login-page';
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const entry = /<script[^>]+type="module"[^>]+src="\/assets\/([^"]+)"/.exec(html)?.[1];
if (!entry) throw new Error('No entry script in dist/index.html');
const routeChunk = readdirSync(assets).find((name) => name.startsWith(`${route}-`) && name.endsWith('.js'));
if (!routeChunk) throw new Error(`No chunk named ${route}-*.js`);

const files = new Set();
const visit = (name) => {
  if (files.has(name)) return;
  files.add(name);
  if (!name.endsWith('.js')) return;
  const code = readFileSync(join(assets, name), 'utf8');
  // Static imports only: `import{a}from"./x.js"` / `import"./x.js"`, never `import("./x.js")`.
  for (const match of code.matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g)) visit(match[1]);
};
visit(entry);
for (const match of html.matchAll(/href="\/assets\/([^"]+\.(?:js|css))"/g)) visit(match[1]);
visit(routeChunk);
// CSS of the route chunk (vite preloads it with the chunk).
const entryCode = readFileSync(join(assets, entry), 'utf8');
const mapDeps = /const __vite__mapDeps=\(i,m=__vite__mapDeps,d=\(m\.f\|\|\(m\.f=\[([^\]]*)\]/.exec(entryCode)?.[1];
if (mapDeps) {
  const all = mapDeps.split(',').map((item) => item.trim().replace(/^["']|["']$/g, '').replace(/^assets\//, ''));
  for (const name of all) if (name.endsWith('.css') && name.startsWith(route)) visit(name);
}

let raw = 0;
let gz = 0;
const rows = [...files].map((name) => {
  const bytes = readFileSync(join(assets, name));
  const size = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += size;
  return [name, bytes.length, size];
});
rows.sort((a, b) => b[2] - a[2]);
for (const [name, size, zipped] of rows) console.log(`${(zipped / 1024).toFixed(2).padStart(8)} kB gz  ${(size / 1024).toFixed(2).padStart(8)} kB  ${name}`);
const js = rows.filter(([name]) => name.endsWith('.js')).reduce((sum, [, , zipped]) => sum + zipped, 0);
console.log(`route ${route}: ${files.size} files, ${(raw / 1024).toFixed(1)} kB raw, ${(gz / 1024).toFixed(1)} kB gzipped (JS ${(js / 1024).toFixed(1)} kB)`);

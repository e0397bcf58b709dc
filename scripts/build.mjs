#!/usr/bin/env node
// Builds what `npm start` runs: the packages and the API (tsc -b, incremental) and the web app (vite).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

console.log('build: packages and API (tsc -b)');
run(bin('tsc'), ['-b', 'apps/api/tsconfig.json']);

const webIndex = path.join(root, 'apps/web/dist/index.html');
const webSources = Math.max(newestMtime(path.join(root, 'apps/web')), newestMtime(path.join(root, 'packages')));
if (process.argv.includes('--force') || !existsSync(webIndex) || statSync(webIndex).mtimeMs < webSources) {
  console.log('build: web app (vite)');
  run(bin('vite'), ['build', '--logLevel', 'warn'], path.join(root, 'apps/web'));
} else {
  console.log('build: web app is up to date');
}

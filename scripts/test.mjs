#!/usr/bin/env node
// `npm test`: lint, type-check, unit and end-to-end tests against a real PostgreSQL
// (DATABASE_URL when set, else the embedded server), web tests, then the browser test in Chromium.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const steps = [
  ['lint', bin('eslint'), ['.'], root],
  ['build', process.execPath, [path.join(root, 'scripts/build.mjs')], root],
  ['web types', bin('tsc'), ['-p', 'apps/web/tsconfig.json', '--noEmit'], root],
  ['packages', bin('jest'), ['--config', 'jest.workspace.config.js', '--selectProjects', 'packages'], root],
  ['api', bin('jest'), ['--config', 'apps/api/jest.config.js'], root],
  ['web', bin('vitest'), ['run'], path.join(root, 'apps/web')],
  ['browser', process.execPath, [path.join(root, 'scripts/e2e.mjs')], root],
];
const only = process.argv.slice(2);
const started = Date.now();
for (const [name, cmd, args, cwd] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const t = Date.now();
  try {
    execFileSync(cmd, args, { cwd, stdio: 'inherit', env: process.env });
  } catch {
    console.error(`\n${name} failed`);
    process.exit(1);
  }
  console.log(`=== ${name}: ok in ${((Date.now() - t) / 1000).toFixed(1)} s ===`);
}
console.log(`\nAll test steps passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);

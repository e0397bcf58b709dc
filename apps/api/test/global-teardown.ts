import fs from 'node:fs';
import type { EmbeddedPostgres } from '../src/database/embedded-postgres';

export default async function globalTeardown() {
  const state = (globalThis as { __embeddedPg?: { pg: EmbeddedPostgres; dir: string } }).__embeddedPg;
  if (state) {
    await state.pg.stop();
    fs.rmSync(state.dir, { recursive: true, force: true });
  }
}

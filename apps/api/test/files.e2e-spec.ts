import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { FieldDefinition } from '@platform/schema';
import { FILE_STORAGE, type FileStorage } from '../src/files/file-storage';
import { FilesService, type FileRef } from '../src/files/files.service';
import { startTestPlatform, type TestPlatform } from './harness';

// s3rver ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

type Upload = { status: number; body: any };

async function upload(t: TestPlatform, token: string, bytes: Buffer | string, fileName: string, mime: string, query = ''): Promise<Upload> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: mime }), fileName);
  const res = await fetch(`${t.baseUrl}/api/files${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function download(t: TestPlatform, token: string | undefined, id: string, query = '') {
  const res = await fetch(`${t.baseUrl}/api/files/${id}${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  let body: any;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, bytes, body };
}

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#c03030' } }).png().toBuffer();

const FORM = {
  key: 'contract',
  name: 'Contract',
  fields: [
    { key: 'title', type: 'text', label: 'Title' },
    { key: 'docs', type: 'attachment', label: 'Documents', options: { maxCount: 2, maxSizeMB: 0.01, accept: ['.pdf', 'text/plain'] } },
    { key: 'photos', type: 'image', label: 'Photos', options: { maxSizeMB: 1 } },
    { key: 'sign', type: 'signature', label: 'Signature' },
  ],
};

/** Two apps users: u1 and u2 may read and create contracts; u3 has no access to the form. */
async function setUp(t: TestPlatform) {
  const admin = t.adminToken;
  expect((await t.http('POST', '/api/apps', { key: 'legal', name: 'Legal' }, admin)).status).toBe(201);
  expect((await t.http('POST', '/api/apps/legal/forms', FORM, admin)).status).toBe(201);
  const role = await t.http('POST', '/api/roles', { name: 'contracts' }, admin);
  await t.http('PUT', `/api/roles/${role.body.id}/grants`, [{ appKey: 'legal', formKey: 'contract', actions: ['read', 'create', 'update'], scope: { type: 'all' } }], admin);
  const users: Record<string, { id: string; token: string }> = {};
  for (const name of ['u1', 'u2', 'u3']) {
    const created = await t.http('POST', '/api/users', { username: name, name, password: `pass-${name}`, roleIds: name === 'u3' ? [] : [role.body.id] }, admin);
    expect(created.status).toBe(201);
    users[name] = { id: created.body.id, token: await t.login(name, `pass-${name}`) };
  }
  return users;
}

describe('files on local storage', () => {
  let t: TestPlatform;
  let dataDir: string;
  let users: Record<string, { id: string; token: string }>;
  const target = '?appKey=legal&formKey=contract';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-files-'));
    t = await startTestPlatform({ settings: { dataDir, maxUploadMB: 1 } });
    users = await setUp(t);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores an upload under its id and serves it to its uploader with safe headers', async () => {
    const up = await upload(t, users.u1.token, 'hello\n', '../../报价 "单".txt', 'text/plain; charset=utf-8');
    expect(up).toMatchObject({ status: 201, body: { name: '报价 "单".txt', size: 6, mime: 'text/plain', url: `/api/files/${up.body.id}` } });
    expect(Object.keys(up.body).sort()).toEqual(['id', 'mime', 'name', 'size', 'url']);
    const [row] = await t.sql(`SELECT storage_key, thumb_key, created_by FROM files WHERE id = $1`, [up.body.id]);
    expect(row).toEqual({ storage_key: up.body.id, thumb_key: null, created_by: users.u1.id });
    const stored = fs.readdirSync(path.join(dataDir, 'files'), { recursive: true }).map(String);
    expect(stored.some((entry) => entry.endsWith(up.body.id))).toBe(true);
    expect(stored.some((entry) => entry.includes('报价'))).toBe(false);

    const got = await download(t, users.u1.token, up.body.id);
    expect(got.status).toBe(200);
    expect(got.bytes.toString()).toBe('hello\n');
    expect(got.headers.get('content-type')).toBe('text/plain');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="__ ___.txt"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%20%22%E5%8D%95%22.txt`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toMatch(/^sandbox/);
  });

  it('answers 404 to anyone else while no record holds the file, and to ids that are not files', async () => {
    const up = await upload(t, users.u1.token, 'secret', 'secret.txt', 'text/plain');
    for (const token of [users.u2.token, users.u3.token, t.adminToken]) {
      expect(await download(t, token, up.body.id)).toMatchObject({ status: 404, body: { code: 'FILE_NOT_FOUND' } });
    }
    expect((await download(t, undefined, up.body.id)).status).toBe(401);
    expect(await download(t, users.u1.token, '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f')).toMatchObject({ status: 404, body: { code: 'FILE_NOT_FOUND' } });
    expect(await download(t, users.u1.token, '..%2F..%2Fetc%2Fpasswd')).toMatchObject({ status: 404 });
    expect(await download(t, users.u1.token, up.body.id, '?thumb=1')).toMatchObject({ status: 404, body: { code: 'FILE_NOT_FOUND' } });
  });

  it.each<[string, string | Buffer, string, string, string, number, string, string | undefined]>([
    ['a type the field does not accept', 'MZ', 'setup.exe', 'application/x-msdownload', `${target}&field=docs`, 400, 'VALIDATION_FAILED', 'invalid_format'],
    ['a file above the field maxSizeMB', 'x'.repeat(20_000), 'big.txt', 'text/plain', `${target}&field=docs`, 400, 'VALIDATION_FAILED', 'too_big'],
    ['a file above MAX_UPLOAD_MB', Buffer.alloc(1024 * 1024 + 1), 'huge.pdf', 'application/pdf', '', 413, 'FILE_TOO_LARGE', undefined],
    ['a pdf in an image field', '%PDF-1.4', 'doc.pdf', 'application/pdf', `${target}&field=photos`, 400, 'VALIDATION_FAILED', 'not_an_image'],
    ['a field that is not a file field', 'x', 'a.txt', 'text/plain', `${target}&field=title`, 400, 'VALIDATION_FAILED', 'invalid_type'],
    ['an unknown field', 'x', 'a.txt', 'text/plain', `${target}&field=nope`, 400, 'UNKNOWN_FIELD', undefined],
    ['a target without its field', 'x', 'a.txt', 'text/plain', target, 400, 'VALIDATION_FAILED', 'invalid_format'],
  ])('refuses %s', async (_label, bytes, name, mime, query, status, code, issueCode) => {
    const before = (await t.sql(`SELECT count(*)::int AS n FROM files`))[0].n;
    const up = await upload(t, users.u1.token, bytes, name, mime, query);
    expect(up).toMatchObject({ status, body: { code, message: expect.any(String) } });
    if (issueCode) expect(up.body.details.issues[0]).toMatchObject({ code: issueCode, message: expect.any(String) });
    expect((await t.sql(`SELECT count(*)::int AS n FROM files`))[0].n).toBe(before);
  });

  it('accepts a file within the field options, and refuses a form the user cannot see as absent', async () => {
    expect(await upload(t, users.u1.token, 'ok', 'notes.txt', 'text/plain', `${target}&field=docs`)).toMatchObject({ status: 201, body: { mime: 'text/plain' } });
    expect(await upload(t, users.u1.token, '%PDF-1.4', 'a.PDF', 'application/pdf', `${target}&field=docs`)).toMatchObject({ status: 201 });
    expect(await upload(t, users.u3.token, 'ok', 'notes.txt', 'text/plain', `${target}&field=docs`)).toMatchObject({ status: 404 });
    const json = await t.http('POST', '/api/files', { file: 'x' }, users.u1.token);
    expect(json).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('takes a picture type from its bytes, makes a thumbnail, and refuses a fake image', async () => {
    const picture = await png(800, 600);
    const up = await upload(t, users.u1.token, picture, 'photo.jpg', 'image/jpeg', `${target}&field=photos`);
    expect(up).toMatchObject({ status: 201, body: { mime: 'image/png', size: picture.length, name: 'photo.jpg' } });
    const original = await download(t, users.u1.token, up.body.id);
    expect(original.bytes.equals(picture)).toBe(true);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(original.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(original.headers.get('content-security-policy')).toBeNull();
    const thumb = await download(t, users.u1.token, up.body.id, '?thumb=1');
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(thumb.bytes).metadata()).toMatchObject({ format: 'webp', width: 256, height: 192 });

    // A small picture is not enlarged; bytes that are a picture are one whatever the name says.
    const small = await upload(t, users.u1.token, await png(40, 30), 'scan.bin', 'application/octet-stream');
    expect(small).toMatchObject({ status: 201, body: { mime: 'image/png' } });
    expect(await sharp((await download(t, users.u1.token, small.body.id, '?thumb=1')).bytes).metadata()).toMatchObject({ width: 40, height: 30 });

    const fake = await upload(t, users.u1.token, '<script>alert(1)</script>', 'cat.png', 'image/png');
    expect(fake).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { issues: [{ code: 'not_an_image' }] } } });
    const fakeInField = await upload(t, users.u1.token, '<svg onload="alert(1)"/>', 'x.svg', 'image/svg+xml', `${target}&field=photos`);
    expect(fakeInField).toMatchObject({ status: 400, body: { details: { issues: [{ code: 'not_an_image' }] } } });
    // As an attachment an SVG is kept, but served as a download that runs nothing.
    const svg = await upload(t, users.u1.token, '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'x.svg', 'image/svg+xml');
    expect(svg).toMatchObject({ status: 201, body: { mime: 'image/svg+xml' } });
    const served = await download(t, users.u1.token, svg.body.id);
    expect(served.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(served.headers.get('content-security-policy')).toMatch(/^sandbox/);
  });

  describe('holders (FilesService against the real database)', () => {
    let files: FilesService;
    let formId: string;
    const fields = Object.fromEntries(FORM.fields.map((f) => [f.key, f as FieldDefinition]));
    const user = (name: string) => ({ id: users[name].id, username: name, name, isAdmin: false, departmentIds: [], roleIds: [] });
    const newRecord = async () => (await t.http('POST', '/api/apps/legal/forms/contract/records', { data: { title: 'c' } }, t.adminToken)).body.id as string;
    const refOf = (body: any): FileRef => ({ id: body.id, name: body.name, size: body.size, mime: body.mime });
    const holdersOf = async (fileId: string) => t.sql(`SELECT record_id, field_key FROM file_holders WHERE file_id = $1 ORDER BY record_id`, [fileId]);

    beforeAll(async () => {
      files = t.platform.app.get(FilesService);
      [{ id: formId }] = await t.sql(`SELECT id FROM forms WHERE app_key = 'legal' AND key = 'contract'`);
    });

    it('resolves refs to the stored values, then lets readers of the holding record download the file', async () => {
      const up = await upload(t, users.u1.token, 'terms', 'terms.txt', 'text/plain');
      const recordId = await newRecord();
      const sent = { ...refOf(up.body), name: 'renamed.pdf', size: 1, mime: 'application/pdf' };
      const resolved = await t.platform.db.transaction(async (tx) => {
        const refs = await files.resolveRefsOrThrow(tx, user('u1'), formId, null, fields.docs, [sent, sent]);
        await files.syncHolders(tx, formId, recordId, { docs: refs });
        return refs;
      });
      expect(resolved).toEqual([refOf(up.body)]);
      expect(await holdersOf(up.body.id)).toEqual([{ record_id: recordId, field_key: 'docs' }]);

      expect((await download(t, users.u2.token, up.body.id)).status).toBe(200);
      expect((await download(t, users.u1.token, up.body.id)).status).toBe(200);
      expect(await download(t, users.u3.token, up.body.id)).toMatchObject({ status: 404, body: { code: 'FILE_NOT_FOUND' } });

      // Held by this record: anyone editing it may send the ref again; no other record may take it.
      await t.platform.db.transaction((tx) => files.resolveRefsOrThrow(tx, user('u2'), formId, recordId, fields.docs, [refOf(up.body)]));
      const other = await newRecord();
      await expect(t.platform.db.transaction((tx) => files.resolveRefsOrThrow(tx, user('u1'), formId, other, fields.docs, [refOf(up.body)])))
        .rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: { issues: [{ path: ['docs', 0], code: 'file_not_found' }] } });

      // Released: back to its uploader only.
      await t.platform.db.transaction((tx) => files.syncHolders(tx, formId, recordId, { docs: [] }));
      expect(await holdersOf(up.body.id)).toEqual([]);
      expect((await download(t, users.u2.token, up.body.id)).status).toBe(404);
      expect((await download(t, users.u1.token, up.body.id)).status).toBe(200);
    });

    it('refuses files of another user, unknown ids and refs beyond the field limits, at [field, index]', async () => {
      const mine = await upload(t, users.u1.token, 'a', 'a.txt', 'text/plain');
      const theirs = await upload(t, users.u2.token, 'b', 'b.txt', 'text/plain');
      const missing = { id: '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f', name: 'x.txt', size: 1, mime: 'text/plain' };
      const resolve = (name: string, field: FieldDefinition, refs: FileRef[]) =>
        t.platform.db.transaction((tx) => files.resolveRefsOrThrow(tx, user(name), formId, null, field, refs));
      await expect(resolve('u1', fields.docs, [refOf(mine.body), refOf(theirs.body), missing])).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { issues: [{ path: ['docs', 1], code: 'file_not_found' }, { path: ['docs', 2], code: 'file_not_found' }] },
      });
      const third = await upload(t, users.u1.token, 'c', 'c.txt', 'text/plain');
      const fourth = await upload(t, users.u1.token, 'd', 'd.txt', 'text/plain');
      await expect(resolve('u1', fields.docs, [mine, third, fourth].map((u) => refOf(u.body)))).rejects.toMatchObject({ details: { issues: [{ path: ['docs'], code: 'too_many' }] } });
      // The stored type counts, not the one sent: a text file is no picture.
      await expect(resolve('u1', fields.sign, [{ ...refOf(mine.body), mime: 'image/png' }])).rejects.toMatchObject({ details: { issues: [{ path: ['sign'], code: 'invalid_format' }] } });
      expect(await resolve('u1', fields.docs, [])).toEqual([]);
    });

    it('lets only one of two concurrent writes claim a new upload', async () => {
      const up = await upload(t, users.u1.token, 'once', 'once.txt', 'text/plain');
      const [first, second] = [await newRecord(), await newRecord()];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const claim = t.platform.db.transaction(async (tx) => {
        const refs = await files.resolveRefsOrThrow(tx, user('u1'), formId, first, fields.docs, [refOf(up.body)]);
        await files.syncHolders(tx, formId, first, { docs: refs });
        await gate;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const rival = t.platform.db.transaction((tx) => files.resolveRefsOrThrow(tx, user('u1'), formId, second, fields.docs, [refOf(up.body)]));
      const rivalOutcome = rival.then(() => 'claimed', (error) => error.code);
      await new Promise((resolve) => setTimeout(resolve, 100));
      release();
      await claim;
      expect(await rivalOutcome).toBe('VALIDATION_FAILED');
      expect(await holdersOf(up.body.id)).toEqual([{ record_id: first, field_key: 'docs' }]);
    });
  });
});

describe('files on S3-compatible storage (s3rver)', () => {
  let t: TestPlatform;
  let s3: { close(): Promise<void> };
  let s3Dir: string;
  let dataDir: string;
  let token: string;

  beforeAll(async () => {
    s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-s3-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-files-'));
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: 'files-test' }] });
    const { port } = await (s3 as unknown as { run(): Promise<{ port: number }> }).run();
    t = await startTestPlatform({
      settings: {
        dataDir,
        fileStorage: 's3',
        s3: { endpoint: `http://127.0.0.1:${port}`, bucket: 'files-test', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true },
      },
    });
    token = t.adminToken;
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
    fs.rmSync(s3Dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts the bytes and the thumbnail in the bucket and serves them back', async () => {
    const picture = await png(300, 600);
    const up = await upload(t, token, picture, '图.png', 'image/png');
    expect(up).toMatchObject({ status: 201, body: { mime: 'image/png', size: picture.length } });
    const inBucket = fs.readdirSync(s3Dir, { recursive: true }).map(String);
    expect(inBucket.some((entry) => entry.includes(up.body.id))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'files'))).toBe(false);

    expect((await download(t, token, up.body.id)).bytes.equals(picture)).toBe(true);
    expect(await sharp((await download(t, token, up.body.id, '?thumb=1')).bytes).metadata()).toMatchObject({ width: 128, height: 256 });

    const doc = await upload(t, token, Buffer.from('%PDF-1.4 plain'), 'a.pdf', 'application/pdf');
    expect((await download(t, token, doc.body.id)).bytes.toString()).toBe('%PDF-1.4 plain');
  });

  it('answers 404 when the bucket lost the bytes', async () => {
    const up = await upload(t, token, 'gone soon', 'gone.txt', 'text/plain');
    await t.platform.app.get<symbol, FileStorage>(FILE_STORAGE).delete(up.body.id);
    expect(await download(t, token, up.body.id)).toMatchObject({ status: 404, body: { code: 'FILE_NOT_FOUND' } });
  });
});

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** System metadata tables, the data schema for form tables, and the append-only audit trigger. */
export class InitialSchema1732700000000 implements MigrationInterface {
  name = 'InitialSchema1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS data`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        name text NOT NULL,
        password_hash text NOT NULL,
        department_ids uuid[] NOT NULL DEFAULT '{}',
        role_ids uuid[] NOT NULL DEFAULT '{}',
        manager_id uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        active boolean NOT NULL DEFAULT true,
        is_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        parent_id uuid NULL REFERENCES departments(id) ON DELETE RESTRICT,
        head_user_id uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        sort_order integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX departments_parent_idx ON departments(parent_id)`);
    await q.query(`
      CREATE TABLE roles (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        package_key text NULL UNIQUE,
        grants jsonb NOT NULL DEFAULT '[]'
      )`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        ip text NULL
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions(user_id)`);
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        scopes jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        expires_at timestamptz NULL,
        last_used_at timestamptz NULL,
        revoked_at timestamptz NULL
      )`);
    await q.query(`
      CREATE TABLE login_throttle (
        username text PRIMARY KEY,
        failed_count integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz NULL
      )`);
    await q.query(`
      CREATE TABLE apps (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE,
        name jsonb NOT NULL,
        description jsonb NULL,
        icon text NULL,
        navigation jsonb NOT NULL DEFAULT '[]',
        package_version text NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE forms (
        id uuid PRIMARY KEY,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        app_key text NOT NULL,
        key text NOT NULL,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        table_name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (app_key, key)
      )`);
    await q.query(`
      CREATE TABLE form_versions (
        form_id uuid NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        created_by uuid NULL,
        PRIMARY KEY (form_id, version)
      )`);
    await q.query(`
      CREATE TABLE views (
        id uuid PRIMARY KEY,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        form_key text NOT NULL,
        key text NOT NULL,
        definition jsonb NOT NULL,
        UNIQUE (app_id, form_key, key)
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id uuid NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        app_key text NULL,
        form_key text NULL,
        target_id text NULL,
        before jsonb NULL,
        after jsonb NULL,
        ip text NULL
      )`);
    await q.query(`CREATE INDEX audit_target_idx ON audit_log(app_key, form_key, target_id, id DESC)`);
    await q.query(`CREATE INDEX audit_actor_idx ON audit_log(actor_id, id DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        processed_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox(id) WHERE processed_at IS NULL`);
    await q.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY,
        type text NOT NULL,
        status text NOT NULL,
        progress_done integer NOT NULL DEFAULT 0,
        progress_total integer NOT NULL DEFAULT 0,
        input jsonb NULL,
        result jsonb NULL,
        error text NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['jobs', 'outbox', 'audit_log', 'views', 'form_versions', 'forms', 'apps', 'login_throttle', 'api_tokens', 'sessions', 'roles', 'departments', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only`);
  }
}

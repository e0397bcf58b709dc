import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Flow definitions (every published version), instances (the engine's state) and the task inbox. */
export class Flows1732700000002 implements MigrationInterface {
  name = 'Flows1732700000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE flow_definitions (
        app_key text NOT NULL,
        key text NOT NULL,
        version integer NOT NULL,
        form_key text NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        created_by uuid NULL,
        PRIMARY KEY (app_key, key, version)
      )`);
    await q.query(`
      CREATE TABLE flow_instances (
        id uuid PRIMARY KEY,
        app_key text NOT NULL,
        form_key text NOT NULL,
        flow_key text NOT NULL,
        version integer NOT NULL,
        record_id uuid NOT NULL,
        initiator_id uuid NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        lock jsonb NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX flow_instances_record_idx ON flow_instances(app_key, form_key, record_id, created_at DESC)`);
    await q.query(`CREATE INDEX flow_instances_initiator_idx ON flow_instances(initiator_id, id DESC)`);
    await q.query(`CREATE UNIQUE INDEX flow_instances_one_running ON flow_instances(app_key, form_key, record_id) WHERE status IN ('running', 'returned')`);
    await q.query(`
      CREATE TABLE flow_tasks (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES flow_instances(id) ON DELETE CASCADE,
        app_key text NOT NULL,
        form_key text NOT NULL,
        flow_key text NOT NULL,
        record_id uuid NOT NULL,
        node_key text NOT NULL,
        kind text NOT NULL,
        assignee_id uuid NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        done_at timestamptz NULL,
        due_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX flow_tasks_inbox_idx ON flow_tasks(assignee_id, status, id DESC)`);
    await q.query(`CREATE INDEX flow_tasks_instance_idx ON flow_tasks(instance_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS flow_tasks`);
    await q.query(`DROP TABLE IF EXISTS flow_instances`);
    await q.query(`DROP TABLE IF EXISTS flow_definitions`);
  }
}

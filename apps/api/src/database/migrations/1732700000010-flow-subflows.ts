import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sub-flows: an instance started by a sub-flow node knows its parent, the node that waits for it and
 * that node's visit. A sub-flow may run on its parent's record, so "one running flow per record" holds
 * for top-level instances only.
 */
export class FlowSubflows1732700000010 implements MigrationInterface {
  name = 'FlowSubflows1732700000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE flow_instances
        ADD COLUMN parent_id uuid NULL REFERENCES flow_instances(id) ON DELETE CASCADE,
        ADD COLUMN parent_node_key text NULL,
        ADD COLUMN parent_visit_id text NULL`);
    await q.query(`DROP INDEX flow_instances_one_running`);
    await q.query(`CREATE UNIQUE INDEX flow_instances_one_running ON flow_instances(app_key, form_key, record_id) WHERE status IN ('running', 'returned') AND parent_id IS NULL`);
    await q.query(`CREATE INDEX flow_instances_parent_idx ON flow_instances(parent_id, parent_visit_id) WHERE parent_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS flow_instances_parent_idx`);
    await q.query(`DROP INDEX flow_instances_one_running`);
    await q.query(`CREATE UNIQUE INDEX flow_instances_one_running ON flow_instances(app_key, form_key, record_id) WHERE status IN ('running', 'returned')`);
    await q.query(`ALTER TABLE flow_instances DROP COLUMN parent_visit_id, DROP COLUMN parent_node_key, DROP COLUMN parent_id`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications (from flows: cc, reminders, overdue, outcomes, action nodes), each user's
 * notification settings (where email goes, whether it goes), and when each notification was emailed.
 * notifications.user_id has no foreign key on purpose: users are never deleted (they are deactivated),
 * and the key-share lock a foreign key takes on the user's row would make every concurrent approval
 * that notifies one initiator share a multixact on that row.
 */
export class Notifications1732700000011 implements MigrationInterface {
  name = 'Notifications1732700000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        at timestamptz NOT NULL,
        template text NOT NULL,
        data jsonb NOT NULL,
        read_at timestamptz NULL,
        emailed_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications(user_id, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications(user_id) WHERE read_at IS NULL`);
    await q.query(`
      CREATE TABLE notification_settings (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        email text NULL,
        email_enabled boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_settings`);
    await q.query(`DROP TABLE IF EXISTS notifications`);
  }
}

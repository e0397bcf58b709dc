import { DataSource } from 'typeorm';
import { types, type Pool, type PoolClient } from 'pg';
import { ApiTokenEntity } from '../auth/api-token.entity';
import { LoginThrottleEntity } from '../auth/login-throttle.entity';
import { SessionEntity } from '../auth/session.entity';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { OutboxEventEntity } from '../audit/outbox-event.entity';
import { JobEntity } from '../jobs/job.entity';
import { AppEntity } from '../metadata/app.entity';
import { FormEntity, FormVersionEntity } from '../metadata/form.entity';
import { ViewEntity } from '../metadata/view.entity';
import { DepartmentEntity } from '../organisation/department.entity';
import { RoleEntity } from '../organisation/role.entity';
import { UserEntity } from '../organisation/user.entity';
import { InitialSchema1732700000000 } from './migrations/1732700000000-initial-schema';
import { SafeCasts1732700000001 } from './migrations/1732700000001-safe-casts';
import { Flows1732700000002 } from './migrations/1732700000002-flows';
import { Files1732700000003 } from './migrations/1732700000003-files';
import { RecordLinks1732700000004 } from './migrations/1732700000004-record-links';
import { ViewOwners1732700000005 } from './migrations/1732700000005-view-owners';
import { FlowSubflows1732700000010 } from './migrations/1732700000010-flow-subflows';
import { Notifications1732700000011 } from './migrations/1732700000011-notifications';
import { RecordComments1732700000012 } from './migrations/1732700000012-record-comments';
import { AppDrafts1732700000015 } from './migrations/1732700000015-app-drafts';
import { ImportUploads1732700000020 } from './migrations/1732700000020-import-uploads';

// Dates stay 'YYYY-MM-DD' strings (a JS Date would shift them by the server's time zone);
// bigint counts become numbers.
types.setTypeParser(1082, (v) => v);
types.setTypeParser(20, (v) => Number(v));

export const ENTITIES = [
  UserEntity, DepartmentEntity, RoleEntity, SessionEntity, ApiTokenEntity, LoginThrottleEntity,
  AppEntity, FormEntity, FormVersionEntity, ViewEntity, AuditEntryEntity, OutboxEventEntity, JobEntity,
];

export function createDataSource(url: string, poolSize = 16): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [InitialSchema1732700000000, SafeCasts1732700000001, Flows1732700000002, Files1732700000003, RecordLinks1732700000004, ViewOwners1732700000005, FlowSubflows1732700000010, Notifications1732700000011, RecordComments1732700000012, AppDrafts1732700000015, ImportUploads1732700000020],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'platform' },
  });
}

/** Anything that runs a parameterised query: the pool, or a client inside a transaction. */
export type Queryable = {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
};

/**
 * The one door to PostgreSQL for generated SQL (records, DDL, audit). It uses the pg pool that the
 * TypeORM DataSource owns, without entity hydration, so hot paths pay one round trip per query.
 */
export class Db implements Queryable {
  readonly pool: Pool;

  constructor(readonly dataSource: DataSource) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    const result = await this.pool.query(sql, params);
    return result.rows as R[];
  }

  async one<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R | undefined> {
    return (await this.query<R>(sql, params))[0];
  }

  /** Runs `work` in one transaction; rolls back if it throws. */
  async transaction<T>(work: (tx: Queryable & { client: PoolClient }) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx = {
      client,
      query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
    };
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

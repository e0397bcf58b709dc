import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed logins per username, kept in the database so every process sees the same lockout. */
@Entity('login_throttle')
export class LoginThrottleEntity {
  @PrimaryColumn('text') username: string;
  @Column({ name: 'failed_count', type: 'integer' }) failedCount: number;
  @Column({ name: 'window_started_at', type: 'timestamptz' }) windowStartedAt: Date;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
}

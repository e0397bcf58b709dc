import { Column, Entity, PrimaryColumn } from 'typeorm';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** What a user sees of a background job (GET /api/jobs/{id}); pg-boss does the running. */
@Entity('jobs')
export class JobEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') type: string;
  @Column('text') status: JobStatus;
  @Column({ name: 'progress_done', type: 'integer', default: 0 }) progressDone: number;
  @Column({ name: 'progress_total', type: 'integer', default: 0 }) progressTotal: number;
  @Column({ type: 'jsonb', nullable: true }) input: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) result: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

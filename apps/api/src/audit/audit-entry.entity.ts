import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only: a trigger refuses UPDATE and DELETE of these rows in the database itself. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column('text') action: string;
  @Column({ name: 'target_type', type: 'text' }) targetType: string;
  @Column({ name: 'app_key', type: 'text', nullable: true }) appKey: string | null;
  @Column({ name: 'form_key', type: 'text', nullable: true }) formKey: string | null;
  @Column({ name: 'target_id', type: 'text', nullable: true }) targetId: string | null;
  @Column({ type: 'jsonb', nullable: true }) before: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) ip: string | null;
}

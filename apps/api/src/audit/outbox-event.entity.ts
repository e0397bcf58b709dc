import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Written in the same transaction as the change it announces; consumers mark what they processed. */
@Entity('outbox')
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column('text') topic: string;
  @Column('jsonb') payload: Record<string, unknown>;
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true }) processedAt: Date | null;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ViewDefinition } from '@platform/schema';

@Entity('views')
export class ViewEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'app_id', type: 'uuid' }) appId: string;
  @Column({ name: 'form_key', type: 'text' }) formKey: string;
  @Column('text') key: string;
  @Column('jsonb') definition: ViewDefinition;
  /** The user a personal view belongs to; null for a view shared with everyone who reads the form. */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

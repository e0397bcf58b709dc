import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ViewDefinition } from '@platform/schema';

@Entity('views')
export class ViewEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'app_id', type: 'uuid' }) appId: string;
  @Column({ name: 'form_key', type: 'text' }) formKey: string;
  @Column('text') key: string;
  @Column('jsonb') definition: ViewDefinition;
}

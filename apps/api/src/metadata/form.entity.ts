import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FormDefinition } from '@platform/schema';

/** A form's current definition; its records live in data."<tableName>". */
@Entity('forms')
export class FormEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'app_id', type: 'uuid' }) appId: string;
  @Column({ name: 'app_key', type: 'text' }) appKey: string;
  @Column('text') key: string;
  @Column('integer') version: number;
  @Column('jsonb') definition: FormDefinition;
  @Column({ name: 'table_name', type: 'text' }) tableName: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Every published version of a form, so records and flows can refer to the shape they had. */
@Entity('form_versions')
export class FormVersionEntity {
  @PrimaryColumn({ name: 'form_id', type: 'uuid' }) formId: string;
  @PrimaryColumn('integer') version: number;
  @Column('jsonb') definition: FormDefinition;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DataScope, FieldPermissions, GrantAction } from '@platform/schema';

export type RoleGrant = {
  appKey: string;
  formKey: string;
  actions: GrantAction[];
  scope: DataScope;
  fields?: FieldPermissions;
};

@Entity('roles')
export class RoleEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column({ type: 'text', default: '' }) description: string;
  /** Stable key when the role came from an app package (so an upgrade finds it again). */
  @Column({ name: 'package_key', type: 'text', nullable: true }) packageKey: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) grants: RoleGrant[];
}

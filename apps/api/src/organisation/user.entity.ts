import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column('text') name: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  /** Ordered: the first is the user's main department. */
  @Column({ name: 'department_ids', type: 'uuid', array: true, default: () => "'{}'" }) departmentIds: string[];
  @Column({ name: 'role_ids', type: 'uuid', array: true, default: () => "'{}'" }) roleIds: string[];
  @Column({ name: 'manager_id', type: 'uuid', nullable: true }) managerId: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ name: 'is_admin', type: 'boolean', default: false }) isAdmin: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

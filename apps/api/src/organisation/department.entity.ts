import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('departments')
export class DepartmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ name: 'head_user_id', type: 'uuid', nullable: true }) headUserId: string | null;
  @Column({ name: 'sort_order', type: 'integer', default: 0 }) sortOrder: number;
}

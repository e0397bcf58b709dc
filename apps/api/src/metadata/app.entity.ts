import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalizedText, NavigationItem } from '@platform/schema';

@Entity('apps')
export class AppEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) key: string;
  @Column('jsonb') name: LocalizedText;
  @Column({ type: 'jsonb', nullable: true }) description: LocalizedText | null;
  @Column({ type: 'text', nullable: true }) icon: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) navigation: NavigationItem[];
  @Column({ name: 'package_version', type: 'text', nullable: true }) packageVersion: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

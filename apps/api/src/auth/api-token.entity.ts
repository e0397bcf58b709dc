import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TokenScope = { appKey: string; actions: string[] };

/** A personal API token; acts with the intersection of its scopes and its user's rights. */
@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column('text') name: string;
  @Column({ name: 'token_hash', type: 'bytea', unique: true }) tokenHash: Buffer;
  @Column({ type: 'jsonb', default: () => "'[]'" }) scopes: TokenScope[];
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}

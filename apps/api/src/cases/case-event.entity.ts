import type { Role } from '@tiaojie/domain';
import type { CaseState } from '@tiaojie/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The case timeline: append-only, gap-free `seq` per case. `audience` says who may read it:
 * everyone on the case, or the organisation only (internal notes such as a decline reason).
 */
@Entity({ name: 'case_event' })
@Index('uq_case_event_seq', ['caseId', 'seq'], { unique: true })
export class CaseEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 48 })
  type!: string;

  @Column({ name: 'from_state', type: 'varchar', length: 32, nullable: true })
  fromState!: CaseState | null;

  @Column({ name: 'to_state', type: 'varchar', length: 32, nullable: true })
  toState!: CaseState | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole!: Role | 'system' | null;

  @Column({ type: 'varchar', length: 16, default: 'case' })
  audience!: 'case' | 'organisation';

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

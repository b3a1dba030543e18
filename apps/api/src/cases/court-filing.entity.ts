import type { CourtFilingStatus, EscalationRouteCode } from '@tiaojie/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * R24: where a failed case went — online case filing at the competent court, back to the
 * delegating court, or the parties' own arbitration — with the package frozen at escalation.
 */
@Entity({ name: 'court_filing' })
export class CourtFiling {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_court_filing_case', { unique: true })
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  route!: EscalationRouteCode;

  /** The receiving court (null for arbitration). */
  @Index('ix_court_filing_court')
  @Column({ name: 'court_id', type: 'uuid', nullable: true })
  courtId!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status!: CourtFilingStatus;

  /** The structured case file (JSON); the PDF is rendered from it. */
  @Column({ name: 'package', type: 'jsonb' })
  package!: Record<string, unknown>;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true })
  registeredAt!: Date | null;

  @Column({ name: 'registered_by_id', type: 'uuid', nullable: true })
  registeredById!: string | null;
}

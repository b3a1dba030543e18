import type { ComplaintEventView } from '@tiaojie/contracts';
import type { ComplaintGround, ComplaintOutcome, ComplaintStatus, ComplaintSubject } from '@tiaojie/domain';
import { Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * R38: a complaint about a mediator or an organisation. `organisation_id` is always set — the
 * organisation complained about, or the mediator's — and decides who handles it (its admins).
 * Deadlines from domain `complaintDeadlines`; an escalation stamps the deadline it was for.
 */
@Entity({ name: 'complaint' })
@Index('ix_complaint_org', ['organisationId', 'status'])
@Index('ix_complaint_org_filed', ['organisationId', 'filedAt'])
@Index('ix_complaint_complainant', ['complainantId', 'filedAt'])
@Index('ix_complaint_open_due', ['status', 'decideBy'])
export class Complaint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'complainant_id', type: 'uuid' })
  complainantId!: string;

  @Column({ name: 'subject_kind', type: 'varchar', length: 16 })
  subjectKind!: ComplaintSubject;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'mediator_id', type: 'uuid', nullable: true })
  mediatorId!: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  ground!: ComplaintGround;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 16, default: 'received' })
  status!: ComplaintStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: ComplaintOutcome | null;

  @Column({ type: 'text', nullable: true })
  reasons!: string | null;

  /** By the application's clock (the deadlines count from it). */
  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @Column({ name: 'acknowledge_by', type: 'timestamptz' })
  acknowledgeBy!: Date;

  @Column({ name: 'decide_by', type: 'timestamptz' })
  decideBy!: Date;

  @Column({ name: 'ack_escalated_at', type: 'timestamptz', nullable: true })
  ackEscalatedAt!: Date | null;

  @Column({ name: 'decide_escalated_at', type: 'timestamptz', nullable: true })
  decideEscalatedAt!: Date | null;

  @Column({ name: 'handled_by_id', type: 'uuid', nullable: true })
  handledById!: string | null;

  @Column({ name: 'investigating_at', type: 'timestamptz', nullable: true })
  investigatingAt!: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'told_at', type: 'timestamptz', nullable: true })
  toldAt!: Date | null;
}

/** R38: the complaint's history; `internal` rows (the handler's notes) never reach the complainant. */
@Entity({ name: 'complaint_event' })
@Index('ix_complaint_event', ['complaintId', 'createdAt'])
export class ComplaintEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  /** Orders steps written at the same instant. */
  @Column({ type: 'integer' })
  @Generated('increment')
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  type!: ComplaintEventView['type'];

  @Column({ type: 'boolean', default: false })
  internal!: boolean;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: ComplaintOutcome | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** R38: evidence a complainant uploads (sniffed like case documents; bytes in FileStorage). */
@Entity({ name: 'complaint_evidence' })
@Index('ix_complaint_evidence', ['complaintId'])
export class ComplaintEvidence {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ name: 'uploaded_by_id', type: 'uuid' })
  uploadedById!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'mime_type', type: 'varchar', length: 100 })
  mimeType!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 100 })
  storageKey!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

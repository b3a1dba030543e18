import type { ConsentChannel, ConsentValue, Locale, PartyKind, PartySide } from '@tiaojie/contracts';
import type { ContactAnswer } from '@tiaojie/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MediationCase } from './case.entity';

/** A party to a case: its identity and contacts as filed, the account acting as it, its consent. */
@Entity({ name: 'case_party' })
@Index('ix_case_party_case', ['caseId', 'side'])
export class CaseParty {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => MediationCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_party_case' })
  case?: MediationCase;

  @Column({ type: 'varchar', length: 16 })
  side!: PartySide;

  @Column({ type: 'varchar', length: 16, default: 'person' })
  kind!: PartyKind;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 11 })
  mobile!: string;

  @Column({ name: 'id_number_enc', type: 'text', nullable: true })
  idNumberEnc!: string | null;

  @Column({ name: 'id_number_masked', type: 'varchar', length: 18, nullable: true })
  idNumberMasked!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  /** R30: the division code (GB/T 2260) where the party lives: its basic court is competent. */
  @Column({ name: 'domicile_region', type: 'varchar', length: 12, nullable: true })
  domicileRegion!: string | null;

  /** R30: the court this party chose among the competent ones (all parties must choose the same). */
  @Column({ name: 'court_choice_id', type: 'uuid', nullable: true })
  courtChoiceId!: string | null;

  /** R07: the mediator this party chose from the organisation's public roster (all parties must choose the same). */
  @Column({ name: 'mediator_choice_id', type: 'uuid', nullable: true })
  mediatorChoiceId!: string | null;

  /** Electronic service address (R03, R40). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** The language of SMS and email to this party while it has no account (issue #11); null is zh-CN. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  locale!: Locale | null;

  /** The account acting as this party; null until the respondent registers and claims the invitation. */
  @Index('ix_case_party_user')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /** An agent acting under an uploaded power of attorney (sees what the party sees). */
  @Index('ix_case_party_agent')
  @Column({ name: 'agent_user_id', type: 'uuid', nullable: true })
  agentUserId!: string | null;

  /** R01 */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  consent!: ConsentValue;

  @Column({ name: 'consent_at', type: 'timestamptz', nullable: true })
  consentAt!: Date | null;

  /** R02 */
  @Column({ name: 'notice_seen_at', type: 'timestamptz', nullable: true })
  noticeSeenAt!: Date | null;

  /** R02: the version of the notice text the party was shown (`NOTICE_VERSION`). */
  @Column({ name: 'notice_version', type: 'varchar', length: 16, nullable: true })
  noticeVersion!: string | null;

  /** R02: how the party's own consent was given: on the platform, or by SMS code after staff filed for it. */
  @Column({ name: 'consent_channel', type: 'varchar', length: 16, nullable: true })
  consentChannel!: ConsentChannel | null;

  /** SHA-256 of the one-time invitation token (respondents). */
  @Index('uq_case_party_invitation', { unique: true, where: 'invitation_token_hash IS NOT NULL' })
  @Column({ name: 'invitation_token_hash', type: 'varchar', length: 64, nullable: true })
  invitationTokenHash!: string | null;

  @Column({ name: 'invited_at', type: 'timestamptz', nullable: true })
  invitedAt!: Date | null;

  @Column({ name: 'invitation_opened_at', type: 'timestamptz', nullable: true })
  invitationOpenedAt!: Date | null;

  /** R40: the party's recorded consent to electronic service at this address (a mobile or an email). */
  @Column({ name: 'e_service_address', type: 'varchar', length: 254, nullable: true })
  eServiceAddress!: string | null;

  @Column({ name: 'e_service_consent_at', type: 'timestamptz', nullable: true })
  eServiceConsentAt!: Date | null;

  /** R12: the mediator reached (or failed to reach) this party. */
  @Column({ name: 'contacted_at', type: 'timestamptz', nullable: true })
  contactedAt!: Date | null;

  /** R12: the answer given when reached (agreed / refused / thinking); `agreed` is confirmed by the party through the SMS link. */
  @Column({ name: 'contact_answer', type: 'varchar', length: 16, nullable: true })
  contactAnswer!: ContactAnswer | null;

  @Column({ name: 'contact_answer_at', type: 'timestamptz', nullable: true })
  contactAnswerAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  position!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

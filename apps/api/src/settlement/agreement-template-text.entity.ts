import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Issue #13: a system admin's wording of a dispute type's agreement template (R25); absent: the coded text. */
@Entity({ name: 'agreement_template_text' })
export class AgreementTemplateText {
  @PrimaryColumn({ name: 'dispute_type', type: 'varchar', length: 32 })
  disputeType!: string;

  @Column({ name: 'disputed_matters', type: 'text' })
  disputedMatters!: string;

  @Column({ type: 'text' })
  responsibilities!: string;

  @Column({ name: 'other_terms', type: 'text' })
  otherTerms!: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

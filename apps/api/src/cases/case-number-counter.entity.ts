import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last case number used per year: incremented in the submitting transaction (no gaps, no repeats). */
@Entity({ name: 'case_number_counter' })
export class CaseNumberCounter {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  last!: number;
}

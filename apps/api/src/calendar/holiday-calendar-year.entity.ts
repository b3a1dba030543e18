import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One year's holiday schedule (R07, R09, R12, R29, R33 deadlines): from the package or entered by a system admin. */
@Entity({ name: 'holiday_calendar_year' })
export class HolidayCalendarYear {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  /** 'package' (shipped State Council schedule) or 'admin' (entered or corrected, audited). */
  @Column({ type: 'varchar', length: 16 })
  source!: 'package' | 'admin';

  /** Non-working holidays and 调休 working days, local dates YYYY-MM-DD. */
  @Column({ type: 'jsonb' })
  days!: { holidays: string[]; workdays: string[] };

  @Column({ type: 'boolean' })
  published!: boolean;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

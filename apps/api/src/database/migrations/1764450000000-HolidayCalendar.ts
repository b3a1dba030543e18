import { MigrationInterface, QueryRunner } from 'typeorm';

/** The holiday calendar as data (issue #10); rows are seeded from the package at start. */
export class HolidayCalendar1764450000000 implements MigrationInterface {
  name = 'HolidayCalendar1764450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "holiday_calendar_year" (
                "year" integer NOT NULL,
                "source" character varying(16) NOT NULL,
                "days" jsonb NOT NULL,
                "published" boolean NOT NULL,
                "updated_by" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_7e317c2bcd8a18e2b73b149aaa4" PRIMARY KEY ("year")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "holiday_calendar_year"`);
  }
}

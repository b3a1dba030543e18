import { MigrationInterface, QueryRunner } from 'typeorm';

/** R21: court-brought cases (court, kind, the court's number, procedure) and the kinds an organisation takes; R27: the archived case file. */
export class CourtCasesArchive1764510000000 implements MigrationInterface {
  name = 'CourtCasesArchive1764510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mediation_case" ADD "court_id" uuid`);
    await queryRunner.query(`ALTER TABLE "mediation_case" ADD "court_case_kind" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "mediation_case" ADD "court_case_number" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "mediation_case" ADD "court_procedure" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "mediation_case" ADD "archived_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_court_number" ON "mediation_case" ("court_id", "court_case_number") WHERE court_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "organisation" ADD "court_case_kinds" text array NOT NULL DEFAULT '{delegated,entrusted}'`);
    await queryRunner.query(`
            CREATE TABLE "case_archive" (
                "case_id" uuid NOT NULL,
                "storage_key" character varying(200) NOT NULL,
                "file_name" character varying(120) NOT NULL,
                "sha256" character varying(64) NOT NULL,
                "size_bytes" integer NOT NULL,
                "closed_from" character varying(32) NOT NULL,
                "closed_by_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_case_archive" PRIMARY KEY ("case_id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_archive"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "court_case_kinds"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_court_number"`);
    await queryRunner.query(`ALTER TABLE "mediation_case" DROP COLUMN "archived_at"`);
    await queryRunner.query(`ALTER TABLE "mediation_case" DROP COLUMN "court_procedure"`);
    await queryRunner.query(`ALTER TABLE "mediation_case" DROP COLUMN "court_case_number"`);
    await queryRunner.query(`ALTER TABLE "mediation_case" DROP COLUMN "court_case_kind"`);
    await queryRunner.query(`ALTER TABLE "mediation_case" DROP COLUMN "court_id"`);
  }
}

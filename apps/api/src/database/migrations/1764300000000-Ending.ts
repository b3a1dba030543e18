import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ending1764300000000 implements MigrationInterface {
  name = 'Ending1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "failure_report" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "reason_code" character varying(32) NOT NULL,
                "reason_note" text,
                "situation" text NOT NULL,
                "cost_conduct" text,
                "author_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_7ff9e42656125d098268c60878f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_failure_report_case" ON "failure_report" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "court_filing" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "route" character varying(16) NOT NULL,
                "court_id" uuid,
                "status" character varying(16) NOT NULL DEFAULT 'submitted',
                "package" jsonb NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "registered_at" TIMESTAMP WITH TIME ZONE,
                "registered_by_id" uuid,
                CONSTRAINT "PK_14d67eb9a809544d277abf2d995" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_court_filing_case" ON "court_filing" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_court_filing_court" ON "court_filing" ("court_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "mediation_extension" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "days" integer NOT NULL,
                "reason" text NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "proposed_by_id" uuid NOT NULL,
                "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_b7825f0b03c69b07f3a739d32ee" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mediation_extension_case" ON "mediation_extension" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "mediation_extension_consent" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "extension_id" uuid NOT NULL,
                "party_id" uuid NOT NULL,
                "decision" character varying(16) NOT NULL DEFAULT 'pending',
                "decided_by_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "uq_extension_consent_party" UNIQUE ("extension_id", "party_id"),
                CONSTRAINT "PK_40c4db09756362e67584863a946" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "sham_report" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "note" text NOT NULL,
                "reporter_id" uuid NOT NULL,
                "reporter_role" character varying(16) NOT NULL,
                "from_state" character varying(32) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by_id" uuid,
                "resolution_note" text,
                CONSTRAINT "PK_29154b362347737dadea04a9087" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sham_report_case" ON "sham_report" ("case_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "mediation_case"
            ADD "mediation_extension_days" integer NOT NULL DEFAULT '0'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "mediation_case" DROP COLUMN "mediation_extension_days"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_sham_report_case"
        `);
    await queryRunner.query(`
            DROP TABLE "sham_report"
        `);
    await queryRunner.query(`
            DROP TABLE "mediation_extension_consent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_mediation_extension_case"
        `);
    await queryRunner.query(`
            DROP TABLE "mediation_extension"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_court_filing_court"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_court_filing_case"
        `);
    await queryRunner.query(`
            DROP TABLE "court_filing"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_failure_report_case"
        `);
    await queryRunner.query(`
            DROP TABLE "failure_report"
        `);
  }
}

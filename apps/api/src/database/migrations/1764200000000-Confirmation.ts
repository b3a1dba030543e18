import { MigrationInterface, QueryRunner } from 'typeorm';

export class Confirmation1764200000000 implements MigrationInterface {
  name = 'Confirmation1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "confirmation_application" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "agreement_id" uuid NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'signing',
                "court_id" uuid NOT NULL,
                "basis" character varying(32) NOT NULL,
                "signatures" jsonb NOT NULL DEFAULT '[]',
                "package" jsonb,
                "application_pdf_key" character varying(200),
                "application_pdf_sha256" character varying(64),
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "accept_by" TIMESTAMP WITH TIME ZONE,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_by_id" uuid,
                "rule_by" TIMESTAMP WITH TIME ZONE,
                "extended_at" TIMESTAMP WITH TIME ZONE,
                "extension_reason" text,
                "ruled_at" TIMESTAMP WITH TIME ZONE,
                "judge_id" uuid,
                "judge_name" character varying(64),
                "ruling_number" character varying(40),
                "ruling_pdf_key" character varying(200),
                "ruling_pdf_sha256" character varying(64),
                "verification_code" character varying(16),
                "rejection_ground" character varying(32),
                "rejection_note" text,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_reason" character varying(20),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_aa6d2a184872e916fcde11af607" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_confirmation_case" ON "confirmation_application" ("case_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_confirmation_ruling_number" ON "confirmation_application" ("ruling_number")
            WHERE ruling_number IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_confirmation_verification" ON "confirmation_application" ("verification_code")
            WHERE verification_code IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_confirmation_court_status" ON "confirmation_application" ("court_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "confirmation_supplement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "text" text NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "requested_by_id" uuid NOT NULL,
                "document_ids" uuid array NOT NULL DEFAULT '{}',
                "fulfilled_at" TIMESTAMP WITH TIME ZONE,
                "missed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_16d42a8833dbc01f719ffbf676c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_confirmation_supplement_due" ON "confirmation_supplement" ("due_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_confirmation_supplement_app" ON "confirmation_supplement" ("application_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "confirmation_message" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "author_role" character varying(8) NOT NULL,
                "author_name" character varying(100) NOT NULL,
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_a293c82d0c80e1df7bc5b6eb809" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_confirmation_message_app" ON "confirmation_message" ("application_id", "created_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "confirmation_message"`);
    await queryRunner.query(`DROP TABLE "confirmation_supplement"`);
    await queryRunner.query(`DROP TABLE "confirmation_application"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class Agreements1764000000000 implements MigrationInterface {
  name = 'Agreements1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "agreement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'draft',
                "revision" integer NOT NULL DEFAULT '1',
                "partial" boolean NOT NULL DEFAULT false,
                "template" character varying(32) NOT NULL,
                "content" jsonb NOT NULL DEFAULT '{}',
                "content_hash" character varying(64),
                "signing_started_at" TIMESTAMP WITH TIME ZONE,
                "effective_at" TIMESTAMP WITH TIME ZONE,
                "sealed_by_org" character varying(100),
                "verification_code" character varying(16),
                "pdf_sha256" character varying(64),
                "pdf_storage_key" character varying(200),
                "supersedes_id" uuid,
                "created_by_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_agreement_case_seq" UNIQUE ("case_id", "seq"),
                CONSTRAINT "PK_e7537188219eeef56233a609753" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_agreement_case" ON "agreement" ("case_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_agreement_verification" ON "agreement" ("verification_code")
            WHERE verification_code IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "agreement_revision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "agreement_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "snapshot" jsonb NOT NULL,
                "note" text,
                "created_by_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_agreement_revision" UNIQUE ("agreement_id", "revision"),
                CONSTRAINT "PK_33b2b1fbfd70f05fd65e6efaa57" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "agreement_change_request" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "agreement_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "party_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "text" text NOT NULL,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c55916230b6247139e9bc1be09c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_agreement_change_request" ON "agreement_change_request" ("agreement_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "agreement_signature" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "agreement_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "content_hash" character varying(64) NOT NULL,
                "signer_id" uuid NOT NULL,
                "signer_role" character varying(16) NOT NULL,
                "party_id" uuid,
                "signer_name" character varying(64) NOT NULL,
                "image_png" bytea NOT NULL,
                "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ip" character varying(64),
                "user_agent" character varying(300),
                CONSTRAINT "uq_agreement_signature" UNIQUE ("agreement_id", "revision", "signer_id"),
                CONSTRAINT "PK_a1c52a86260d677da0f602f884f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "obligation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "agreement_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "obligor_party_id" uuid NOT NULL,
                "obligee_party_id" uuid NOT NULL,
                "kind" character varying(16) NOT NULL,
                "description" text NOT NULL,
                "amount" numeric(15, 2),
                "place" character varying(200) NOT NULL DEFAULT '',
                "method" character varying(200) NOT NULL DEFAULT '',
                "due_date" date NOT NULL,
                "instalment" integer,
                "instalments" integer,
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "proof_document_id" uuid,
                "performed_at" TIMESTAMP WITH TIME ZONE,
                "reminded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "uq_obligation_seq" UNIQUE ("agreement_id", "seq"),
                CONSTRAINT "PK_3a70be17386980c9fec1df4d25d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_obligation_case" ON "obligation" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_obligation_due" ON "obligation" ("status", "due_date")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_obligation_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_obligation_case"
        `);
    await queryRunner.query(`
            DROP TABLE "obligation"
        `);
    await queryRunner.query(`
            DROP TABLE "agreement_signature"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_agreement_change_request"
        `);
    await queryRunner.query(`
            DROP TABLE "agreement_change_request"
        `);
    await queryRunner.query(`
            DROP TABLE "agreement_revision"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_agreement_verification"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_agreement_case"
        `);
    await queryRunner.query(`
            DROP TABLE "agreement"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class CasesIntake1763910000000 implements MigrationInterface {
  name = 'CasesIntake1763910000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "case_access_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "user_id" uuid,
                "action" character varying(32) NOT NULL,
                "target_id" uuid,
                "allowed" boolean NOT NULL DEFAULT true,
                "ip" character varying(64),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5e4bfb5d3419d7c3f52a03c655c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_access_case" ON "case_access_log" ("case_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_assignment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "mediator_id" uuid NOT NULL,
                "role" character varying(16) NOT NULL DEFAULT 'presiding',
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "assigned_by_id" uuid,
                "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "respond_by" TIMESTAMP WITH TIME ZONE NOT NULL,
                "responded_at" TIMESTAMP WITH TIME ZONE,
                "decline_reason" character varying(32),
                "decline_note" text,
                "conflict_disclosure" text,
                "reminded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_23dbc3b5ef530451316d063247b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_assignment_mediator" ON "case_assignment" ("mediator_id", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_assignment_case" ON "case_assignment" ("case_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "type" character varying(48) NOT NULL,
                "from_state" character varying(32),
                "to_state" character varying(32),
                "actor_id" uuid,
                "actor_role" character varying(16),
                "audience" character varying(16) NOT NULL DEFAULT 'case',
                "data" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5b6e18b2d4fd178711a2269645e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_case_event_seq" ON "case_event" ("case_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_number_counter" (
                "year" integer NOT NULL,
                "last" integer NOT NULL,
                CONSTRAINT "PK_05931467fd562911e696a43561b" PRIMARY KEY ("year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "mediation_case" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "number" character varying(20),
                "state" character varying(32) NOT NULL DEFAULT 'DRAFT',
                "version" integer NOT NULL,
                "dispute_type" character varying(32) NOT NULL,
                "facts" text NOT NULL DEFAULT '',
                "claim_amount" numeric(15, 2),
                "other_requests" text,
                "region" character varying(12),
                "organisation_id" uuid,
                "chosen_organisation_id" uuid,
                "preferred_mediator_id" uuid,
                "court_delegated" boolean NOT NULL DEFAULT false,
                "channel" character varying(16) NOT NULL DEFAULT 'self',
                "filed_by_id" uuid NOT NULL,
                "evaluation" jsonb,
                "return_reason" character varying(32),
                "termination_reason" character varying(32),
                "reason_note" text,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "mediator_accepted_at" TIMESTAMP WITH TIME ZONE,
                "first_contact_at" TIMESTAMP WITH TIME ZONE,
                "mediation_started_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_64098336370789f18afd81da4b5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_case_number" ON "mediation_case" ("number")
            WHERE number IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_organisation" ON "mediation_case" ("organisation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_filed_by" ON "mediation_case" ("filed_by_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_org_state" ON "mediation_case" ("organisation_id", "state", "submitted_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_party" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "side" character varying(16) NOT NULL,
                "kind" character varying(16) NOT NULL DEFAULT 'person',
                "name" character varying(100) NOT NULL,
                "mobile" character varying(11) NOT NULL,
                "id_number_enc" text,
                "id_number_masked" character varying(18),
                "address" character varying(200),
                "email" character varying(254),
                "user_id" uuid,
                "agent_user_id" uuid,
                "consent" character varying(16) NOT NULL DEFAULT 'pending',
                "consent_at" TIMESTAMP WITH TIME ZONE,
                "notice_seen_at" TIMESTAMP WITH TIME ZONE,
                "invitation_token_hash" character varying(64),
                "invited_at" TIMESTAMP WITH TIME ZONE,
                "invitation_opened_at" TIMESTAMP WITH TIME ZONE,
                "contacted_at" TIMESTAMP WITH TIME ZONE,
                "position" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5c81ebb16804d0afd147c36bfbc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_party_user" ON "case_party" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_party_agent" ON "case_party" ("agent_user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_case_party_invitation" ON "case_party" ("invitation_token_hash")
            WHERE invitation_token_hash IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_party_case" ON "case_party" ("case_id", "side")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_document" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "uploaded_by_id" uuid NOT NULL,
                "uploaded_by_side" character varying(16) NOT NULL,
                "kind" character varying(24) NOT NULL,
                "visibility" character varying(16) NOT NULL,
                "file_name" character varying(160) NOT NULL,
                "mime_type" character varying(100) NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character varying(64) NOT NULL,
                "storage_key" character varying(200) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ec7b8f5c5bbda47d84b23d6f944" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_case_document_case" ON "case_document" ("case_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "mediator_profile" (
                "user_id" uuid NOT NULL,
                "dispute_types" text array NOT NULL DEFAULT '{}',
                "expertise" text array NOT NULL DEFAULT '{}',
                "bio" text NOT NULL DEFAULT '',
                "years_of_practice" integer NOT NULL DEFAULT '0',
                "charges_fees" boolean NOT NULL DEFAULT false,
                "is_public" boolean NOT NULL DEFAULT true,
                "capacity" integer NOT NULL DEFAULT '30',
                CONSTRAINT "PK_7bd0a600a47199ad112e32f2648" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dedup_key" character varying(200) NOT NULL,
                "case_id" uuid,
                "event_id" uuid,
                "recipient_user_id" uuid,
                "recipient_mobile" character varying(11),
                "recipient_email" character varying(254),
                "recipient_role" character varying(16) NOT NULL,
                "channel" character varying(8) NOT NULL,
                "locale" character varying(8) NOT NULL DEFAULT 'zh-CN',
                "template" character varying(64) NOT NULL,
                "params" jsonb NOT NULL DEFAULT '{}',
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "read_at" TIMESTAMP WITH TIME ZONE,
                "last_error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_dedup" ON "notification" ("dedup_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_user" ON "notification" ("recipient_user_id", "channel", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_due" ON "notification" ("status", "next_attempt_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD "dispute_types" text array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD "regions" text array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "case_party"
            ADD CONSTRAINT "fk_case_party_case" FOREIGN KEY ("case_id") REFERENCES "mediation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_party" DROP CONSTRAINT "fk_case_party_case"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation" DROP COLUMN "regions"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation" DROP COLUMN "dispute_types"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notification_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notification_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_notification_dedup"
        `);
    await queryRunner.query(`
            DROP TABLE "notification"
        `);
    await queryRunner.query(`
            DROP TABLE "mediator_profile"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_case_document_case"
        `);
    await queryRunner.query(`
            DROP TABLE "case_document"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_case_party_case"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_case_party_invitation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_case_party_agent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_case_party_user"
        `);
    await queryRunner.query(`
            DROP TABLE "case_party"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_case_org_state"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_case_filed_by"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_case_organisation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_case_number"
        `);
    await queryRunner.query(`
            DROP TABLE "mediation_case"
        `);
    await queryRunner.query(`
            DROP TABLE "case_number_counter"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_case_event_seq"
        `);
    await queryRunner.query(`
            DROP TABLE "case_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_case_assignment_case"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_case_assignment_mediator"
        `);
    await queryRunner.query(`
            DROP TABLE "case_assignment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_case_access_case"
        `);
    await queryRunner.query(`
            DROP TABLE "case_access_log"
        `);
  }
}

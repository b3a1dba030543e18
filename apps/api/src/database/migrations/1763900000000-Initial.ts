import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "mobile" character varying(11) NOT NULL,
                "password_hash" text,
                "name" character varying(50) NOT NULL,
                "email" character varying(254),
                "locale" character varying(8) NOT NULL DEFAULT 'zh-CN',
                "roles" text array NOT NULL DEFAULT '{citizen}',
                "intake_channel" character varying(16),
                "real_name" character varying(50),
                "id_number_enc" text,
                "id_number_hash" character varying(64),
                "id_number_masked" character varying(18),
                "real_name_verified_at" TIMESTAMP WITH TIME ZONE,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "disabled_reason" character varying(200),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_app_user_mobile" ON "app_user" ("mobile")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_app_user_id_number_hash" ON "app_user" ("id_number_hash")
            WHERE id_number_hash IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "auth_session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" character varying(32),
                "ip" character varying(64),
                "user_agent" character varying(300),
                CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_auth_session_user" ON "auth_session" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "login_throttle" (
                "mobile" character varying(11) NOT NULL,
                "failures" integer NOT NULL DEFAULT '0',
                "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "locked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_9316b5097367519fb053a00d35e" PRIMARY KEY ("mobile")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "otp_code" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "mobile" character varying(11) NOT NULL,
                "purpose" character varying(16) NOT NULL,
                "code_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "consumed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_c2c773c7da0f03da4a23c4066a7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_otp_code_mobile_purpose" ON "otp_code" ("mobile", "purpose", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_token" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "session_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_token_session" ON "refresh_token" ("session_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_refresh_token_hash" ON "refresh_token" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "actor_id" uuid,
                "action" character varying(64) NOT NULL,
                "target_type" character varying(32) NOT NULL,
                "target_id" uuid,
                "ip" character varying(64),
                "user_agent" character varying(300),
                "request_id" character varying(64),
                "detail" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_log_actor" ON "audit_log" ("actor_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_log_target" ON "audit_log" ("target_type", "target_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "court" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(100) NOT NULL,
                "region" character varying(12) NOT NULL,
                "level" character varying(16) NOT NULL DEFAULT 'basic',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d8f2118c52b422b03e0331a7b91" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "organisation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(100) NOT NULL,
                "type" character varying(32) NOT NULL,
                "region" character varying(12) NOT NULL,
                "court_id" uuid,
                "charges_fees" boolean NOT NULL DEFAULT false,
                "description" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "membership" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "organisation_id" uuid,
                "court_id" uuid,
                "role" character varying(16) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_membership_user" ON "membership" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_membership" ON "membership" ("user_id", "organisation_id", "court_id", "role")
        `);
    await queryRunner.query(`
            CREATE TABLE "dev_sms_message" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "mobile" character varying(11) NOT NULL,
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3c857175ffade9a34c0a447e57d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_dev_sms_message_mobile" ON "dev_sms_message" ("mobile")
        `);
    await queryRunner.query(`
            ALTER TABLE "auth_session"
            ADD CONSTRAINT "fk_auth_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_token"
            ADD CONSTRAINT "fk_refresh_token_session" FOREIGN KEY ("session_id") REFERENCES "auth_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD CONSTRAINT "fk_organisation_court" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "fk_membership_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "fk_membership_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "fk_membership_court" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_court"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_organisation"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation" DROP CONSTRAINT "fk_organisation_court"
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_token" DROP CONSTRAINT "fk_refresh_token_session"
        `);
    await queryRunner.query(`
            ALTER TABLE "auth_session" DROP CONSTRAINT "fk_auth_session_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_dev_sms_message_mobile"
        `);
    await queryRunner.query(`
            DROP TABLE "dev_sms_message"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_membership"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_membership_user"
        `);
    await queryRunner.query(`
            DROP TABLE "membership"
        `);
    await queryRunner.query(`
            DROP TABLE "organisation"
        `);
    await queryRunner.query(`
            DROP TABLE "court"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_target"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_actor"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_refresh_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_token_session"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_token"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_otp_code_mobile_purpose"
        `);
    await queryRunner.query(`
            DROP TABLE "otp_code"
        `);
    await queryRunner.query(`
            DROP TABLE "login_throttle"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_auth_session_user"
        `);
    await queryRunner.query(`
            DROP TABLE "auth_session"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_app_user_id_number_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_app_user_mobile"
        `);
    await queryRunner.query(`
            DROP TABLE "app_user"
        `);
  }
}

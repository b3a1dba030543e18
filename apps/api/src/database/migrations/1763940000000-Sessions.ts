import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sessions1763940000000 implements MigrationInterface {
  name = 'Sessions1763940000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "mediation_session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "duration_minutes" integer NOT NULL DEFAULT '60',
                "mode" character varying(8) NOT NULL,
                "separate" boolean NOT NULL DEFAULT false,
                "party_ids" uuid array NOT NULL,
                "created_by_id" uuid NOT NULL,
                "status" character varying(12) NOT NULL DEFAULT 'scheduled',
                "reminded_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0562347e550486b91c562cca4e3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_session_case" ON "mediation_session" ("case_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "session_attendance" (
                "session_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "consented_at" TIMESTAMP WITH TIME ZONE,
                "identity_confirmed_at" TIMESTAMP WITH TIME ZONE,
                "warning_acknowledged_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_209673880c86806e14d1ea423e5" PRIMARY KEY ("session_id", "user_id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "session_attendance"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_session_case"
        `);
    await queryRunner.query(`
            DROP TABLE "mediation_session"
        `);
  }
}

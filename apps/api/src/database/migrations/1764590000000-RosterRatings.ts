import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #13: the roster (a mediator's status per organisation: active, suspended, left; regions,
 * languages and photo of the profile; certification and training records), the parties'
 * ratings of an ended case (once each), and the staff's follow-up visits (回访).
 */
export class RosterRatings1764590000000 implements MigrationInterface {
  name = 'RosterRatings1764590000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mediator_photo" ("user_id" uuid NOT NULL, "mime" character varying(32) NOT NULL, "bytes" bytea NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5011b4ce95b3e1c6d30b9ec5281" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "mediator_credential" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "title" character varying(200) NOT NULL, "issuer" character varying(200) NOT NULL DEFAULT '', "issued_on" date NOT NULL, "expires_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2a4d60d1d7a4398b2305df35ad0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_mediator_credential_user" ON "mediator_credential"  ("user_id", "organisation_id") `);
    await queryRunner.query(
      `CREATE TABLE "case_rating" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "mediator_user_id" uuid, "organisation_id" uuid, "score" smallint NOT NULL, "comment" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_case_rating_comment" CHECK (char_length(comment) <= 500), CONSTRAINT "ck_case_rating_score" CHECK (score BETWEEN 1 AND 5), CONSTRAINT "PK_b2c07e9a0df636b14e6361cf556" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_rating_organisation" ON "case_rating"  ("organisation_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_case_rating_mediator" ON "case_rating"  ("mediator_user_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_rating_party" ON "case_rating"  ("case_id", "user_id") `);
    await queryRunner.query(
      `CREATE TABLE "case_follow_up" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "organisation_id" uuid, "due_on" date NOT NULL, "method" character varying(16) NOT NULL, "notes" text NOT NULL DEFAULT '', "scheduled_by_id" uuid NOT NULL, "performance_status" character varying(16), "result_notes" text, "recorded_by_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5d4210f221d511cfb67c47af1f3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_follow_up_due" ON "case_follow_up"  ("organisation_id", "due_on") `);
    await queryRunner.query(`CREATE INDEX "ix_case_follow_up_case" ON "case_follow_up"  ("case_id") `);
    await queryRunner.query(`ALTER TABLE "membership" ADD "status" character varying(16) NOT NULL DEFAULT 'active'`);
    await queryRunner.query(`ALTER TABLE "membership" ADD "status_reason" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "membership" ADD "status_changed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" ADD "regions" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" ADD "languages" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" ADD "photo_mime" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "mediator_photo" ADD CONSTRAINT "fk_mediator_photo_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mediator_credential" ADD CONSTRAINT "fk_mediator_credential_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "mediator_credential" ADD CONSTRAINT "fk_mediator_credential_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "case_rating" ADD CONSTRAINT "fk_case_rating_case" FOREIGN KEY ("case_id") REFERENCES "mediation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_rating" ADD CONSTRAINT "fk_case_rating_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_follow_up" ADD CONSTRAINT "fk_case_follow_up_case" FOREIGN KEY ("case_id") REFERENCES "mediation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_follow_up" DROP CONSTRAINT "fk_case_follow_up_case"`);
    await queryRunner.query(`ALTER TABLE "case_rating" DROP CONSTRAINT "fk_case_rating_user"`);
    await queryRunner.query(`ALTER TABLE "case_rating" DROP CONSTRAINT "fk_case_rating_case"`);
    await queryRunner.query(`ALTER TABLE "mediator_credential" DROP CONSTRAINT "fk_mediator_credential_organisation"`);
    await queryRunner.query(`ALTER TABLE "mediator_credential" DROP CONSTRAINT "fk_mediator_credential_user"`);
    await queryRunner.query(`ALTER TABLE "mediator_photo" DROP CONSTRAINT "fk_mediator_photo_user"`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" DROP COLUMN "photo_mime"`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" DROP COLUMN "languages"`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" DROP COLUMN "regions"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "status_changed_at"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "status_reason"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_follow_up_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_follow_up_due"`);
    await queryRunner.query(`DROP TABLE "case_follow_up"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_rating_party"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_rating_mediator"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_rating_organisation"`);
    await queryRunner.query(`DROP TABLE "case_rating"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mediator_credential_user"`);
    await queryRunner.query(`DROP TABLE "mediator_credential"`);
    await queryRunner.query(`DROP TABLE "mediator_photo"`);
  }
}
